import Foundation
import Testing

/// A board left open sleeps between events: no key, no sync under way, no change of day, and it polls nothing.
@Suite(.serialized) struct IdleBoardTests {
    /// The one wake-up left is libdispatch's: on Linux its thread pool is looked over by a timer once a second for
    /// the life of any process that used it (the Swift runtime does), 5 in these 5 s. A loop polling the terminal
    /// or a timer of ours would add to it (ten a second for a 100-ms key timeout).
    @Test(
        .disabled(
            if: ProcessInfo.processInfo.environment["PIPEBOARD_TEST_BINARY"]?.contains("sanitize") == true,
            "a sanitizer's runtime has a thread of its own that wakes on a timer"))
    func anIdleBoardWakesOnlyForTheRuntimesMonitor() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.start(Harness.binary.path, environment: harness.environment)
        try tmux.waitFor("the board") { $0.contains("Lead") && $0.contains("local") }
        let pid = try boardProcess(under: tmux)
        // The opening work (the outbox delivered, the first frame) ends well within this.
        Thread.sleep(forTimeInterval: 1.5)
        let before = try wakeUps(of: pid)
        Thread.sleep(forTimeInterval: 5)
        // Per thread: a worker thread that ends takes its count with it, and one that starts counts in full.
        let woke = try wakeUps(of: pid).reduce(0) { $0 + $1.value - (before[$1.key] ?? 0) }
        #expect(woke <= 6, "the idle board's threads woke \(woke) times in 5 s")
    }

    /// The board's process: the pane's own (the shell tmux starts execs the command), or its child where it did not.
    private func boardProcess(under tmux: Tmux) throws -> Int {
        let pane = try #require(Int(try tmux.tmux(["display-message", "-p", "-t", "0", "#{pane_pid}"]).trimmed))
        let children = try String(contentsOfFile: "/proc/\(pane)/task/\(pane)/children", encoding: .utf8)
        return children.split(separator: " ").compactMap { Int($0) }.first ?? pane
    }

    /// How many times each thread of the process has gone to sleep so far (each is one wake-up after), by its id.
    private func wakeUps(of pid: Int) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for thread in try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task") {
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/task/\(thread)/status", encoding: .utf8)
            else { continue } // it ended since the listing
            let line = status.split(separator: "\n").first { $0.hasPrefix("voluntary_ctxt_switches:") }
            counts[thread] = line.flatMap { Int($0.split(separator: "\t").last ?? "") } ?? 0
        }
        return counts
    }
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
