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
                #expect(TextWidth.propertyCells(character.unicodeScalars) == 1, "U+\(String(value, radix: 16, uppercase: true))")
                checked += 1
            }
        }
        #expect(checked > 1_400)
    }

    @Test func outsideTheRangesThePropertiesDecide() {
        #expect(!TextWidth.isPlainNarrow(0xAD))     // soft hyphen: a format character
        #expect(!TextWidth.isPlainNarrow(0x301))    // combining acute
        #expect(!TextWidth.isPlainNarrow(0x25FD))   // ◽ emoji presentation
        #expect(TextWidth.cells(Character("\u{25FD}")) == 2)
        #expect(TextWidth.cells(Character("\u{AD}")) == 0)
        #expect(TextWidth.cells("◷40d — €5k…") == 11)
    }
}
