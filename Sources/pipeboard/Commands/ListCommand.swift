import ArgumentParser
import Foundation
import PipeboardCore

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List opportunities.")

    @OptionGroup var common: CommonOptions
    @Option(help: "Only this pipeline (name or id).") var pipeline: String?
    @Option(help: "Only this stage (name or id).") var stage: String?
    @Option(help: "Only these statuses, comma-separated: open, won, lost, abandoned.") var status: String?
    @Option(name: .customLong("provider-status"),
            help: "Only these provider statuses, comma-separated (Coperniq: ACTIVE, ON_HOLD, ...; Coastline: opportunity, project, archived).")
    var providerStatus: String?
    @Option(help: "table, json or csv.") var format: OutputFormat = .table

    func run() async throws {
        try await reportingErrors {
            let context = try await AppContext.open()
            let statuses = try parseStatuses(status)
            let wanted = Self.providerStatuses(providerStatus)
            let items = try await context.service.list(account: common.account, pipeline: pipeline, stage: stage, statuses: statuses)
                .filter { wanted.isEmpty || wanted.contains($0.providerStatus?.lowercased() ?? "") }
            let pipelines = Dictionary(try await context.service.pipelines(account: common.account).map { ($0.id, $0) },
                                       uniquingKeysWith: { first, _ in first })
            let now = Date()
            let outputs = items.map { OpportunityOutput(opportunity: $0, pipeline: pipelines[$0.pipelineID], now: now) }
            switch format {
            case .json:
                print(try OpportunityOutput.json(outputs))
            case .csv:
                print(CSV.line(["id", "name", "pipeline", "stage", "status", "value", "currency", "contact", "company", "owner", "close_date", "days_in_stage"]))
                for output in outputs {
                    let o = output.opportunity
                    print(CSV.line([o.id.uuidString.lowercased(), o.name, output.pipeline?.name ?? o.pipelineID, output.stageName,
                                    o.status.rawValue, o.value?.decimalString ?? "", o.value?.currency ?? "", o.contactName ?? "",
                                    o.companyName ?? "", o.owner ?? "", o.closeDate ?? "", String(o.daysInStage(now: now))]))
                }
            case .table:
                let rows = outputs.map { output -> [String] in
                    let o = output.opportunity
                    let own = o.providerStatus.flatMap { $0.lowercased() == o.status.rawValue ? nil : " (\($0))" } ?? ""
                    return [String(o.id.uuidString.lowercased().prefix(8)), o.name, output.stageName, o.status.rawValue + own,
                            o.value?.formatted ?? "", o.counterparty ?? "", "\(o.daysInStage(now: now))d"]
                }
                print(TextTable(headers: ["ID", "NAME", "STAGE", "STATUS", "VALUE", "WITH", "IN STAGE"], rows: rows).render())
            }
        }
    }

    /// The provider statuses asked for, lower-cased; matched without regard to case.
    static func providerStatuses(_ text: String?) -> Set<String> {
        Set((text ?? "").split(separator: ",").compactMap { String($0).trimmingCharacters(in: .whitespaces).lowercased().nilIfBlank })
    }

    private func parseStatuses(_ text: String?) throws -> Set<OpportunityStatus> {
        guard let text else { return [] }
        return Set(try text.split(separator: ",").map { part in
            guard let status = OpportunityStatus(userText: String(part)) else {
                throw CLIError("unknown status '\(part)'; use open, won, lost or abandoned")
            }
            return status
        })
    }
}
