import ArgumentParser
import Foundation
import PipeboardCore

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Send waiting changes to the provider, then pull its pipelines and opportunities.")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        try await reportingErrors {
            let context = try await AppContext.open()
            // An explicit sync tries a paused account again (its credentials may have been fixed).
            try await context.service.resume(account: common.account)
            // A person asked: every waiting change goes now, whatever its backoff.
            let sent = try await context.service.push(account: common.account, everyWaiting: true)
            if sent.paused, let attention = try await context.service.attention(account: common.account) {
                throw CLIError(attention.description)
            }
            // A bar on a terminal, plain lines in a pipe: pages, records, rate and time left.
            let meter = ProgressMeter(handle: .standardOutput, descriptor: STDOUT_FILENO, unit: "records")
            let pulled = try await context.service.pull(account: common.account) { report in
                meter.update(done: report.received, fraction: report.fraction, pages: report.pages)
            }
            meter.finish()
            let waiting = try await context.service.outboxCounts(account: common.account)
            print(
                "sent \(sent.delivered) change(s); "
                    + "pulled \(pulled.received) opportunities in \(pulled.pipelines) pipeline(s)"
                    + (waiting.pending + waiting.failed > 0
                        ? "; \(waiting.pending) waiting, \(waiting.failed) failed" : ""))
            // A provider with a daily allowance (Coperniq) says so when little is left.
            let provider = try await context.service.account(common.account).provider
            if let budget = await provider.budgetNotice() { print(budget) }
        }
    }
}
