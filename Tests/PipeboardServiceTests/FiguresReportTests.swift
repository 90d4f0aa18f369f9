import Foundation
import PipeboardCore
import PipeboardProviders
@testable import PipeboardService
import PipeboardStore
import Testing

@Suite("Figures and the report")
struct FiguresReportTests {
    /// The demo pipeline with the config's default for a stage whose provider gives none.
    typealias Deal = (name: String, stage: String, value: String, currency: String, status: OpportunityStatus)

    static func bench(defaults: StageProbabilityDefaults = StageProbabilityDefaults(), more: [Deal] = [])
        async throws -> (BoardService, URL)
    {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipeboard-figures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
        let workspace = try LocalWorkspaceProvider(path: folder.appendingPathComponent("workspace.sqlite").path)
        let now = Workbench.now
        let service = BoardService(
            store: store,
            accounts: [Account(config: AccountConfig(name: "local", provider: .local), provider: workspace)],
            stageProbabilities: defaults, clock: { now })
        var pipeline = DemoData.pipeline
        pipeline.stages[1].probability = nil // Qualified: left to the config
        try workspace.savePipeline(pipeline, position: 0)
        func deal(
            _ name: String, _ stage: String, _ value: String, _ currency: String = "USD",
            status: OpportunityStatus = .open,
            probability: Double? = nil, close: String? = nil
        ) -> Opportunity {
            Opportunity(
                account: "local", pipelineID: pipeline.id, stageID: stage, name: name,
                value: Money(decimal: value, currency: currency),
                status: status, closeDate: close, probability: probability,
                createdAt: now.addingTimeInterval(-86_400 * 10),
                updatedAt: now.addingTimeInterval(-86_400 * 3), stageChangedAt: now.addingTimeInterval(-86_400 * 4))
        }
        try workspace.insertMany(
            [
                deal("A", "lead", "1000", close: "2026-09-30"),
                deal("B", "qualified", "2000", close: "2026-10-15"),
                deal("C", "qualified", "400", "EUR", probability: 0.5, close: "2026-10-20"),
                deal("D", "proposal", "3000", close: "2027-01-05"),
                deal("E", "negotiation", "5000", status: .won, close: "2026-09-01"),
                deal("F", "lead", "700", status: .lost),
            ] + more.map { deal($0.name, $0.stage, $0.value, $0.currency, status: $0.status) })
        try await service.pull(account: nil)
        return (service, folder)
    }

