import Foundation
import PipeboardCore
import PipeboardStore

/// Boards over several accounts: each account's pipeline mapped stage by stage onto the board's columns.
/// A merged board is named like an account (`--account`, `A` on the board); its cards keep their own account and
/// stage, and a move goes to the stage the card's account maps to the column.
extension BoardService {
    package func useMergedBoards(_ boards: [MergedBoardSpec]) {
        mergedBoards = boards
    }

    /// Accounts, then merged boards: what `A` cycles through.
    var boardNames: [String] { accountNames + mergedBoards.map(\.name) }

    /// The merged board `name` names; with no name, the one shown last if the board last showed one.
    package func mergedBoard(named name: String?) throws -> MergedBoardSpec? {
        if let name { return mergedBoards.first { $0.name == name } }
        guard let last = try store.setting(Setting.lastMergedBoard) else { return nil }
        return mergedBoards.first { $0.name == last }
    }

    func board(_ spec: MergedBoardSpec, query: BoardQuery) throws -> BoardSnapshot {
        let stages = spec.columns.enumerated().map { Stage(id: MergedBoardSpec.columnID($1), name: $1, position: $0) }
        // Per column, the source columns in the order of the sources and of each account's stages.
        var parts = [[ColumnSnapshot]](repeating: [], count: stages.count)
        var targets: [String: [String: String]] = [:]
        // Notes and tasks where every account offers them (the changes go to each card's own account).
        var capabilities = Capabilities.all.union([.notes, .tasks])
        var pending = 0, failed = 0
        var providers: [String] = []
        var closeMonths: [CloseMonthSums] = [], outcomeWeeks: [OutcomeWeekSums] = []
        var deleteWarnings: [String] = [], attentions: [String] = []
        for source in spec.sources {
            let account = try account(source.account)
            let pipeline = try stageProbabilities.applied(to: sourcePipeline(source, board: spec.name))
            let columnOfStage = try columns(of: pipeline, source: source, board: spec)
            var windows: [String: CardWindow] = [:]
            for stage in pipeline.stages {
                guard let column = columnOfStage[stage.id] else { continue }
                // Enough of each source column to fill the merged window, which starts at the merged offset.
                let window = query.window(for: stages[column].id)
                windows[stage.id] = CardWindow(offset: 0, limit: window.offset + window.limit)
                if targets[stages[column].id]?[account.name] == nil {
                    targets[stages[column].id, default: [:]][account.name] = stage.id
                }
            }
            var sourceQuery = BoardQuery(
                account: account.name, pipelineID: pipeline.id, statuses: query.statuses,
                windows: windows, defaultWindow: CardWindow(offset: 0, limit: 0))
            // The search, filters and per-column sorts apply to every account's cards; a sort set on a merged
            // column applies to each account stage shown in it.
            sourceQuery.filter = query.filter
            for stage in pipeline.stages {
                if let column = columnOfStage[stage.id], let sort = query.sorts[stages[column].id] {
                    sourceQuery.sorts[stage.id] = sort
                }
            }
            for column in try store.columns(account: account.name, pipeline: pipeline, query: sourceQuery, now: clock())
            {
                if let index = columnOfStage[column.stage.id] { parts[index].append(column) }
            }
            capabilities.formIntersection(account.provider.capabilities)
            let counts = try store.outboxCounts(account: account.name)
            pending += counts.pending
            failed += counts.failed
            if !providers.contains(account.provider.displayName) { providers.append(account.provider.displayName) }
            // The pictures add up over the accounts: their sums are per currency, never mixed.
            if query.includeForecast {
                closeMonths += try store.closeMonthSums(account: account.name, pipeline: pipeline)
            }
            outcomeWeeks += try store.outcomeWeekSums(
                account: account.name, pipeline: pipeline, now: clock(), weeks: WeeklyOutcomes.weeks)
            if let warning = account.provider.deleteWarning, !deleteWarnings.contains(warning) {
                deleteWarnings.append(warning)
            }
            if let attention = try attention(account: account.name) {
                attentions.append("\(account.name): \(attention)")
            }
        }
        let columns = stages.indices.map {
            merge(
                parts[$0], into: stages[$0], window: query.window(for: stages[$0].id),
                sort: query.sort(for: stages[$0].id))
        }
        let pipeline = Pipeline(id: MergedBoardSpec.columnID(spec.name), name: spec.name, stages: stages)
        try store.write { writer in try writer.setSetting(Setting.lastMergedBoard, spec.name) }
        var snapshot = BoardSnapshot(
            account: spec.name, accounts: boardNames, providerName: providers.joined(separator: " + "),
            pipelines: [pipeline], pipeline: pipeline, columns: columns,
            // Adding needs one account to add to: that is done on the account's own board.
            capabilities: capabilities.subtracting(.create),
            // A card's stage is its column here, so the stage is changed by moving, not in the form.
            fieldSpecs: FieldSpec.standard.filter { $0.id != "stage" },
            pendingChanges: pending, failedChanges: failed,
            cardSync: try store.syncStates(for: columns.flatMap { $0.cards.map(\.id) }),
            canUndo: try store.canUndo(), canRedo: try store.canRedo(),
            closeMonths: closeMonths, outcomeWeeks: outcomeWeeks, includesForecast: query.includeForecast,
            // A card may come from an account whose delete is permanent: the confirmation says so.
            deleteWarning: deleteWarnings.isEmpty ? nil : deleteWarnings.joined(separator: " "),
            attention: attentions.isEmpty ? nil : attentions.joined(separator: "; "))
        snapshot.merge = BoardMerge(
            badges: Dictionary(uniqueKeysWithValues: spec.sources.map { ($0.account, $0.badge) }), targets: targets)
        return snapshot
    }

