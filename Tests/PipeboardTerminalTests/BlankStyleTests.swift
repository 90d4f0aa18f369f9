import Testing

@testable import PipeboardTerminal

@Suite struct BlankStyleTests {
    let plain = BlankStyle.Look(background: nil, marksBlanks: false)
    let focused = BlankStyle.Look(background: 24, marksBlanks: false)
    let reversed = BlankStyle.Look(background: nil, marksBlanks: true)

    @Test func aBlankKeepsTheStyleSetNowWhenItsBackgroundMatches() {
        #expect(BlankStyle.choose(own: plain, current: plain, next: focused) == .current)
        #expect(BlankStyle.choose(own: focused, current: focused, next: nil) == .current)
    }

    /// The focused card's margin before its value: drawn in the value's style, not in its own bold one and then
    /// the value's (a reset and two colours less).
    @Test func elseItTakesTheStyleOfTheTextAfterItOnTheSameBackground() {
        #expect(BlankStyle.choose(own: focused, current: plain, next: focused) == .next)
        #expect(BlankStyle.choose(own: plain, current: nil, next: plain) == .next)
    }

    @Test func aBlankThatShowsItsStyleOrHasAnotherBackgroundKeepsItsOwn() {
        #expect(BlankStyle.choose(own: reversed, current: reversed, next: reversed) == .own)
        #expect(BlankStyle.choose(own: plain, current: reversed, next: reversed) == .own)
        #expect(BlankStyle.choose(own: focused, current: plain, next: plain) == .own)
        #expect(BlankStyle.choose(own: plain, current: focused, next: nil) == .own)
    }
}
