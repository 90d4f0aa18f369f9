import Testing
@testable import PipeboardTerminal
import PipeboardTUI

@Suite struct ColorDepthDetectionTests {
    @Test func anyNonEmptyNoColorTurnsColourOff() {
        #expect(ColorDepthDetection.depth(noColor: "1", hasColors: true, colors: 256) == .none)
        #expect(ColorDepthDetection.depth(noColor: "0", hasColors: true, colors: 1 << 24) == .none)
    }

    @Test func emptyNoColorIsIgnored() {
        #expect(ColorDepthDetection.depth(noColor: "", hasColors: true, colors: 256) == .ansi256)
        #expect(ColorDepthDetection.depth(noColor: nil, hasColors: true, colors: 256) == .ansi256)
    }

    @Test func followsTheTerminfoColourCount() {
        #expect(ColorDepthDetection.depth(noColor: nil, hasColors: true, colors: 1 << 24) == .truecolor)
        #expect(ColorDepthDetection.depth(noColor: nil, hasColors: true, colors: 88) == .ansi16)
        #expect(ColorDepthDetection.depth(noColor: nil, hasColors: true, colors: 16) == .ansi16)
        #expect(ColorDepthDetection.depth(noColor: nil, hasColors: true, colors: 8) == .ansi8)
        #expect(ColorDepthDetection.depth(noColor: nil, hasColors: true, colors: 2) == .none)
    }

    @Test func noColourWithoutHasColors() {
        #expect(ColorDepthDetection.depth(noColor: nil, hasColors: false, colors: 256) == .none)
    }
}
