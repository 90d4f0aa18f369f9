import Foundation
import PipeboardConfig
import PipeboardCore
import Testing
@testable import PipeboardTUI

/// The next step on each card: overdue, today, later, and the mark of an open deal with none.
@Suite struct NextStepCardTests {
    /// Today is 2026-01-01 (`Fixture.now`).
    static func snapshot(capabilities: Capabilities = Capabilities.all.union([.notes, .tasks])) -> BoardSnapshot {
        var board = Fixture.snapshot(capabilities: capabilities)
        let steps: [Int: NextStep] = [
            1: NextStep(taskID: Fixture.id(901), title: "Call Ana back", due: DueDate(day: "2025-12-30")),
            4: NextStep(taskID: Fixture.id(904), title: "Send the renewal quote", due: DueDate(day: "2026-01-01")),
            6: NextStep(taskID: Fixture.id(906), title: "Demo", due: DueDate(day: "2026-01-08", time: "15:30")),
            7: NextStep(
                taskID: Fixture.id(907), title: "Security review", due: DueDate(day: "2026-01-01", time: "09:00")),
            8: NextStep(taskID: Fixture.id(908), title: "Send the invoice", due: DueDate(day: "2027-02-01")),
        ]
        for index in board.columns.indices {
            for card in board.columns[index].cards {
                if let step = steps[Int(card.id.uuidString.suffix(12))!] {
                    board.columns[index].nextSteps[card.id] = step
                }
            }
        }
        return board
    }

    @Test func cardsShowTheirNextStepAt120x40() {
        assertGolden(view(Fixture.state(snapshot: Self.snapshot())), "next-step-cards-120x40")
    }

    @Test func cardsShowTheirNextStepAt80x24() {
        assertGolden(view(Fixture.state(width: 80, height: 24, snapshot: Self.snapshot())), "next-step-cards-80x24")
    }

    @Test func eachStateHasItsGlyphAndRole() {
        let state = Fixture.state(snapshot: Self.snapshot())
        let marks = Fixture.cards.map { state.nextStepMark(of: $0) }
        #expect(marks[0]?.text == "▲ Dec 30 Call Ana back")
        #expect(marks[0]?.role == .nextStepOverdue)
        #expect(marks[3]?.text == "● today Send the renewal quote")
        #expect(marks[3]?.role == .nextStepToday)
        #expect(marks[6]?.text == "● 09:00 Security review")
        #expect(marks[5]?.text == "○ Jan 8 Demo")
        #expect(marks[5]?.role == .nextStepLater)
        // Further than half a year away, the month and year.
        #expect(marks[7]?.text == "○ Feb 2027 Send the invoice")
        // An open deal without a step is marked; the glyphs differ, so no colour is needed to tell them apart.
        #expect(marks[1] == NextStepMark.missing)
        #expect(marks[1]?.text == "∅ no next step")
        #expect(Set([marks[0], marks[3], marks[5], marks[1]].compactMap { $0?.glyph }).count == 4)
    }

    /// A narrow card keeps the glyph and day before it cuts the title, and the glyph before the day.
    @Test func aNarrowCardShortensTheStepBeforeTheAge() {
        let step = CardText(text: "▲ Dec 30 Call Ana back", role: .nextStepOverdue, shorter: ["▲ Dec 30", "▲"])
        #expect(step.fitted(to: 40) == "▲ Dec 30 Call Ana back")
        #expect(step.fitted(to: 12) == "▲ Dec 30 Call Ana back") // cut by the writer: "▲ Dec 30 Ca…"
        #expect(step.fitted(to: 10) == "▲ Dec 30")
        #expect(step.fitted(to: 4) == "▲")
        #expect(fieldWidths([22, 3], flexible: 0, minimum: 1, room: 9) == [4, 3])
    }

    @Test func aClosedDealWithoutAStepShowsNothing() {
        var board = Self.snapshot()
        board.columns[4].nextSteps = [:]
        let state = Fixture.state(snapshot: board)
        #expect(state.nextStepMark(of: Fixture.cards[7]) == nil)
    }

    /// A provider without tasks (BrightMove, Coastline) and the board as it was show no field at all.
    @Test func noFieldWithoutTasksOrInThePast() {
        let withoutTasks = Fixture.state(snapshot: Self.snapshot(capabilities: .all))
        #expect(Fixture.cards.allSatisfy { withoutTasks.nextStepMark(of: $0) == nil })
        var past = Self.snapshot()
        past.asOf = Fixture.now
        let pastState = Fixture.state(snapshot: past)
        #expect(Fixture.cards.allSatisfy { pastState.nextStepMark(of: $0) == nil })
        let text = view(withoutTasks).plainText
        #expect(!text.contains("∅") && !text.contains("▲"))
    }

    /// Every shipped theme tells the four states apart at 16 colours; in mono the glyph does, and overdue is never
    /// plain.
    @Test(arguments: BoardDisplay.shippedThemes)
    func statesReadInSixteenColoursAndMono(name: String) throws {
        let theme = try ThemeDepthTests.theme(name)
        let roles: [ColorRole] = [.nextStepOverdue, .nextStepToday, .nextStepLater, .nextStepNone]
        if name != "mono" {
            let colours = roles.map { theme.resolved(for: $0, depth: .ansi16).foreground }
            #expect(Set(colours).count == 4, "\(name): \(colours)")
        }
        let overdue = theme.resolved(for: .nextStepOverdue, depth: .none)
        #expect(overdue.bold || overdue.underline)
    }

    /// A theme written before these roles existed still loads, and borrows failed / won / muted / stale for them.
    @Test func anOlderThemeFallsBackToRelatedRoles() throws {
        let old = try Theme.parse(
            toml: """
                [roles.text]
                fg = { truecolor = "#d0d0d0", ansi256 = 252, ansi16 = 7 }
                [roles.failed]
                fg = { truecolor = "#ff5f5f", ansi256 = 203, ansi16 = 9 }
                [roles.won]
                fg = { truecolor = "#5fd75f", ansi256 = 77, ansi16 = 2 }
                [roles.stale]
                fg = { truecolor = "#d7af5f", ansi256 = 179, ansi16 = 3 }
                """, name: "old")
        #expect(old.resolved(for: .nextStepOverdue, depth: .ansi16).foreground == 9)
        #expect(old.resolved(for: .nextStepToday, depth: .ansi16).foreground == 2)
        #expect(old.resolved(for: .nextStepNone, depth: .ansi16).foreground == 3)
        // No muted either: later looks like text.
        #expect(old.resolved(for: .nextStepLater, depth: .ansi16).foreground == 7)
    }
}
