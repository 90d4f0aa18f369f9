import PipeboardProviders
import Synchronization

/// Every secret this process has read (tokens from the environment or the credentials file), so that the log and
/// the last-line error on stderr can never print one, whichever layer wrote the text.
final class SecretRedaction: Sendable {
    static let shared = SecretRedaction()
    private let redactor = Mutex(Redactor(secrets: []))
    private let secrets = Mutex<Set<String>>([])

    func add(_ values: [String]) {
        let all = secrets.withLock { set -> [String] in
            set.formUnion(values.filter { !$0.isEmpty })
            return Array(set)
        }
        redactor.withLock { $0 = Redactor(secrets: all) }
    }

    func callAsFunction(_ text: String) -> String {
        redactor.withLock { $0(text) }
    }
}