    /// `list` over a merged board: column by column, every account's cards in the stages mapped to it. `stage` names
    /// a column; `pipeline`, if given, must be the board itself (its columns are its one pipeline).
    func list(
        _ spec: MergedBoardSpec, pipeline pipelineText: String?, stage stageText: String?,
        statuses: Set<OpportunityStatus>,
        filter: BoardFilter, sort: ColumnSort = .manual
    ) throws -> [Opportunity] {
        if let pipelineText, pipelineText.lowercased() != spec.name.lowercased() {
            throw ServiceError.noSuchPipeline(pipelineText, known: [spec.name])
        }
        var wanted = Array(spec.columns.indices)
        if let stageText {
            guard let column = spec.columns.firstIndex(where: { $0.lowercased() == stageText.lowercased() }) else {
                throw ServiceError.noSuchStage(stageText, known: spec.columns)
            }
            wanted = [column]
        }
        let sources = try spec.sources.map { source in
            let pipeline = try sourcePipeline(source, board: spec.name)
            return (source.account, pipeline, try columns(of: pipeline, source: source, board: spec))
        }
        var found: [Opportunity] = []
        for column in wanted {
            for (account, pipeline, columnOfStage) in sources {
                for stage in pipeline.stages where columnOfStage[stage.id] == column {
                    found += try store.opportunities(
                        account: account, pipelineID: pipeline.id, stageID: stage.id, statuses: statuses,
                        filter: filter, sort: sort, now: clock())
                }
            }
        }
        return found
    }

    /// The source's pipeline: the one it names, else the account's first.
    private func sourcePipeline(_ source: MergedBoardSpec.Source, board: String) throws -> Pipeline {
        let pipelines = try store.pipelines(account: source.account)
        guard !pipelines.isEmpty else { throw ServiceError.noPipelines(account: source.account) }
        guard let name = source.pipeline else { return pipelines[0] }
        let lowered = name.lowercased()
        guard
            let found = pipelines.first(where: { $0.id == name })
                ?? pipelines.first(where: { $0.name.lowercased() == lowered })
        else {
            throw ServiceError.badMergedBoard(
                "board '\(board)': account '\(source.account)' has no pipeline '\(name)'; "
                    + "its pipelines are \(pipelines.map(\.name).joined(separator: ", "))"
            )
        }
        return found
    }

    /// Stage id → column index, from the source's mapping (by stage name or id), else a column of the same name.
    private func columns(of pipeline: Pipeline, source: MergedBoardSpec.Source, board: MergedBoardSpec) throws
        -> [String: Int]
    {
        for key in source.stages.keys
        where pipeline.stages.allSatisfy({ $0.id != key && $0.name.lowercased() != key.lowercased() }) {
            throw ServiceError.badMergedBoard(
                "board '\(board.name)': account '\(source.account)' has no stage '\(key)' in \(pipeline.name); "
                    + "its stages are \(pipeline.stages.map(\.name).joined(separator: ", "))"
            )
        }
        var result: [String: Int] = [:]
        for stage in pipeline.stages {
            let named =
                source.stages[stage.id] ?? source.stages.first { $0.key.lowercased() == stage.name.lowercased() }?.value
                ?? stage.name
            if let index = board.columns.firstIndex(where: { $0.lowercased() == named.lowercased() }) {
                result[stage.id] = index
            }
        }
        return result
    }

