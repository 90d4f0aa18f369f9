import Glibc
import Testing
@testable import PipeboardTerminal

@Suite struct WideCharacterTests {
    init() {
        setlocale(LC_ALL, "C.UTF-8") // wcwidth knows nothing wider than ASCII in the C locale
    }

    /// What the renderer hands ncurses for `text`, up to and with the NUL; the buffer starts dirty, as the
    /// renderer's reused one is.
    private func scalars(_ text: String) -> [UInt32] {
        var buffer = [wchar_t](repeating: 0x7E, count: Renderer.glyphCapacity)
        let count = Renderer.fillWideCharacters(text, into: &buffer)
        return buffer[...count].map { UInt32(bitPattern: $0) }
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
