/// An account whose credentials the provider refused (401 / 403): its changes wait until someone fixes them and
/// asks again. Worded here, with the retry key a parameter, so that the board names the key as bound.
public struct Attention: Hashable, Sendable, CustomStringConvertible {
    public var account: String
    /// The provider's name ("HighLevel") and what it said.
    public var provider: String
    public var reason: String
    /// Where the credentials come from ("$PIPEBOARD_TOKEN"); empty when the config names no variable.
    public var variables: [String]

    public init(account: String, provider: String, reason: String, variables: [String]) {
        self.account = account
        self.provider = provider
        self.reason = reason
        self.variables = variables
    }

    /// How to fix it; `retryKey` is the board's key that tries again, and only the command is named without one.
    public func sentence(retryKey: String?) -> String {
        let credentials =
            variables.isEmpty
            ? "the account's credentials" : "the credentials in \(variables.joined(separator: " and "))"
        let retry = retryKey.map { "press \($0) or run" } ?? "run"
        return "account '\(account)' needs attention: \(provider) refused its credentials (\(reason)). "
            + "Check \(credentials) and their permissions, then \(retry) `pipeboard outbox retry --all`."
    }

    /// The sentence with the board's default key, as the command line prints it.
    public var description: String { sentence(retryKey: "r") }
}

/// One account's trouble in a sync of every account.
public enum SyncProblem: Hashable, Sendable, CustomStringConvertible {
    /// The account was paused already: nothing was sent or pulled.
    case paused(Attention)
    /// The provider refused the credentials during the pull: the account is paused from now on.
    case refusedDuringPull(Attention)
    /// The pull failed for another reason.
    case pullFailed(account: String, reason: String)

    /// What the status line says; `retryKey` as in `Attention.sentence(retryKey:)`.
    public func sentence(retryKey: String?) -> String {
        switch self {
        case .paused(let attention): attention.sentence(retryKey: retryKey)
        case .refusedDuringPull(let attention): "\(attention.account): \(attention.sentence(retryKey: retryKey))"
        case let .pullFailed(account, reason): "\(account): \(reason)"
        }
    }

    public var description: String { sentence(retryKey: "r") }
}