    @Test func figuresUseTheDealsThenTheStagesThenTheConfigsProbability() async throws {
        let (service, folder) = try await Self.bench(defaults: StageProbabilityDefaults(["Qualified": 0.3]))
        defer { try? FileManager.default.removeItem(at: folder) }
        let figures = try await service.figures(account: nil, pipeline: nil)
        let micros = Money.microsPerUnit
        #expect(figures.stages.map(\.stage.probability) == [0.1, 0.3, 0.5, 0.75])
        #expect(figures.stages[1].weighted == MoneyTotals(["USD": 600 * micros, "EUR": 200 * micros]))
        #expect(figures.openTotals == MoneyTotals(["USD": 6_000 * micros, "EUR": 400 * micros]))
        #expect(figures.weightedTotals == MoneyTotals(["USD": (100 + 600 + 1_500) * micros, "EUR": 200 * micros]))
        #expect(figures.stages[0].averageDaysInStage == 4)
        #expect(
            figures.forecast.months.map(\.month) == ["2026-09", "2026-10", "2026-11", "2026-12", "2027-01", "2027-02"])
        #expect(figures.forecast.months[1].weighted == MoneyTotals(["USD": 600 * micros, "EUR": 200 * micros]))
        #expect(figures.forecast.wonTotals == MoneyTotals(["USD": 5_000 * micros]))
        #expect(figures.outcomes.wonCount.last == 1 && figures.outcomes.lostCount.last == 1)
        let withoutConfig = try await Self.bench()
        defer { try? FileManager.default.removeItem(at: withoutConfig.1) }
        #expect(
            try await withoutConfig.0.figures(account: nil, pipeline: nil).stages[1].weighted
                == MoneyTotals(["USD": 0, "EUR": 200 * micros]))
    }

    @Test func reportFormatsCarryTheSameFigures() async throws {
        let (service, folder) = try await Self.bench(defaults: StageProbabilityDefaults(["Qualified": 0.3]))
        defer { try? FileManager.default.removeItem(at: folder) }
        let figures = try await service.figures(account: nil, pipeline: "Sales")

        let markdown = try FiguresReport.render(figures, as: .md)
        #expect(markdown.contains("- Open: $6,000 + €400 (4 deals)"), "\(markdown)")
        #expect(
            markdown.contains("| Qualified | 2 | $2,000 + €400 | $2,000 + €400 | $600 + €200 | 30% | 67% | 4.0 |"),
            "\(markdown)")
        #expect(markdown.contains("| Oct 2026 | 2 | $2,000 + €400 | $600 + €200 |"))

        let csv = try FiguresReport.render(figures, as: .csv)
        let rows = csv.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(rows[0].first == "section")
        #expect(
            rows.contains(["stage", "Qualified", "EUR", "2", "400", "400", "200", "0.3000", "0.6667", "4.0", "", ""]))
        #expect(rows.contains(["total", "Sales", "USD", "4", "11700", "6000", "2200", "", "", "", "5000", ""]))

        let json = try FiguresReport.render(figures, as: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["weighted"] as? [String: String] == ["USD": "2200", "EUR": "200"])
        let stages = try #require(object["stages"] as? [[String: Any]])
        #expect(stages.map { $0["name"] as? String } == ["Lead", "Qualified", "Proposal", "Negotiation"])
        #expect(stages[1]["probability"] as? Double == 0.3)
        let forecast = try #require(object["forecast"] as? [String: Any])
        #expect(forecast["won"] as? [String: String] == ["USD": "5000"])
        #expect((object["weeks"] as? [Any])?.count == WeeklyOutcomes.weeks)
    }

    @Test func noFigureIsRoundedAway() async throws {
        let (service, folder) = try await Self.bench(more: [
            ("G", "lead", "9999.99", "USD", .lost),
            ("H", "proposal", "1234.5", "USD", .open),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let markdown = try FiguresReport.render(try await service.figures(account: nil, pipeline: nil), as: .md)
        #expect(markdown.contains("| Lead | 3 | $11,699.99 | $1,000 |"), "\(markdown)")
        #expect(markdown.contains("| Proposal | 2 | $4,234.50 | $4,234.50 |"), "\(markdown)")
        #expect(markdown.contains("| 2 | $10,699.99 |"), "the week's lost deals: \(markdown)")
        #expect(!markdown.contains("$10,000"), "\(markdown)")
    }

    @Test func csvHasATotalRowForEveryCurrency() async throws {
        // GBP only in a won deal, CHF only in a lost one: the Markdown report lists both.
        let (service, folder) = try await Self.bench(more: [
            ("W", "negotiation", "250", "GBP", .won),
            ("L", "lead", "80.5", "CHF", .lost),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let figures = try await service.figures(account: nil, pipeline: nil)
        let markdown = try FiguresReport.render(figures, as: .md)
        #expect(markdown.contains("- Won: $5,000 + £250 (2 deals)"), "\(markdown)")
        #expect(markdown.contains("CHF 80.50"), "\(markdown)")
        let rows = try FiguresReport.render(figures, as: .csv).split(separator: "\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let totals = rows.filter { $0.first == "total" }
        #expect(totals.map { $0[2] } == ["CHF", "EUR", "GBP", "USD"])
        #expect(totals.contains(["total", "Sales", "GBP", "4", "250", "", "", "", "", "", "250", ""]))
        #expect(totals.contains(["total", "Sales", "CHF", "4", "80.5", "", "", "", "", "", "", ""]))
    }

    @Test func oneDealIsSaidInTheSingular() async throws {
        // The bench has one won deal, E.
        let (service, folder) = try await Self.bench()
        defer { try? FileManager.default.removeItem(at: folder) }
        let markdown = try FiguresReport.render(
            try await service.figures(account: nil, pipeline: nil, statuses: [.open, .won]), as: .md)
        #expect(markdown.contains("- Won: $5,000 (1 deal)\n"), "\(markdown)")
        #expect(!markdown.contains("(1 deals)"), "\(markdown)")
    }

    @Test func csvAndMarkdownCannotBeBrokenByNames() {
        #expect(FiguresReport.csvField("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(FiguresReport.csvField("-12.5") == "-12.5")
        #expect(FiguresReport.csvField("a,b") == "\"a,b\"")
        #expect(FiguresReport.cell("Won | Lost\nstage") == "Won \\| Lost stage")
    }
}
