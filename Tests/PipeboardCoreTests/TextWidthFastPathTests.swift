@testable import PipeboardCore
import Testing

/// The fast paths of TextWidth must give what the Unicode properties give, for every character they cover.
@Suite("TextWidth fast paths")
struct TextWidthFastPathTests {
    @Test func everyPlainNarrowScalarIsOneCellByItsProperties() {
        var checked = 0
        for range in TextWidth.plainNarrowRanges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let character = Character(scalar)
                #expect(
                    TextWidth.propertyCells(character.unicodeScalars) == 1,
                    "U+\(String(value, radix: 16, uppercase: true))")
                checked += 1
            }
        }
        #expect(checked > 1_400)
    }

    /// `simpleCells` reads a native string's UTF-8 bytes; a bridged or foreign string goes through its scalars.
    /// Both must agree for every scalar up to past the last plain narrow block, for a sample beyond, and inside text.
    @Test func theUTF8ReadingAgreesWithTheScalarReading() {
        func byScalars(_ text: String) -> Int? {
            var count = 0
            for scalar in text.unicodeScalars {
                guard (0x20..<0x7F).contains(scalar.value) || TextWidth.isPlainNarrow(scalar.value) else { return nil }
                count += 1
            }
            return count
        }
        let values = Array(0...0x2700) + [0x3042, 0xFF21, 0x1F600, 0x1F1EB, 0x10FFFF]
        var simple = 0
        for value in values {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in [String(scalar), "a\(scalar)b", "— \(scalar)…", String(repeating: String(scalar), count: 3)] {
                #expect(
                    TextWidth.simpleCells(text) == byScalars(text),
                    "U+\(String(value, radix: 16, uppercase: true)) in \(text.debugDescription)")
            }
            if TextWidth.simpleCells(String(scalar)) == 1 { simple += 1 }
        }
        #expect(simple > 1_400 + 95)
        #expect(TextWidth.simpleCells("") == 0)
        #expect(TextWidth.simpleCells("Acme Corp — CRM rollout") == 23)
        #expect(TextWidth.simpleCells("tab\there") == nil)
    }

    @Test func outsideTheRangesThePropertiesDecide() {
        #expect(!TextWidth.isPlainNarrow(0xAD)) // soft hyphen: a format character
        #expect(!TextWidth.isPlainNarrow(0x301)) // combining acute
        #expect(!TextWidth.isPlainNarrow(0x25FD)) // ◽ emoji presentation
        #expect(TextWidth.cells(Character("\u{25FD}")) == 2)
        #expect(TextWidth.cells(Character("\u{AD}")) == 0)
        #expect(TextWidth.cells("◷40d — €5k…") == 11)
    }
}
