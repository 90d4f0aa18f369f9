import Foundation
import PipeboardConfig
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import PipeboardTerminal

/// `pipeboard doctor`'s checks, in order: the config, the credentials, each account (its secrets, then one
/// cheap authorised request to its provider), the cache, the terminal. It only reads: it makes no data folder,
/// cache or workspace, and changes no card.
struct Doctor {
    let paths: AppPaths
    let environment: [String: String]

    func run() async -> [Finding] {
        var findings: [Finding] = []
        let (config, configFinding) = checkConfig()
        findings.append(configFinding)
        let (credentials, credentialsFinding) = checkCredentialsFile()
        findings += credentialsFinding.map { [$0] } ?? []
        for account in config?.accounts ?? [] {
            findings += await check(account, config: config!, credentials: credentials)
        }
        findings.append(checkCache())
        findings += TerminalCheck.findings(TerminalFacts.read(environment: environment))
        return findings
    }

    func checkConfig() -> (AppConfig?, Finding) {
        let path = paths.configFile
        guard FileManager.default.fileExists(atPath: path) else {
            return (AppConfig.default, .ok("config", "no config at \(path): one local workspace named local"))
        }
        do {
            let config = try AppConfig.load(path: path)
            _ = try config.keyMaps()
            try ThemeLoader.check(config)
            let names = config.accounts.map(\.name).joined(separator: ", ")
            let count = config.accounts.count == 1 ? "1 account" : "\(config.accounts.count) accounts"
            return (config, .ok("config", "\(path): \(count) (\(names))"))
        } catch {
            return (nil, .problem("config", String(describing: error)))
        }
    }

    /// Nil finding when there is no credentials file: tokens then come from the environment only.
    func checkCredentialsFile() -> (Credentials, Finding?) {
        let path = paths.credentialsFile
        guard FileManager.default.fileExists(atPath: path) else { return (.none, nil) }
        do {
            let credentials = try Credentials.load(path: path)
            SecretRedaction.shared.add(credentials.allSecrets)
            return (credentials, .ok("credentials", "\(path): readable by its owner only"))
        } catch {
            return (.none, .problem("credentials", String(describing: error)))
        }
    }

    func check(_ account: AccountConfig, config: AppConfig, credentials: Credentials) async -> [Finding] {
        let label = "\(account.name) (\(account.provider.rawValue))"
        if account.provider == .local {
            return [checkDatabase(paths.localWorkspaceFile(account: account.name), area: "workspace", label: label)]
        }
        let secrets = SecretSource(environment: environment, credentials: credentials)
        let opened: Account
        do {
            opened = try ProviderFactory.account(for: account, paths: paths, secrets: secrets)
        } catch let error as ConfigError {
            return [.problem("account", String(describing: config.source?.locate(error) ?? error))]
        } catch {
            return [.problem("account", "\(label): \(error)")]
        }
        let sources = secretSources(account, credentials: credentials)
        return [.ok("account", "\(label): \(sources)"), await probe(opened, label: label, sources: sources)]
    }

    /// Where each of the account's secrets comes from (never the secret itself).
    func secretSources(_ account: AccountConfig, credentials: Credentials) -> String {
        let file = (paths.credentialsFile as NSString).lastPathComponent
        let named = account.settings.keys.sorted().filter { $0.hasSuffix("_env") }.compactMap { key -> String? in
            guard case .text(let variable)? = account.settings[key] else { return nil }
            let set = !(environment[variable] ?? "").isEmpty
            return "\(key.dropLast(4)) from \(set ? "$" + variable : file)"
        }
        return named.isEmpty ? "credentials from \(file)" : named.joined(separator: ", ")
    }

    /// One cheap request with the account's credentials: reachable, authorised, how long, the budget left.
    func probe(_ account: Account, label: String, sources: String) async -> Finding {
        let address = account.config.baseURL ?? "the provider's own address"
        _ = RateLimitReading.takeLatest()
        let started = ContinuousClock.now
        do {
            try await account.provider.checkAccess()
            let took = (ContinuousClock.now - started).timeInterval * 1_000
            let budget = RateLimitReading.takeLatest().map { "; rate limit: \($0.description)" } ?? ""
            return .ok("provider", "\(label): reachable and authorised in \(Int(took.rounded())) ms\(budget)")
        } catch let error as ProviderError {
            let text = "\(label): \(ProviderText.clean(SecretRedaction.shared(error.description)))"
            switch error {
            case .unauthorized:
                return .problem(
                    "provider", text, fix: "the provider refused the credentials (\(sources)): put in a valid one")
            case .unreachable, .transient:
                return .problem(
                    "provider", text, fix: "check base_url (\(address)), the network, and that the service is up")
            case .rateLimited:
                return .problem("provider", text, fix: "wait for the provider's window to pass, then run doctor again")
            default:
                return .problem("provider", text)
            }
        } catch {
            let text = ProviderText.clean(SecretRedaction.shared(String(describing: error)))
            return .problem("provider", "\(label): \(text)")
        }
    }

    func checkCache() -> Finding {
        checkDatabase(paths.cacheFile, area: "cache", label: nil)
    }

    /// SQLite's integrity check of the cache or a local workspace; a missing file is made at the first run.
    func checkDatabase(_ path: String, area: String, label: String?) -> Finding {
        let what = label.map { "\($0): \(path)" } ?? path
        guard FileManager.default.fileExists(atPath: path) else {
            return .ok(area, "\(what): not made yet (the first run makes it)")
        }
        let fix =
            area == "cache"
            ? "pipeboard cache rebuild (pulls every account again and keeps waiting changes)"
            : "restore \(path) from a backup, or move it away to start an empty workspace"
        do {
            let problems = try IntegrityCheck.problems(inFile: path)
            guard problems.isEmpty else {
                return .problem(area, "\(what): damaged (\(problems.prefix(3).joined(separator: "; ")))", fix: fix)
            }
            return .ok(area, "\(what): integrity ok")
        } catch {
            return .problem(area, "\(what): \(error)", fix: fix)
        }
    }
}
