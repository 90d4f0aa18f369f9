import Foundation
import PipeboardCore

/// What `pipeboard import` would do: the cards it would make, the rows whose deal is already there, and every
/// row it cannot import with why.
package struct ImportPlan: Sendable {
    package var account: String
    /// The good rows, new and already there.
    package var rows: Int
    /// The cards to make, in the file's order.
    package var creates: [Opportunity]
    /// Rows whose deal the account already has (an earlier import of the row, or the card a listed id names).
    package var alreadyThere: Int
    /// Rows that repeat an earlier row of the file (the same import key): made once.
    package var repeats: [ImportFile.Problem]
    package var problems: [ImportFile.Problem]

    /// The new cards' values added up per currency, in the order currencies first appear; never across them.
    package var totals: [Money] {
        var order: [String] = []
        var micros: [String: Int64] = [:]
        for value in creates.compactMap(\.value) {
            if micros[value.currency] == nil { order.append(value.currency) }
            micros[value.currency, default: 0] += value.micros
        }
        return order.map { Money(micros: micros[$0]!, currency: $0) }
    }

    package var withoutValue: Int { creates.filter { $0.value == nil }.count }
}

extension BoardService {
    /// Checks every row of `file` against the account (its pipelines, stages and fields, as `add` would) and finds
    /// the rows whose deal it already has. Changes nothing. `progress` is told each row checked.
    package func planImport(
        _ file: ImportFile, account name: String?, progress: @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> ImportPlan {
        let account = try account(name)
        try require(.create, of: account)
        let setsStatus = account.provider.capabilities.contains(.setStatus)
        var plan = ImportPlan(
            account: account.name, rows: 0, creates: [], alreadyThere: 0, repeats: [], problems: file.problems)
        var pipelines: [String: Result<Pipeline, Error>] = [:]
        var firstLine: [UUID: Int] = [:]
        let now = clock()
        for (index, row) in file.rows.enumerated() {
            progress(index + 1, file.rows.count)
            let pipelineKey = row.pipeline ?? ""
            if pipelines[pipelineKey] == nil {
                pipelines[pipelineKey] = Result { try pipeline(account: account.name, matching: row.pipeline) }
            }
            let chosen: Pipeline
            switch pipelines[pipelineKey]! {
            case .success(let found): chosen = found
            case .failure(let error):
                plan.problems.append(ImportFile.Problem(line: row.line, reason: "pipeline: \(error)"))
                continue
            }
            var fields = row.input
            if fields["stage"]?.isEmpty ?? true { fields["stage"] = chosen.stages.first?.id }
            let patch: OpportunityPatch
            switch FieldInput.patch(
                from: fields, pipeline: chosen, specs: account.provider.formFields(for: chosen),
                defaultCurrency: account.config.defaultCurrency)
            {
            case .success(let checked): patch = checked
            case .failure(let errors):
                plan.problems.append(ImportFile.Problem(line: row.line, reason: errors.description))
                continue
            }
            if let status = patch.status, status != .open, !setsStatus {
                plan.problems.append(
                    ImportFile.Problem(
                        line: row.line,
                        reason: "status: \(account.provider.displayName) sets no status (won, lost, abandoned); "
                            + "leave it empty or open"))
                continue
            }
            plan.rows += 1
            // A listed card of this very account is the deal itself.
            if let id = row.id.flatMap(UUID.init(uuidString:)), try store.opportunity(id: id)?.account == account.name {
                plan.alreadyThere += 1
                continue
            }
            let id = UUID.imported(key: row.key, account: account.name)
            if let earlier = firstLine[id] {
                plan.repeats.append(ImportFile.Problem(line: row.line, reason: "repeats line \(earlier)"))
                continue
            }
            firstLine[id] = row.line
            if try store.opportunity(id: id) != nil {
                plan.alreadyThere += 1
                continue
            }
            var card = Opportunity(
                id: id, account: account.name, pipelineID: chosen.id, stageID: patch.stageID ?? chosen.stages[0].id,
                name: patch.name ?? "", createdAt: now)
            card = patch.applied(to: card)
            plan.creates.append(card)
        }
        return plan
    }

    /// Makes the plan's cards, each with its outbox entry, as one change that one undo takes back. Each stage's
    /// new cards go above the cards already there, in the file's order. Returns how many were made.
    @discardableResult
    package func commitImport(_ plan: ImportPlan, label: String) throws -> Int {
        guard !plan.creates.isEmpty else { return 0 }
        let account = try account(plan.account)
        var cards = plan.creates
        let perStage = Dictionary(grouping: cards.indices) { "\(cards[$0].pipelineID)\u{1F}\(cards[$0].stageID)" }
        for indices in perStage.values {
            let first = cards[indices[0]]
            let top =
                try store.rankBounds(account: account.name, pipelineID: first.pipelineID, stageID: first.stageID)?
                .lowerBound ?? 1
            for (offset, index) in indices.enumerated() {
                cards[index].rank = top - Int64(indices.count - offset)
            }
        }
        let now = clock()
        try commit(HistoryEntry(label: label, steps: cards.map { .created($0) }), account: account, now: now)
        return cards.count
    }
}
