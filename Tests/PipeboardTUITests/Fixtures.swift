import Foundation
import PipeboardCore
@testable import PipeboardTUI

/// A fixed board for every test: the same stages, cards, clock and ids each run.
enum Fixture {
    static let now = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01 UTC
    /// A workspace made before won and lost were statuses only: it kept its Won stage, as existing workspaces do.
    static let pipeline = Pipeline(
        id: "sales", name: "Sales",
        stages: DemoData.pipeline.stages + [
            Stage(id: "won", name: "Won", position: 4, probability: 1.0)
        ])

    static func id(_ n: Int) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))!
    }

    static func card(
        _ n: Int, _ name: String, stage: String, value: String? = nil, currency: String = "USD",
        contact: String? = nil, company: String? = nil, days: Double = 3, status: OpportunityStatus = .open,
        closeDate: String = "2026-03-31", probability: Double? = 0.4
    ) -> Opportunity {
        Opportunity(
            id: id(n), account: "agency", pipelineID: pipeline.id, stageID: stage, rank: Int64(n), name: name,
            value: value.flatMap { Money(decimal: $0, currency: currency) }, status: status,
            contactName: contact, companyName: company, email: contact.map { _ in "deals@example.com" },
            closeDate: closeDate, probability: probability, tags: ["priority", "q1"],
            createdAt: now.addingTimeInterval(-40 * 86_400), stageChangedAt: now.addingTimeInterval(-days * 86_400))
    }

    static let cards: [Opportunity] = [
        card(
            1, "Acme Corp — CRM rollout", stage: "lead", value: "12500", contact: "Ana Alvarez", company: "Acme Corp",
            days: 12),
        card(
            2, "東京商事 — 年間契約の更新", stage: "lead", value: "8000", contact: "山田 太郎", days: 2, closeDate: "2026-01-20",
            probability: nil),
        card(
            3, "Globex 🚀 Expansion", stage: "lead", value: "2000", currency: "EUR", company: "Globex", days: 45,
            closeDate: "2026-02-10"),
        card(
            4, "Initech — Annual renewal of the enterprise support agreement", stage: "qualified", value: "41000",
            contact: "Peter Gibbons", company: "Initech", days: 8, closeDate: "2026-02-28", probability: nil),
        card(5, "Hooli pilot", stage: "qualified", value: "3200", contact: "Gavin Belson", closeDate: "2025-12-15"),
        card(
            6, "Wonka Confections — Support plan", stage: "proposal", value: "950", company: "Wonka Confections",
            days: 21, closeDate: "2026-05-01", probability: nil),
        card(
            7, "Stark Industries — Security audit", stage: "negotiation", value: "120000", contact: "Pepper Potts",
            company: "Stark Industries", days: 5, closeDate: "2026-04-15", probability: 0.8),
        card(
            8, "Pied Piper — Data migration", stage: "won", value: "18000", contact: "Richard Hendricks", days: 1,
            status: .won),
    ]

    /// A column with the figures the cache's aggregate query would give for these cards.
    static func column(_ stage: Stage, cards: [Opportunity], count: Int? = nil, offset: Int = 0) -> ColumnSnapshot {
        var totals = MoneyTotals(), openTotals = MoneyTotals(), weighted = MoneyTotals()
        var entered: [Double] = []
        for card in cards {
            if let value = card.value { totals.add(value) }
            guard card.status == .open else { continue }
            entered.append(card.stageChangedAt.timeIntervalSinceReferenceDate)
            guard let value = card.value else { continue }
            openTotals.add(value)
            let chance = Weighting.probability(deal: card.probability, stage: stage.probability)
            weighted.add(Money(micros: Int64((Double(value.micros) * chance).rounded()), currency: value.currency))
        }
        return ColumnSnapshot(
            stage: stage, count: count ?? cards.count, totals: totals, offset: offset, cards: cards,
            openCount: entered.count, openTotals: openTotals, weighted: weighted,
            averageStageEntry: entered.isEmpty
                ? nil : Date(timeIntervalSinceReferenceDate: entered.reduce(0, +) / Double(entered.count)))
    }

    /// Won and lost deals of the last weeks, for the summary line's sparklines.
    static let outcomeWeeks: [OutcomeWeekSums] = [
        OutcomeWeekSums(status: .won, weeksAgo: 0, currency: "USD", count: 1, micros: 18_000_000_000),
        OutcomeWeekSums(status: .won, weeksAgo: 2, currency: "USD", count: 2, micros: 9_500_000_000),
        OutcomeWeekSums(status: .won, weeksAgo: 5, currency: "USD", count: 1, micros: 30_000_000_000),
        OutcomeWeekSums(status: .won, weeksAgo: 9, currency: "USD", count: 1, micros: 4_000_000_000),
        OutcomeWeekSums(status: .lost, weeksAgo: 1, currency: "USD", count: 1, micros: 12_000_000_000),
        OutcomeWeekSums(status: .lost, weeksAgo: 6, currency: "USD", count: 2, micros: 20_000_000_000),
        OutcomeWeekSums(status: .won, weeksAgo: 3, currency: "EUR", count: 1, micros: 1_000_000_000),
    ]

    /// The open and won cards as the cache's close-month query would sum them, one group per card.
    static func closeMonths(_ cards: [Opportunity]) -> [CloseMonthSums] {
        cards.filter { $0.status == .open || $0.status == .won }.map { card in
            let micros = card.value?.micros ?? 0
            return CloseMonthSums(
                stageID: card.stageID, status: card.status, month: card.closeDate.map { String($0.prefix(7)) },
                count: 1, micros: micros,
                weighting: WeightedSums(
                    currency: card.value?.currency ?? "",
                    ownWeightedMicros: card.probability.map { Double(micros) * $0 } ?? 0,
                    withoutOwnMicros: card.probability == nil ? micros : 0),
                stageProbability: pipeline.stages.first { $0.id == card.stageID }?.probability)
        }
    }

    static func snapshot(cards: [Opportunity] = cards, capabilities: Capabilities = .all) -> BoardSnapshot {
        BoardSnapshot(
            account: "agency", providerName: "HighLevel", pipelines: [pipeline], pipeline: pipeline,
            columns: pipeline.stages.map { stage in column(stage, cards: cards.filter { $0.stageID == stage.id }) },
            capabilities: capabilities, fieldSpecs: FieldSpec.standard, pendingChanges: 1, failedChanges: 1,
            cardSync: [id(3): .pending, id(4): .failed(reason: "HighLevel rejected the value")], canUndo: true,
            closeMonths: closeMonths(cards), outcomeWeeks: outcomeWeeks, includesForecast: true)
    }

    /// Lead holds 30 cards, of which the first 14 are loaded.
    static func longSnapshot() -> BoardSnapshot {
        var board = snapshot()
        let many = (1...30).map { n in
            card(100 + n, "Deal \(n)", stage: "lead", value: "\(n * 100)", company: "Company \(n)", days: Double(n))
        }
        board.columns[0] = column(pipeline.stages[0], cards: Array(many.prefix(14)), count: 30)
        board.columns[0].totals = many.reduce(into: MoneyTotals()) { $0.add($1.value!) }
        return board
    }

    /// A loaded app state of the given size.
    static func state(width: Int = 120, height: Int = 40, snapshot: BoardSnapshot = snapshot()) -> AppState {
        var state = AppState(width: width, height: height, now: now)
        _ = update(&state, .boardLoaded(snapshot))
        return state
    }
}

/// Presses keys in order and returns every effect they produced.
@discardableResult
func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
    keys.flatMap { update(&state, .terminal(.key($0))) }
}

func type(_ state: inout AppState, _ text: String) {
    for character in text { _ = update(&state, .terminal(.key(.character(character)))) }
}
