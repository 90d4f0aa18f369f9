import Foundation
import PipeboardCore
import TOMLKit

/// Tokens kept in a file instead of environment variables: `credentials.toml` beside the config, one table per
/// account, each key the setting's name without `_env`:
///
///     [agency]
///     token = "..."
///
///     [staffing]
///     company_key = "..."
///     user_key = "..."
///
/// The file must be readable by its owner only; anything wider is refused with the chmod that fixes it.
/// Values never appear in errors: a broken file is reported by line only.
package struct Credentials: Hashable, Sendable {
    package var file: String?
    var secrets: [String: [String: String]]

    package static let none = Credentials(file: nil, secrets: [:])

    init(file: String?, secrets: [String: [String: String]]) {
        self.file = file
        self.secrets = secrets
    }

    /// The secret for an account's setting (`token_env` looks for `token`), if the file has one.
    package func secret(account: String, setting: String) -> String? {
        let key = setting.hasSuffix("_env") ? String(setting.dropLast(4)) : setting
        return secrets[account]?[key]?.nilIfEmpty
    }

    /// Every secret in the file, for redaction.
    package var allSecrets: [String] { secrets.values.flatMap(\.values) }

    /// Reads `path`; no file means no credentials.
    package static func load(path: String) throws -> Credentials {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT { return .none }
            throw ConfigError(
                file: path, message: "cannot be read (\(String(cString: strerror(errno)))); check its permissions")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw ConfigError(
                file: path, message: "is not a regular file; replace it with a file of tokens or remove it")
        }
        if let problem = permissionProblem(mode: status.st_mode, owner: status.st_uid, user: getuid()) {
            throw ConfigError(file: path, message: problem.replacingOccurrences(of: "FILE", with: shellQuoted(path)))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, message: "cannot be read; check its permissions")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ConfigError(file: path, message: "is not UTF-8 text; save it as UTF-8")
        }
        return try parse(text, file: path)
    }

    /// Why a file with this mode and owner must not hold secrets, worded with the fix; nil when it is safe.
    static func permissionProblem(mode: mode_t, owner: uid_t, user: uid_t) -> String? {
        if owner != user {
            return "holds tokens but belongs to another user (uid \(owner)); run: chown \(user) FILE && chmod 600 FILE"
        }
        if mode & 0o077 != 0 {
            let who = mode & 0o007 != 0 ? "every user" : "its group"
            return
                "holds tokens but \(who) can read or change it (mode \(String(mode & 0o777, radix: 8))); "
                + "run: chmod 600 FILE"
        }
        return nil
    }

    static func parse(_ text: String, file: String) throws -> Credentials {
        // The parser's description may quote the line, and the line may hold a token: say only where.
        let table = try ConfigSource.table(of: text, file: file, quoting: false)
        let source = ConfigSource(file: file, text: text)
        var secrets: [String: [String: String]] = [:]
        for account in table.keys.sorted() {
            guard let entries = table[account]?.table else {
                throw source.error(
                    at: account, "write each account's tokens as a table: [\(account)] then token = \"...\"")
            }
            var values: [String: String] = [:]
            for key in entries.keys.sorted() {
                guard let value = entries[key]?.string else {
                    throw source.error(at: "\(account).\(key)", "\(account).\(key) must be text in quotes")
                }
                values[key] = value
            }
            secrets[account] = values
        }
        return Credentials(file: file, secrets: secrets)
    }

    static func shellQuoted(_ path: String) -> String {
        path.allSatisfy { $0.isLetter || $0.isNumber || "/._-+".contains($0) }
            ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
