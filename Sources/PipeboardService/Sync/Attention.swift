import Foundation
import PipeboardCore
import PipeboardStore

/// An account whose credentials the provider refused (401 / 403) needs attention: its queue pauses, every other
/// account goes on, and the user is told how to fix it. An explicit retry (`r`, `pipeboard sync`,
/// `pipeboard outbox retry`) lifts the pause and tries again.
extension BoardService {
    /// Why the account is paused, with how to fix it; nil when it is not.
    package func attention(account name: String?) throws -> Attention? {
        let account = try account(name)
        return try store.setting(Setting.attention(account.name)).map { attention(account, reason: $0) }
    }

    /// Every paused account with why.
    package func attentionByAccount() throws -> [String: Attention] {
        var found: [String: Attention] = [:]
        for name in accountNames {
            if let paused = try attention(account: name) { found[name] = paused }
        }
        return found
    }

    /// Lifts the pause of one account (nil: all), so the next push tries again.
    package func resume(account name: String?) throws {
        let names = try name.map { [try account($0).name] } ?? accountNames
        try store.write { writer in for name in names { try writer.setSetting(Setting.attention(name), nil) } }
    }

    /// Pauses the account; the provider's `message` is kept, the rest of the sentence comes from the config.
    func pauseAccount(_ account: Account, message: String) throws {
        try store.write { try $0.setSetting(Setting.attention(account.name), message) }
    }

    /// The account's pause, with the variables its config reads the credentials from.
    func attention(_ account: Account, reason: String) -> Attention {
        let variables = ["token_env", "api_key_env", "company_key_env", "user_key_env"].compactMap { key -> String? in
            guard case .text(let name)? = account.config.settings[key] else { return nil }
            return "$\(name)"
        }
        return Attention(
            account: account.name, provider: account.provider.displayName, reason: reason, variables: variables)
    }
}

extension Setting {
    /// The provider's message when it refused the account's credentials. (Earlier versions kept the whole
    /// sentence under sync.attention: such a pause is dropped, and the next refusal pauses the account again.)
    static func attention(_ account: String) -> String { "sync.paused.\(account)" }
    static func watermark(_ account: String, pipeline: String) -> String { "sync.watermark.\(account).\(pipeline)" }
}