    /// One merged column: counts and totals over every part, and the window's cards from the parts laid end to end.
    private func merge(_ parts: [ColumnSnapshot], into stage: Stage, window: CardWindow, sort: ColumnSort = .manual)
        -> ColumnSnapshot
    {
        var merged = mergeCards(parts, into: stage, window: window, sort: sort)
        // The header's open value, weighted forecast and average days in stage, over every account's open deals.
        var entrySeconds = 0.0
        for part in parts {
            merged.openCount += part.openCount
            for amount in part.openTotals.amounts { merged.openTotals.add(amount) }
            for amount in part.weighted.amounts { merged.weighted.add(amount) }
            if let entry = part.averageStageEntry {
                entrySeconds += entry.timeIntervalSince1970 * Double(part.openCount)
            }
            // The next steps came with each account's cards; those of the cards kept go with them.
            for card in merged.cards { if let step = part.nextSteps[card.id] { merged.nextSteps[card.id] = step } }
        }
        if merged.openCount > 0 {
            merged.averageStageEntry = Date(timeIntervalSince1970: entrySeconds / Double(merged.openCount))
        }
        return merged
    }

    /// Counts, totals and the window's cards of one merged column.
    private func mergeCards(_ parts: [ColumnSnapshot], into stage: Stage, window: CardWindow, sort: ColumnSort)
        -> ColumnSnapshot
    {
        var totals = MoneyTotals()
        var cards: [Opportunity] = []
        var start = 0
        if sort != .manual {
            // Sorted: every account's column came sorted from its first card, so the merged column is all of
            // them in one order, and the window is cut from that.
            for part in parts {
                for (currency, micros) in part.totals.microsByCurrency {
                    totals.add(Money(micros: micros, currency: currency))
                }
            }
            let steps = parts.reduce(into: [UUID: NextStep]()) { $0.merge($1.nextSteps) { first, _ in first } }
            let all = parts.flatMap(\.cards).sorted { Self.sortsBefore($0, $1, by: sort, steps: steps) }
            cards = Array(all.dropFirst(window.offset).prefix(window.limit))
            return ColumnSnapshot(
                stage: stage, count: parts.reduce(0) { $0 + $1.count }, totals: totals, offset: window.offset,
                cards: cards)
        }
        for part in parts {
            for (currency, micros) in part.totals.microsByCurrency {
                totals.add(Money(micros: micros, currency: currency))
            }
            for (index, card) in part.cards.enumerated()
            where (window.offset..<(window.offset + window.limit)).contains(start + part.offset + index) {
                cards.append(card)
            }
            start += part.count
        }
        return ColumnSnapshot(
            stage: stage, count: parts.reduce(0) { $0 + $1.count }, totals: totals, offset: window.offset, cards: cards)
    }
}

extension BoardService {
    /// The order of a sorted merged column, as the store orders each account's (FilterSQL's orderSQL).
    /// `steps`: the cards' next steps, for the next-step order.
    static func sortsBefore(
        _ a: Opportunity, _ b: Opportunity, by sort: ColumnSort, steps: [UUID: NextStep] = [:]
    ) -> Bool {
        func tie() -> Bool {
            a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id.uuidString < b.id.uuidString
        }
        switch sort {
        case .manual:
            return a.rank != b.rank ? a.rank < b.rank : tie()
        case .value:
            switch (a.value?.micros, b.value?.micros) {
            case let (x?, y?) where x != y: return x > y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return tie()
            }
        case .age:
            return a.stageChangedAt != b.stageChangedAt
                ? a.stageChangedAt < b.stageChangedAt : a.id.uuidString < b.id.uuidString
        case .closeDate:
            switch (a.closeDate, b.closeDate) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return tie()
            }
        case .name:
            let x = a.name.lowercased(), y = b.name.lowercased()
            return x != y ? x < y : a.id.uuidString < b.id.uuidString
        case .nextStep:
            // As `task_next_step` orders: by day, a day without a time after its times, undated, then none.
            let key = { (step: NextStep?) in step.map { $0.due.map { $0.day + " " + ($0.time ?? "24:00") } ?? "~" } }
            switch (key(steps[a.id]), key(steps[b.id])) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.rank != b.rank ? a.rank < b.rank : tie()
            }
        }
    }
}
