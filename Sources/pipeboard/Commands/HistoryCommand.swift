import ArgumentParser
import Foundation
import PipeboardCore

/// `pipeboard history ID`: every remembered change of one deal, oldest first.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show every remembered change of one opportunity.",
        discussion: """
            Changes of stage, status, value, owner, close date and name, made here (and by undo or redo) or seen \
            by a pull. A pulled change is timed by the provider's own change time where it has one, else by the \
            record's update time (ORIGIN says which). With --from-provider, the changes the provider kept from \
            before pipeboard's oldest remembered one are added first (Twenty's timeline; other providers publish \
            none); running it again adds nothing.
            """)

    @OptionGroup var common: CommonOptions
    @Argument(help: "The opportunity's id, or a unique prefix of it.") var id: String
    @Option(help: "table or json.") var format: TableOrJSON = .table
    @Flag(help: "First fill the history from the provider's own (Twenty's timeline), from before the first pull.")
    var fromProvider = false

    func run() async throws {
        try await reportingErrors {
            let context = try await AppContext.open()
            if fromProvider {
                let filled = try await context.service.fillHistory(of: id)
                let changes = filled.added == 1 ? "1 change" : "\(filled.added) changes"
                FileHandle.standardError.write(
                    Data("\(filled.deal.name): \(changes) added from \(filled.source)\n".utf8))
            }
            let (deal, changes) = try await context.service.history(of: id)
            let pipeline = try await context.service.pipelines(account: deal.account).first { $0.id == deal.pipelineID }
            let names = Dictionary(
                (pipeline?.stages ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            switch format {
            case .json:
                print(try OpportunityOutput.json(DealHistoryOutput(deal: deal, changes: changes, stageNames: names)))
            case .table:
                guard !changes.isEmpty else {
                    print("\(deal.name): no changes remembered yet")
                    return
                }
                let rows = changes.map { change in
                    [
                        ISOTime.string(from: change.at), change.field.rawValue,
                        DealChange.shown(change.from, field: change.field, stageNames: names),
                        DealChange.shown(change.to, field: change.field, stageNames: names), change.originLabel,
                    ]
                }
                print(TextTable(headers: ["WHEN", "FIELD", "FROM", "TO", "ORIGIN"], rows: rows).render())
            }
        }
    }
}

/// The JSON shape of a deal's history (documented in README). Every key is always present.
struct DealHistoryOutput: Encodable {
    let deal: Opportunity
    let changes: [DealChange]
    let stageNames: [String: String]

    enum Key: String, CodingKey { case id, name, changes }
    enum ChangeKey: String, CodingKey { case at, field, from, to, origin, time_source, since }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(deal.id.uuidString.lowercased(), forKey: .id)
        try container.encode(deal.name, forKey: .name)
        var list = container.nestedUnkeyedContainer(forKey: .changes)
        for change in changes {
            var item = list.nestedContainer(keyedBy: ChangeKey.self)
            try item.encode(ISOTime.string(from: change.at), forKey: .at)
            try item.encode(change.field.rawValue, forKey: .field)
            try item.encode(
                DealChange.exported(change.from, field: change.field, stageNames: stageNames), forKey: .from)
            try item.encode(DealChange.exported(change.to, field: change.field, stageNames: stageNames), forKey: .to)
            try item.encode(change.origin.rawValue, forKey: .origin)
            try item.encode(change.clock.rawValue, forKey: .time_source)
            try item.encode(change.since.map(ISOTime.string(from:)), forKey: .since)
        }
    }
}
