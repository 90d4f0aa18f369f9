import Foundation
import PipeboardCore
import PipeboardStore

/// An account whose credentials the provider refused (401 / 403) needs attention: its queue pauses, every other
/// account goes on, and the user is told how to fix it. An explicit retry (`r`, `pipeboard sync`,
/// `pipeboard outbox retry`) lifts the pause and tries again.
extension BoardService {
    /// Why the account is paused, with how to fix it; nil when it is not.
    package func attention(account name: String?) throws -> String? {
        try store.setting(Setting.attention(account(name).name))
    }

    /// Every paused account with its message.
    package func attentionByAccount() throws -> [String: String] {
        var found: [String: String] = [:]
        for name in accountNames {
            if let message = try store.setting(Setting.attention(name)) { found[name] = message }
        }
        return found
    }

    /// Lifts the pause of one account (nil: all), so the next push tries again.
    package func resume(account name: String?) throws {
        let names = try name.map { [try account($0).name] } ?? accountNames
        try store.write { writer in for name in names { try writer.setSetting(Setting.attention(name), nil) } }
    }

    func pauseAccount(_ account: Account, message: String) throws {
        try store.write { try $0.setSetting(Setting.attention(account.name), howToFix(account, message: message)) }
    }

    /// The sentence the status bar and `pipeboard outbox` show for a paused account.
    func howToFix(_ account: Account, message: String) -> String {
        let variables = ["token_env", "api_key_env", "company_key_env", "user_key_env"].compactMap { key -> String? in
            guard case .text(let name)? = account.config.settings[key] else { return nil }
            return "$\(name)"
        }
        let where_ =
            variables.isEmpty
            ? "the account's credentials" : "the credentials in \(variables.joined(separator: " and "))"
        return
            "account '\(account.name)' needs attention: \(account.provider.displayName) "
            + "refused its credentials (\(message)). "
            + "Check \(where_) and their permissions, then press r or run `pipeboard outbox retry --all`."
    }
}

extension Setting {
    static func attention(_ account: String) -> String { "sync.attention.\(account)" }
    static func watermark(_ account: String, pipeline: String) -> String { "sync.watermark.\(account).\(pipeline)" }
}
