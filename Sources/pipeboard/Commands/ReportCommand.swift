import ArgumentParser
import Foundation
import PipeboardCore
import PipeboardService

extension FiguresReport.Format: ExpressibleByArgument {}

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print a pipeline's figures (totals, weighted forecast, funnel, close months, won / lost by week).")

    @OptionGroup var common: CommonOptions
    @Option(help: "The pipeline (name or id); default: the one shown last.") var pipeline: String?
    @Option(help: "Only these statuses, comma-separated: open, won, lost, abandoned (default: all).") var status:
        String?
    @Option(help: "md, csv or json.") var format: FiguresReport.Format = .md

    func run() async throws {
        try await reportingErrors {
            let context = try await AppContext.open()
            let statuses = try Set(
                (status ?? "").split(separator: ",").map { part in
                    guard let status = OpportunityStatus(userText: String(part)) else {
                        throw CLIError("unknown status '\(part)'; use open, won, lost or abandoned")
                    }
                    return status
                })
            let figures = try await context.service.figures(
                account: common.account, pipeline: pipeline, statuses: statuses)
            print(try FiguresReport.render(figures, as: format), terminator: "")
        }
    }
}
