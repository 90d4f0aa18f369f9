import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import Testing

/// Two real local workspaces as two accounts, merged into one board by a stage mapping.
@Suite struct MergedBoardTests {
    struct TwoAccounts {
        let folder: URL
        let store: CacheStore
        let service: BoardService

        init() async throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "pipeboard-merged-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
            let base = folder
            let accounts = try ["east", "west"].map { name in
                Account(
                    config: AccountConfig(name: name, provider: .local),
                    provider: try LocalWorkspaceProvider(path: base.appendingPathComponent("\(name).sqlite").path))
            }
            let now = Workbench.now
            // The demo seed gives the same ids for the same seed: west gets other deals of its own.
            let west = try #require(accounts[1].provider as? LocalWorkspaceProvider)
            try west.savePipeline(DemoData.pipeline, position: 0)
            try west.insertMany(DemoData.opportunities(count: 30, seed: 2, account: "west", now: now))
            service = BoardService(store: store, accounts: accounts, clock: { now })
            for name in ["east", "west"] { try await service.prepareLocalWorkspace(account: name) }
            await service.useMergedBoards([MergedBoardTests.spec])
        }

        func cleanUp() { try? FileManager.default.removeItem(at: folder) }
    }

    /// east: Lead and Qualified are Open, Proposal and Negotiation Late.
    /// west: Lead and Qualified are Open, Proposal Late, Negotiation by its own name.
    static let spec = MergedBoardSpec(
        name: "Everything", columns: ["Open", "Late", "Negotiation"],
        sources: [
            .init(
                account: "east",
                stages: ["Lead": "Open", "qualified": "Open", "Proposal": "Late", "Negotiation": "Late"], badge: "E"),
            .init(
                account: "west", pipeline: "Sales", stages: ["Lead": "Open", "Qualified": "Open", "Proposal": "Late"],
                badge: "W"),
        ])

    @Test func listNamesAMergedBoardAndItsColumns() async throws {
        let bench = try await TwoAccounts()
        defer { bench.cleanUp() }
        func ids(_ account: String, _ stages: String...) async throws -> [UUID] {
            var found: [UUID] = []
            for stage in stages {
                found += try await bench.service.list(account: account, pipeline: nil, stage: stage).map(\.id)
            }
            return found
        }
        let open = try await ids("east", "Lead", "Qualified") + ids("west", "Lead", "Qualified")
        let late = try await ids("east", "Proposal", "Negotiation") + ids("west", "Proposal")
        let won = try await ids("west", "Negotiation")
        #expect(!open.isEmpty && !late.isEmpty)
        // Column by column, each account's cards in the stages mapped to it; west's Negotiation has its own.
        let all = try await bench.service.list(account: "Everything", pipeline: nil, stage: nil)
        #expect(Set(all.map(\.id)) == Set(open + late + won))
        #expect(all.count == open.count + late.count + won.count)
        #expect(Array(all.prefix(open.count)).allSatisfy { open.contains($0.id) })
        #expect(Set(all.map(\.account)) == ["east", "west"])
        // --stage names a column (any case); --pipeline may only name the board itself.
        #expect(
            try await Set(bench.service.list(account: "Everything", pipeline: nil, stage: "late").map(\.id))
                == Set(late))
        #expect(
            try await bench.service.list(account: "Everything", pipeline: "everything", stage: "Negotiation").count
                == won.count)
        let wonOpen = try await bench.service.list(account: "Everything", pipeline: nil, stage: nil, statuses: [.open])
        #expect(wonOpen.allSatisfy { $0.status == .open } && wonOpen.count < all.count)
        await #expect(throws: ServiceError.noSuchStage("Lead", known: ["Open", "Late", "Negotiation"])) {
            try await bench.service.list(account: "Everything", pipeline: nil, stage: "Lead")
        }
        await #expect(throws: ServiceError.noSuchPipeline("Sales", known: ["Everything"])) {
            try await bench.service.list(account: "Everything", pipeline: "Sales", stage: nil)
        }
    }

    @Test func columnsAddUpTheMappedStagesOfEveryAccount() async throws {
        let bench = try await TwoAccounts()
        defer { bench.cleanUp() }
        let east = try await bench.service.board(BoardQuery(account: "east"))
        let west = try await bench.service.board(BoardQuery(account: "west"))
        func count(_ board: BoardSnapshot, _ stages: String...) -> Int {
            board.columns.filter { stages.contains($0.stage.name) }.reduce(0) { $0 + $1.count }
        }
        let merged = try await bench.service.board(BoardQuery(account: "Everything"))
        #expect(merged.columns.map(\.stage.name) == ["Open", "Late", "Negotiation"])
        #expect(merged.columns[0].count == count(east, "Lead", "Qualified") + count(west, "Lead", "Qualified"))
        #expect(merged.columns[1].count == count(east, "Proposal", "Negotiation") + count(west, "Proposal"))
        #expect(merged.columns[2].count == count(west, "Negotiation"))
        #expect(merged.merge?.badges == ["east": "E", "west": "W"])
        #expect(merged.accounts == ["east", "west", "Everything"])
        // Every card on the board keeps its own account and stage.
        let accounts = Set(merged.columns.flatMap { $0.cards.map(\.account) })
        #expect(accounts == ["east", "west"])
        #expect(merged.columns[1].cards.allSatisfy { ["proposal", "negotiation"].contains($0.stageID) })
        // Totals are summed per currency over both accounts.
        var expected = MoneyTotals()
        for column in west.columns where column.stage.name == "Negotiation" {
            for money in column.totals.amounts { expected.add(money) }
        }
        #expect(merged.columns[2].totals == expected)
        #expect(merged.merge?.stage(for: "west", column: MergedBoardSpec.columnID("Late")) == "proposal")
        #expect(merged.merge?.stage(for: "east", column: MergedBoardSpec.columnID("Open")) == "lead")
    }

    /// Each account's next steps come with its cards, and notes and tasks are offered where every account keeps them.
    @Test func nextStepsComeWithEveryAccountsCards() async throws {
        let bench = try await TwoAccounts()
        defer { bench.cleanUp() }
        let board = try await bench.service.board(BoardQuery(account: "Everything"))
        let east = try #require(board.columns[0].cards.first { $0.account == "east" })
        let west = try #require(board.columns[0].cards.first { $0.account == "west" })
        try await bench.service.addTask(to: east.id, title: "Call east", due: DueDate(day: "2026-01-02"))
        try await bench.service.addTask(to: west.id, title: "Call west", due: nil)
        let merged = try await bench.service.board(BoardQuery(account: "Everything"))
        #expect(merged.capabilities.isSuperset(of: [.notes, .tasks]))
        #expect(merged.columns[0].nextSteps[east.id]?.title == "Call east")
        #expect(merged.columns[0].nextSteps[west.id]?.title == "Call west")
        // Every other card keeps the step it had (the starter deals have some of their own).
        let others = { (steps: [UUID: NextStep]) in steps.filter { $0.key != east.id && $0.key != west.id } }
        #expect(others(merged.columns[0].nextSteps) == others(board.columns[0].nextSteps))
    }

    /// The board's filter and status set reach every account, and the headers' open value, weighted forecast and
    /// average days in stage add up over the accounts like the counts do.
    /// A search typed keeps the figures the board shows: one account's board leaves them unread, the columns as
    /// they would be; a merged board reads them anyway (the board keeps none of its own there).
    @Test func aQueryThatKeepsTheFiguresLeavesThemUnread() async throws {
        let bench = try await TwoAccounts()
        defer { bench.cleanUp() }
        var query = BoardQuery(account: "east", includeForecast: true)
        query.filter = BoardFilter(search: "a")
        let full = try await bench.service.board(query)
        #expect(!full.outcomeWeeks.isEmpty && !full.closeMonths.isEmpty && !full.figuresKept)
        query.keepsFigures = true
        let kept = try await bench.service.board(query)
        #expect(kept.outcomeWeeks.isEmpty && kept.closeMonths.isEmpty && kept.figuresKept)
        #expect(kept.columns == full.columns)
        query.account = "Everything"
        let merged = try await bench.service.board(query)
        #expect(!merged.outcomeWeeks.isEmpty && !merged.figuresKept)
    }

    @Test func filtersAndHeaderFiguresCoverEveryAccount() async throws {
        let bench = try await TwoAccounts()
        defer { bench.cleanUp() }
        var query = BoardQuery(account: "Everything", statuses: [.open])
        query.filter = BoardFilter(minValueMicros: 20_000 * 1_000_000)
        let merged = try await bench.service.board(query)
        func sources(_ account: String) async throws -> [ColumnSnapshot] {
            var own = BoardQuery(account: account, statuses: [.open])
            own.filter = query.filter
            return try await bench.service.board(own).columns.filter { ["Lead", "Qualified"].contains($0.stage.name) }
        }
        let parts = try await sources("east") + sources("west")
        let open = merged.columns[0]
        #expect(open.count == parts.reduce(0) { $0 + $1.count })
        #expect(
            open.count > 0
                && open.cards.allSatisfy { $0.status == .open && ($0.value?.micros ?? 0) >= 20_000 * 1_000_000 })
        #expect(open.openCount == parts.reduce(0) { $0 + $1.openCount })
        var weighted = MoneyTotals()
        for part in parts { for money in part.weighted.amounts { weighted.add(money) } }
        #expect(open.weighted == weighted && !weighted.isEmpty)
        #expect(open.averageStageEntry != nil)
        // The won / lost trend of the summary line counts both accounts' closed deals.
        var closed = 0
        for account in ["east", "west"] {
            closed += try await bench.service.board(BoardQuery(account: account)).outcomeWeeks.reduce(0) {
                $0 + $1.count
            }
        }
        #expect(merged.outcomeWeeks.reduce(0) { $0 + $1.count } == closed)
    }

    @Test func windowsPageThroughTheAccountsEndToEnd() async throws {
        let bench = try await TwoAccounts()
        defer { bench.cleanUp() }
        let id = MergedBoardSpec.columnID("Open")
        let whole = try await bench.service.board(
            BoardQuery(account: "Everything", defaultWindow: CardWindow(offset: 0, limit: 100)))
        let all = whole.columns[0].cards.map(\.id)
        #expect(all.count == whole.columns[0].count)
        let page = try await bench.service.board(
            BoardQuery(account: "Everything", windows: [id: CardWindow(offset: 3, limit: 4)]))
        #expect(page.columns[0].offset == 3)
        #expect(page.columns[0].cards.map(\.id) == Array(all[3..<7]))
    }

    @Test func aMoveGoesToTheMappedStageOfTheCardsOwnAccount() async throws {
        let bench = try await TwoAccounts()
        defer { bench.cleanUp() }
        let merged = try await bench.service.board(BoardQuery(account: "Everything"))
        let westCard = try #require(merged.columns[0].cards.first { $0.account == "west" })
        let target = try #require(merged.merge?.stage(for: "west", column: MergedBoardSpec.columnID("Late")))
        let moved = try await bench.service.move(id: westCard.id, toStage: target)
        #expect(moved.account == "west")
        #expect(moved.stageID == "proposal")
        let after = try await bench.service.board(BoardQuery(account: "Everything"))
        // Cards sit account by account in a column: the moved card tops west's part of Late.
        #expect(after.columns[1].cards.first { $0.account == "west" }?.id == westCard.id)
    }

    @Test func theBoardShownLastIsRemembered() async throws {
        let bench = try await TwoAccounts()
        defer { bench.cleanUp() }
        _ = try await bench.service.board(BoardQuery(account: "Everything"))
        #expect(try await bench.service.board(BoardQuery()).account == "Everything")
        _ = try await bench.service.board(BoardQuery(account: "west"))
        #expect(try await bench.service.board(BoardQuery()).account == "west")
    }

    @Test func aMappingThatNamesNoStageIsAClearError() async throws {
        let bench = try await TwoAccounts()
        defer { bench.cleanUp() }
        await bench.service.useMergedBoards([
            MergedBoardSpec(
                name: "Bad", columns: ["Open"],
                sources: [
                    .init(account: "east", stages: ["Leed": "Open"], badge: "E")
                ])
        ])
        await #expect(
            throws: ServiceError.badMergedBoard(
                "board 'Bad': account 'east' has no stage 'Leed' in Sales; "
                    + "its stages are Lead, Qualified, Proposal, Negotiation"
            )
        ) {
            try await bench.service.board(BoardQuery(account: "Bad"))
        }
    }

    @Test func aThemeChosenOnTheBoardIsRememberedUntilTheConfigChangesIt() async throws {
        let bench = try await TwoAccounts()
        defer { bench.cleanUp() }
        #expect(try await bench.service.rememberedTheme(configTheme: "default") == nil)
        try await bench.service.rememberTheme("light", configTheme: "default")
        #expect(try await bench.service.rememberedTheme(configTheme: "default") == "light")
        #expect(try await bench.service.rememberedTheme(configTheme: "mono") == nil)
    }
}
