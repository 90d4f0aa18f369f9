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
    @Option(help: "The figures as they were at the end of this day (YYYY-MM-DD, UTC), from the deals' history.")
    var asOf: String?
    @Option(help: "Velocity and the funnel from transitions in the period from this day (YYYY-MM-DD, UTC).")
    var since: String?
    @Option(help: "... to the end of this day (YYYY-MM-DD, UTC).") var until: String?

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
            let cutoff = try asOf.map { try AsOfDay.past($0) }
            let start = try since.map { try AsOfDay.cutoff($0, option: "--since").addingTimeInterval(-86_400) }
            // The past's report counts nothing after its day.
            let end = try until.map { try AsOfDay.cutoff($0, option: "--until") } ?? cutoff
            if let start, let end, start >= end {
                throw CLIError(
                    "--since \(since ?? "") is after \(until == nil ? "--as-of" : "--until") \(until ?? asOf ?? "")")
            }
            let figures = try await context.service.figures(
                account: common.account, pipeline: pipeline, statuses: statuses, asOf: cutoff)
            let period = Period(since: start, until: end)
            let velocity = try await context.service.velocity(
                account: common.account, pipeline: pipeline, period: period)
            print(try FiguresReport.render(figures, velocity: velocity, as: format), terminator: "")
        }
    }
}
