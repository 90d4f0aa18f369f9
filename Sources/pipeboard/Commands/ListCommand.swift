import ArgumentParser
import Foundation
import PipeboardCore

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// The formats of the commands that print one deal's notes, tasks or history (no CSV).
enum TableOrJSON: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

extension ColumnSort: ExpressibleByArgument {}

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List opportunities.")

    @OptionGroup var common: CommonOptions
    @Option(help: "Only this pipeline (name or id).") var pipeline: String?
    @Option(help: "Only this stage (name or id).") var stage: String?
    @Option(help: "Only these statuses, comma-separated: open, won, lost, abandoned.") var status: String?
    @Option(help: "Only cards whose name, contact or company contain these words.") var search: String?
    @Option(help: "Only these owners, comma-separated.") var owner: String?
    @Option(
        name: .customLong("provider-status"),
        help: """
            Only these provider statuses, comma-separated (Coperniq: ACTIVE, ON_HOLD, ...; \
            Coastline: opportunity, project, archived).
            """
    )
    var providerStatus: String?
    // Unconditional: a range may start with a dash (-5000), which is the value here, not a flag.
    @Option(
        parsing: .unconditional,
        help: "Only values in this range: 1000-5000, 1000- or -5000 (each currency on its own).")
    var value: String?
    @Option(parsing: .unconditional, help: "Only cards this many whole days in their stage: 7-30, 30- or -7.")
    var age: String?
    @Option(help: "Only these sources, comma-separated.") var source: String?
    @Option(help: "Only cards with any of these tags, comma-separated.") var tag: String?
    @Flag(help: "Only open deals whose next step is overdue (with --no-next-step: either).") var overdue = false
    @Flag(help: "Only open deals with no next step (no open task).") var noNextStep = false
    @Option(help: "Order inside each stage: manual, value, age, close_date, name or next_step.") var sort: ColumnSort =
        .manual
    @Option(help: "A saved view from the config ([[views]]), by name; the options above narrow it further.") var view:
        String?
    @Option(help: "table, json or csv.") var format: OutputFormat = .table
    @Option(help: "The cards as they were at the end of this day (YYYY-MM-DD, UTC), from the deals' history.")
    var asOf: String?

    func run() async throws {
        try await reportingErrors {
            let context = try await AppContext.open()
            let statuses = try parseStatuses(status)
            let filter = try listFilter(views: context.config.views)
            let cutoff = try asOf.map { try AsOfDay.past($0) }
            if cutoff != nil, filter.namesNextStep || sort == .nextStep {
                throw CLIError("next steps are today's: --overdue, --no-next-step and --sort next_step take no --as-of")
            }
            let items =
                if let cutoff {
                    try await context.service.list(
                        account: common.account, pipeline: pipeline, stage: stage, statuses: statuses,
                        filter: filter, asOf: cutoff)
                } else {
                    try await context.service.list(
                        account: common.account, pipeline: pipeline, stage: stage, statuses: statuses,
                        filter: filter, sort: sort)
                }
            // A merged board lists the cards of several accounts: each row names its account, in the table and the CSV.
            var merged = false
            if let name = common.account { merged = try await context.service.mergedBoard(named: name) != nil }
            var pipelines: [String: [String: Pipeline]] = [:] // account → pipeline id → pipeline
            for account in Set(items.map(\.account)) {
                pipelines[account] = Dictionary(
                    try await context.service.pipelines(account: account).map { ($0.id, $0) },
                    uniquingKeysWith: { first, _ in first })
            }
            // Days in stage as they were then.
            let now = cutoff.map(AsOf.lastMoment(before:)) ?? Date()
            let steps = format == .json ? try await context.service.nextSteps(for: items.map(\.id)) : [:]
            let outputs = items.map {
                OpportunityOutput(
                    opportunity: $0, pipeline: pipelines[$0.account]?[$0.pipelineID], now: now, nextStep: steps[$0.id])
            }
            switch format {
            case .json:
                print(try OpportunityOutput.json(outputs))
            case .csv:
                print(
                    CSV.line(
                        [
                            "id", "name", "pipeline", "stage", "status", "value", "currency", "contact", "company",
                            "owner", "close_date",
                            "days_in_stage",
                        ] + (merged ? ["account"] : [])))
                for output in outputs {
                    let o = output.opportunity
                    print(
                        CSV.line(
                            [
                                o.id.uuidString.lowercased(), o.name, output.pipeline?.name ?? o.pipelineID,
                                output.stageName,
                                o.status.rawValue, o.value?.decimalString ?? "", o.value?.currency ?? "",
                                o.contactName ?? "",
                                o.companyName ?? "", o.owner ?? "", o.closeDate ?? "", String(o.daysInStage(now: now)),
                            ]
                                + (merged ? [o.account] : [])))
                }
            case .table:
                let rows = outputs.map { output -> [String] in
                    let o = output.opportunity
                    let own = o.providerStatus.flatMap { $0.lowercased() == o.status.rawValue ? nil : " (\($0))" } ?? ""
                    return [String(o.id.uuidString.lowercased().prefix(8))] + (merged ? [o.account] : [])
                        + [
                            o.name, output.stageName, o.status.rawValue + own, o.value?.formatted ?? "",
                            o.counterparty ?? "",
                            "\(o.daysInStage(now: now))d",
                        ]
                }
                let headers =
                    ["ID"] + (merged ? ["ACCOUNT"] : []) + ["NAME", "STAGE", "STATUS", "VALUE", "WITH", "IN STAGE"]
                print(TextTable(headers: headers, rows: rows, cuttable: ["NAME", "WITH"]).render())
            }
        }
    }

    /// The options as one BoardFilter, through the same parser as the board's filter form and the config's views.
    private func listFilter(views: [SavedView]) throws -> BoardFilter {
        var fields = [String: String]()
        if let view {
            guard let saved = views.first(where: { $0.name.lowercased() == view.lowercased() }) else {
                throw CLIError(
                    views.isEmpty
                        ? "no view '\(view)'; the config has no [[views]]"
                        : "no view '\(view)'; views are \(views.map(\.name).joined(separator: ", "))")
            }
            fields = FilterInput.fields(of: saved.filter)
        }
        let given = [
            "search": search, "owner": owner, "status": providerStatus, "value": value, "age": age, "source": source,
            "tag": tag,
        ]
        for (key, text) in given { if let text { fields[key] = text } }
        switch FilterInput.filter(from: fields) {
        case .success(var filter):
            // --provider-status names the provider's own words only; board statuses go through --status.
            if let providerStatus { filter.statuses = []; filter.providerStatuses = FilterInput.list(providerStatus) }
            if overdue { filter.overdue = true }
            if noNextStep { filter.noNextStep = true }
            return filter
        case .failure(let errors):
            let (key, message) = errors.messages.sorted { $0.key < $1.key }[0]
            throw CLIError("--\(key == "status" ? "provider-status" : key) \(message)")
        }
    }

    private func parseStatuses(_ text: String?) throws -> Set<OpportunityStatus> {
        guard let text else { return [] }
        return Set(
            try text.split(separator: ",").map { part in
                guard let status = OpportunityStatus(userText: String(part)) else {
                    throw CLIError("unknown status '\(part)'; use open, won, lost or abandoned")
                }
                return status
            })
    }
}
