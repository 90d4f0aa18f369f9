import Glibc
import Testing
@testable import PipeboardTerminal

@Suite struct WideCharacterTests {
    init() {
        setlocale(LC_ALL, "C.UTF-8")  // wcwidth knows nothing wider than ASCII in the C locale
    }

    private func scalars(_ text: String) -> [UInt32] {
        Renderer.wideCharacters(text).map { UInt32(bitPattern: $0) }
    }

    @Test func oneCharacterNulTerminated() {
        #expect(scalars("a") == [0x61, 0])
        #expect(scalars("中") == [0x4E2D, 0])
    }

    @Test func combiningMarksStayWithTheirBase() {
        #expect(scalars("e\u{301}") == [0x65, 0x301, 0])
    }

    @Test func emptyAndUnprintableText() {
        #expect(scalars("") == [0x20, 0])
        #expect(scalars("\u{7}") == [0x3F, 0])
    }
}
