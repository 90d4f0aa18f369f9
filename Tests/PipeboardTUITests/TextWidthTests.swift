import PipeboardCore
import Testing

@Suite("TextWidth")
struct TextWidthTests {
    @Test func asciiIsOneCellEach() {
        #expect(TextWidth.cells("Acme Corp") == 9)
        #expect(TextWidth.cells("") == 0)
    }

    @Test func asciiControlsTakeNoCellsOnTheFastPathToo() {
        #expect(TextWidth.cells("a\tb") == 2)
        #expect(TextWidth.cells("ab\r\n") == 2) // CR LF is one Character
        #expect(TextWidth.cells("a\u{7F}b") == 2)
        #expect(TextWidth.cells(Character("\u{7F}")) == 0)
        #expect(TextWidth.cells(Character("~")) == 1)
    }

    @Test func cjkAndFullwidthAreTwoCells() {
        #expect(TextWidth.cells("東京商事") == 8)
        #expect(TextWidth.cells("한국어") == 6)
        #expect(TextWidth.cells("ｶﾀｶﾅ") == 4) // halfwidth katakana stays narrow
        #expect(TextWidth.cells("ＡＢ") == 4)
    }

    @Test func emojiIncludingSequencesAreTwoCellsPerCluster() {
        #expect(TextWidth.cells("🚀") == 2)
        #expect(TextWidth.cells("👩‍💻") == 2) // ZWJ sequence
        #expect(TextWidth.cells("👨‍👩‍👧‍👦") == 2)
        #expect(TextWidth.cells("🇫🇷🇯🇵") == 4) // two flags
        #expect(TextWidth.cells("❤️") == 2) // VS16 turns a text symbol into emoji
        #expect(TextWidth.cells("❤") == 1)
        #expect(TextWidth.cells("👍🏽") == 2) // skin tone modifier
        #expect(TextWidth.cells("1️⃣") == 2) // keycap
    }

    @Test func combiningMarksAndZeroWidthTakeNoCells() {
        #expect(TextWidth.cells("e\u{301}") == 1)
        #expect(TextWidth.cells("Chloe\u{301}") == 5)
        #expect(TextWidth.cells("a\u{200B}b") == 2)
        #expect(TextWidth.cells(Character("\u{301}")) == 0)
        #expect(TextWidth.cells("\u{1B}\t\n") == 0)
    }

    @Test func truncateCutsAtGraphemeBoundariesWithAnEllipsis() {
        #expect(TextWidth.truncate("Acme Corp", to: 20) == "Acme Corp")
        #expect(TextWidth.truncate("Acme Corp", to: 6) == "Acme…") // no space before the ellipsis
        #expect(TextWidth.truncate("Acme — CRM", to: 7) == "Acme —…") // one scalar a cell, measured without graphemes
        #expect(TextWidth.truncate("Acme — CRM", to: 6) == "Acme…")
        #expect(TextWidth.truncate("€5k · ◷40d", to: 20) == "€5k · ◷40d")
        #expect(TextWidth.truncate("東京商事", to: 6) == "東京…")
        #expect(TextWidth.truncate("東京商事", to: 4) == "東…") // never half of a wide character
        #expect(TextWidth.truncate("👩‍💻👩‍💻", to: 3) == "👩‍💻…")
        #expect(TextWidth.truncate("Chloe\u{301} Dubois", to: 6) == "Chloe\u{301}…")
        #expect(TextWidth.truncate("東京", to: 1) == "…")
        #expect(TextWidth.truncate("abc", to: 0) == "")
    }

    @Test func truncateNeverExceedsTheWidth() {
        let samples = ["Acme — CRM rollout", "東京商事 — 年間契約", "Globex 🚀 Expansion 🇫🇷", "e\u{301}e\u{301}e\u{301}"]
        for sample in samples {
            for width in 0...24 {
                #expect(TextWidth.cells(TextWidth.truncate(sample, to: width)) <= width)
            }
        }
    }

    @Test func padFillsToExactlyTheWidth() {
        #expect(TextWidth.pad("ab", to: 4) == "ab  ")
        #expect(TextWidth.pad("東京商事", to: 6) == "東京… ")
        #expect(TextWidth.cells(TextWidth.pad("🚀🚀🚀", to: 5)) == 5)
    }
}
