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

@Suite("Locale charset") struct LocaleCharsetTests {
    @Test func utf8LocalesGetBlocksOthersGetASCII() {
        #expect(Charset.detect(environment: ["LANG": "en_US.UTF-8"]) == .unicode)
        #expect(Charset.detect(environment: ["LC_ALL": "C.utf8", "LANG": "C"]) == .unicode)
        #expect(Charset.detect(environment: ["LC_ALL": "C", "LANG": "en_US.UTF-8"]) == .ascii)
        #expect(Charset.detect(environment: ["LC_ALL": "", "LC_CTYPE": "de_DE.UTF-8"]) == .unicode)
        #expect(Charset.detect(environment: ["LANG": "en_US.ISO-8859-1"]) == .ascii)
        #expect(Charset.detect(environment: [:]) == .ascii)
    }
}
