import Foundation
import PipeboardCore

/// A task's due date as the providers keep it, an instant. A day without a time goes out as midnight UTC, and
/// midnight UTC comes back as a day without a time, so a due day survives the round trip unchanged.
enum DueInstant {
    static func text(_ due: DueDate) -> String? { due.instant.map(ProviderDate.format) }

    static func due(_ text: String?) -> DueDate? {
        guard let instant = ProviderDate.parse(text) else { return nil }
        let seconds = instant.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400)
        return DueDate(instant: instant, hasTime: seconds != 0)
    }
}
