import Testing
@testable import PipeboardCore

@Suite struct ProviderTextTests {
    @Test func stripsEscapeSequencesAndControls() {
        #expect(ProviderText.clean("a\u{1B}[31mred\u{1B}[0m b") == "ared b")
        #expect(ProviderText.clean("x\u{1B}]0;title\u{07}y") == "xy")
        #expect(ProviderText.clean("x\u{1B}]8;;http://e\u{1B}\\link\u{1B}]8;;\u{1B}\\y") == "xlinky")
        #expect(ProviderText.clean("a\u{9B}2Jb\u{85}c\u{7F}d") == "abcd")
        #expect(ProviderText.clean("line1\nline2\tend") == "line1 line2 end")
    }

    @Test func stripsBidiOverridesAndZeroWidth() {
        #expect(ProviderText.clean("abc\u{202E}fed\u{202C}") == "abcfed")
        #expect(ProviderText.clean("a\u{200B}b\u{FEFF}c\u{2066}d") == "abcd")
    }

    @Test func capsCombiningTowersAndLength() {
        let zalgo = "a" + String(repeating: "\u{0301}", count: 50)
        #expect(ProviderText.clean(zalgo).unicodeScalars.count == 1 + 3)
        #expect(ProviderText.clean(String(repeating: "x", count: 10_000)).count == ProviderText.maxScalars)
        #expect(ProviderText.clean("café") == "café")
        #expect(ProviderText.clean("東京 👍🏽") == "東京 👍🏽")
    }
}
