import Foundation
import PipeboardCore
import PipeboardStore

/// The board as it was at the end of a day: every card in the stage, status and value it had then, from the
/// deals' history. Read only: it offers no change (its capabilities are empty) and shows no sync marks.
extension BoardService {
    func pastBoard(
        _ query: BoardQuery, account: Account, pipelines: [Pipeline], pipeline: Pipeline, cutoff: Date
    ) throws -> BoardSnapshot {
        // Every card in outline for the figures and the order (kept while the history and the cards stay as they
        // were: the board as it was changes nothing), then the windows shown in full.
        let version = try store.pastVersion(account: account.name)
        let cards: [Opportunity]
        if let kept = keptPast, kept.account == account.name, kept.pipelineID == pipeline.id, kept.cutoff == cutoff,
            kept.version == version
        {
            cards = kept.outlines
        } else {
            cards = try store.pastOutlines(account: account.name, pipelineID: pipeline.id, asOf: cutoff)
            keptPast = KeptPast(
                account: account.name, pipelineID: pipeline.id, cutoff: cutoff, version: version, outlines: cards)
        }
        // The figures that read times (days in stage, the won / lost weeks) read them as of that moment.
        let moment = AsOf.lastMoment(before: cutoff)
        var columns = PastColumns.columns(of: pipeline, cards: cards, query: query, now: moment)
        let whole = try store.pastCards(
            ids: columns.flatMap { $0.cards.map(\.id) }, account: account.name, asOf: cutoff)
        let byID = Dictionary(whole.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for index in columns.indices {
            columns[index].cards = columns[index].cards.map { byID[$0.id] ?? $0 }
        }
        var snapshot = BoardSnapshot(
            account: account.name, accounts: boardNames, providerName: account.provider.displayName,
            pipelines: pipelines, pipeline: pipeline, columns: columns, capabilities: [],
            fieldSpecs: account.provider.formFields(for: pipeline),
            closeMonths: query.includeForecast ? PastColumns.closeMonthSums(of: pipeline, cards: cards) : [],
            outcomeWeeks: PastColumns.outcomeWeekSums(
                of: pipeline, cards: cards, now: moment, weeks: WeeklyOutcomes.weeks),
            includesForecast: query.includeForecast)
        snapshot.asOf = cutoff
        return snapshot
    }

    /// `list --as-of`: the cards as they were, filtered as `list` filters, in board order.
    public func list(
        account name: String?, pipeline pipelineText: String?, stage stageText: String?,
        statuses: Set<OpportunityStatus>, filter: BoardFilter, asOf cutoff: Date
    ) throws -> [Opportunity] {
        if let name, let merged = try mergedBoard(named: name) { throw ServiceError.pastOfMergedBoard(merged.name) }
        let account = try account(name)
        let pipelines = try store.pipelines(account: account.name)
        var chosen = pipelines
        if pipelineText != nil || stageText != nil {
            chosen = [try pipeline(account: account.name, matching: pipelineText)]
        }
        // One read of the past for every pipeline listed.
        let past = try store.opportunities(
            account: account.name, pipelineID: chosen.count == 1 ? chosen[0].id : nil, asOf: cutoff)
        let byPipeline = Dictionary(grouping: past, by: \.pipelineID)
        var found: [Opportunity] = []
        for pipeline in chosen {
            var stages = pipeline.stages
            if let stageText {
                guard let stage = pipeline.stage(matching: stageText) else {
                    throw ServiceError.noSuchStage(stageText, known: pipeline.stages.map(\.name))
                }
                stages = [stage]
            }
            var query = BoardQuery(
                account: account.name, pipelineID: pipeline.id, statuses: statuses,
                defaultWindow: CardWindow(offset: 0, limit: Int.max))
            query.filter = filter
            let columns = PastColumns.columns(
                of: pipeline, cards: byPipeline[pipeline.id] ?? [], query: query, now: AsOf.lastMoment(before: cutoff))
            found += columns.filter { column in stages.contains { $0.id == column.stage.id } }.flatMap(\.cards)
        }
        return found
    }
}

/// The outlines the board as it was last read, and what they were read from.
struct KeptPast {
    var account: String
    var pipelineID: String
    var cutoff: Date
    var version: PastVersion
    var outlines: [Opportunity]
}
