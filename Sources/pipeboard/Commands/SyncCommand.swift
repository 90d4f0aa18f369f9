import ArgumentParser
import Foundation
import PipeboardCore

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Send waiting changes to the provider, then pull its pipelines and opportunities.")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        try await reportingErrors {
            let context = try await AppContext.open()
            let sent = try await context.service.push(account: common.account)
            let pulled = try await context.service.pull(account: common.account)
            let waiting = try await context.service.outboxCounts(account: common.account)
            print("sent \(sent.delivered) change(s); pulled \(pulled.received) opportunities in \(pulled.pipelines) pipeline(s)"
                  + (waiting.pending + waiting.failed > 0 ? "; \(waiting.pending) waiting, \(waiting.failed) failed" : ""))
            // A provider with a daily allowance (Coperniq) says so when little is left.
            let provider = try await context.service.account(common.account).provider
            if let budget = await provider.budgetNotice() { print(budget) }
        }
    }
}
