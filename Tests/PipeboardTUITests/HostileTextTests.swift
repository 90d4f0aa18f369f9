import Foundation
import PipeboardCore
import Testing
@testable import PipeboardTUI

/// Provider text written by strangers: every kind of hostile text is drawn as plain cells, on the real path
/// (sanitised where it enters the cache, then laid out), and the board's frame stays where it was.
@Suite("Hostile provider text")
struct HostileTextTests {
    /// One hostile sample per kind, each with a golden screen of the board and of the card's details.
    static let samples: [(name: String, text: String)] = [
        ("escape-csi", "Acme \u{1B}[2J\u{1B}[H\u{1B}[31mRED\u{1B}[0m deal\u{1B}[?1049h\u{1B}[6n"),
        (
            "osc",
            "Click \u{1B}]8;;https://evil.example/\u{07}here\u{1B}]8;;\u{07} \u{1B}]0;pwned title\u{1B}\\ "
                + "\u{1B}]52;c;Y3VybCBldmlsfHNo\u{07}ok"
        ),
        (
            "c0-c1",
            "Bell\u{07}\u{08}\u{08}back\u{0D}ret\u{0B}\u{0C}\u{00}nul \u{9B}31m C1\u{85}next\u{9D}0;t\u{9C} \u{7F}del"
        ),
        ("bidi", "Invoice \u{202E}fdp.exe\u{202C} \u{2066}iso\u{2069} \u{200F}rtl\u{200E} \u{061C}alm"),
        (
            "zero-width-combining",
            "Ze\u{200B}ro\u{200D}wi\u{2060}dth\u{FEFF} Z" + String(repeating: "\u{0301}\u{0316}\u{0334}", count: 30)
                + "algo e\u{0301}te\u{0301}"
        ),
        ("long-10000", String(repeating: "Wide雨傘 ", count: 1_250)),
        (
            "invalid-utf8",
            String(
                decoding: [
                    0x41, 0x63, 0x6D, 0x65, 0x20, 0xFF, 0xFE, 0xC3, 0x28, 0xED, 0xA0, 0x80, 0xF0, 0x28, 0x8C, 0xBC,
                    0x20, 0x6F, 0x6B,
                ] as [UInt8], as: UTF8.self)
        ),
    ]

    /// The board with the hostile card first in Lead (its name, contact and company all hostile), focused.
    static func state(_ text: String, width: Int = 100, height: Int = 30) -> AppState {
        let record = RemoteOpportunity(
            remoteID: "r1", pipelineID: Fixture.pipeline.id, stageID: "lead", name: text,
            contactName: text, companyName: text, createdAt: Fixture.now, updatedAt: Fixture.now
        ).sanitized
        var cards = Fixture.cards
        cards[0] = Fixture.card(
            1, record.name, stage: "lead", value: "12500", contact: record.contactName, company: record.companyName,
            days: 12)
        return Fixture.state(width: width, height: height, snapshot: Fixture.snapshot(cards: cards))
    }

    @Test(arguments: samples.map(\.name))
    func boardAndDetailsStayPlainAndInPlace(_ name: String) throws {
        let text = try #require(Self.samples.first { $0.name == name }).text
        let baseline = view(Fixture.state(width: 100, height: 30))
        var state = Self.state(text)
        let board = view(state)
        assertGolden(board, "hostile-\(name)-board")
        expectOnlyPrintable(board)
        // The frame holds: column headers and totals, the status bar, and every column's edges are unchanged.
        #expect(board.plainText.split(separator: "\n").prefix(2) == baseline.plainText.split(separator: "\n").prefix(2))
        #expect(board.plainText.split(separator: "\n").last == baseline.plainText.split(separator: "\n").last)
        #expect(borderColumns(board) == borderColumns(baseline))

        press(&state, .enter)
        let detail = view(state)
        assertGolden(detail, "hostile-\(name)-detail")
        expectOnlyPrintable(detail)
    }

    /// Defence in depth: even text that skipped the cleaning (a bug upstream) never puts a control, an escape
    /// or a bidi override in a cell, and rows stay exactly the screen's width.
    @Test(arguments: samples.map(\.name))
    func rawTextIsStillDrawnAsCells(_ name: String) throws {
        let text = try #require(Self.samples.first { $0.name == name }).text
        var cards = Fixture.cards
        cards[0] = Fixture.card(1, text, stage: "lead", value: "12500", contact: text, company: text, days: 12)
        var state = Fixture.state(width: 100, height: 30, snapshot: Fixture.snapshot(cards: cards))
        expectWellFormed(view(state))
        expectOnlyPrintable(view(state))
        press(&state, .enter)
        expectWellFormed(view(state))
        expectOnlyPrintable(view(state))
    }

    @Test func cleaningCapsLengthAndKeepsReadableText() {
        let long = ProviderText.clean(String(repeating: "x", count: 10_000))
        #expect(long.unicodeScalars.count == ProviderText.maxScalars)
        #expect(ProviderText.clean(Self.samples[0].text) == "Acme RED deal")
        #expect(ProviderText.clean("Invoice \u{202E}fdp.exe\u{202C}") == "Invoice fdp.exe")
    }

    /// Columns where a card border (│) is drawn on row 3 (the first card row).
    func borderColumns(_ screen: Screen) -> [Int] {
        (0..<screen.width).filter { ["│", "╭"].contains(screen[$0, 2].text) }
    }

    func expectOnlyPrintable(_ screen: Screen, sourceLocation: SourceLocation = #_sourceLocation) {
        for y in 0..<screen.height {
            for x in 0..<screen.width {
                for scalar in screen[x, y].text.unicodeScalars {
                    let value = scalar.value
                    let control = value < 0x20 || (0x7F...0x9F).contains(value)
                    let override = (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
                    #expect(
                        !control, "control U+\(String(value, radix: 16)) at \(x),\(y)", sourceLocation: sourceLocation)
                    #expect(
                        !override, "bidi override U+\(String(value, radix: 16)) at \(x),\(y)",
                        sourceLocation: sourceLocation)
                }
            }
        }
    }
}
