import Foundation
import PipeboardCore

/// A provider's daily request allowance, counted on this side over a rolling day and corrected by what the
/// provider reports (its remaining count can lag, so the lower of the two is believed). With a file, the times of
/// the requests are kept there (one line each, appended), so that one command after another counts as one day.
package final class DailyBudget: @unchecked Sendable {
    package let limit: Int
    let window: TimeInterval
    /// Below this many requests left, the budget is shown.
    package let lowMark: Int
    private let lock = NSLock()
    private var sent: [Date] = []
    private var reported: (remaining: Int, at: Date)?
    private let clock: @Sendable () -> Date
    private let file: String?

    package init(
        limit: Int, window: TimeInterval = 86_400, lowMark: Int? = nil, file: String? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.limit = limit
        self.window = window
        self.lowMark = lowMark ?? max(1, limit / 10)
        self.clock = clock
        self.file = file
        if let file { sent = Self.load(file, since: clock().addingTimeInterval(-window)) }
    }

    /// The request times in the file that still count, written back without the older ones.
    private static func load(_ file: String, since: Date) -> [Date] {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return [] }
        let kept = text.split(separator: "\n").compactMap { Double($0) }.map { Date(timeIntervalSince1970: $0) }.filter
        { $0 > since }.sorted()
        let lines = kept.map { String(format: "%.3f\n", $0.timeIntervalSince1970) }.joined()
        try? lines.write(toFile: file, atomically: true, encoding: .utf8)
        return kept
    }

    private func record(_ date: Date) {
        guard let file,
            FileManager.default.fileExists(atPath: file)
                || FileManager.default.createFile(atPath: file, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: file)
        else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data(String(format: "%.3f\n", date.timeIntervalSince1970).utf8))
    }

    /// Requests left in the current day.
    package var remaining: Int {
        lock.lock()
        defer { lock.unlock() }
        return remainingLocked(now: clock())
    }

    private func remainingLocked(now: Date) -> Int {
        sent.removeAll { now.timeIntervalSince($0) >= window }
        var left = limit - sent.count
        // The provider's figure, less what was sent since it was given.
        if let reported, now.timeIntervalSince(reported.at) < window {
            left = min(left, reported.remaining - sent.filter { $0 > reported.at }.count)
        }
        return max(0, left)
    }

    /// Takes one request from the budget, or says when the next one frees up.
    func take() throws {
        lock.lock()
        defer { lock.unlock() }
        let now = clock()
        guard remainingLocked(now: now) > 0 else {
            let oldest = sent.first.map { window - now.timeIntervalSince($0) } ?? 60
            throw ProviderError.rateLimited(retryAfter: max(1, oldest))
        }
        sent.append(now)
        record(now)
    }

    /// What the provider said is left (`X-RateLimit-Remaining`).
    func report(remaining: Int) {
        lock.lock()
        defer { lock.unlock() }
        reported = (remaining, clock())
    }

    /// "212 of 5,000 requests left today" once the budget runs low, else nil.
    package func notice(provider: String) -> String? {
        let left = remaining
        guard left <= lowMark else { return nil }
        let total = limit.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
        return "\(provider): \(left) of \(total) requests left today"
    }
}
