import Foundation
import PipeboardCore
import Testing

@Suite struct JSONStringTests {
    @Test(arguments: [
        "", "plain", "quote \" and \\ backslash", "lines\nand\ttabs\r", "controls \u{0}\u{1}\u{8}\u{C}\u{1F}",
        "東京 🚀 é", "\u{7F} del stays",
    ])
    func readsBackAsTheSameText(text: String) throws {
        var bytes: [UInt8] = []
        JSONString.append(text, to: &bytes)
        let decoded = try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed) as? String
        #expect(decoded == text)
        #expect(!bytes.dropFirst().dropLast().contains { $0 < 0x20 }, "a raw control byte was written")
    }
}
