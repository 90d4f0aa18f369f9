import ArgumentParser
import Foundation

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Send waiting changes to the provider, then pull its pipelines and opportunities.")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        try await reportingErrors {
            let context = try await AppContext.open()
            let sent = try await context.service.push(account: common.account)
            // A bar on a terminal, plain lines in a pipe: pages, records, rate and time left.
            let meter = ProgressMeter(handle: .standardOutput, descriptor: STDOUT_FILENO, unit: "records")
            let pulled = try await context.service.pull(account: common.account) { report in
                meter.update(done: report.received, fraction: report.fraction, pages: report.pages)
            }
            meter.finish()
            let waiting = try await context.service.outboxCounts(account: common.account)
            print("sent \(sent.delivered) change(s); pulled \(pulled.received) opportunities in \(pulled.pipelines) pipeline(s)"
                  + (waiting.pending + waiting.failed > 0 ? "; \(waiting.pending) waiting, \(waiting.failed) failed" : ""))
        }
    }
}
