import Foundation
import PipeboardCore
import Testing

/// `{{placeholder}}` templates: read with a clear error, filled with values escaped for where they go.
@Suite struct CardTemplateTests {
    static let card = Opportunity(
        id: UUID(uuidString: "6F9619FF-8B86-D011-B42D-00CF4FC964FF")!, account: "agency", remoteID: "yWQob/CR?x",
        pipelineID: "p1", stageID: "s1", name: "Acme & Sons", value: Money(micros: 12_500_500_000, currency: "usd"),
        owner: "Ana", tags: ["q1", "big"], createdAt: Date(timeIntervalSince1970: 0))

    @Test func placeholdersAreFilledFromTheCardAndEscapedForAnAddress() throws {
        let template = try CardTemplate("https://crm.example.com/{{account}}/deals/{{remote_id}}?n={{name}}")
        #expect(template.placeholders == ["account", "remote_id", "name"])
        let values = CardTemplate.values(of: Self.card, stage: "Lead", pipeline: "Sales", url: nil)
        #expect(
            template.render(values, escape: TemplateEscape.percentEncoded)
                == "https://crm.example.com/agency/deals/yWQob%2FCR%3Fx?n=Acme%20%26%20Sons")
        #expect(values["id"] == "6f9619ff-8b86-d011-b42d-00cf4fc964ff")
        #expect(values["value"] == "12500.5")
        #expect(values["currency"] == "USD")
        #expect(values["stage"] == "Lead")
        #expect(values["tags"] == "q1,big")
        #expect(values["email"] == nil)
        // A field the card lacks is empty text.
        #expect(try CardTemplate("[{{email}}]").render(values, escape: { $0 }) == "[]")
    }

    @Test func anUnknownPlaceholderOrAnOpenBraceIsRefusedWithTheFix() throws {
        #expect(throws: CardTemplateError.unknownPlaceholder("remoteid")) { try CardTemplate("x/{{remoteid}}") }
        #expect(String(describing: CardTemplateError.unknownPlaceholder("remoteid")).contains("{{remote_id}}"))
        #expect(throws: CardTemplateError.unclosed) { try CardTemplate("x/{{name") }
        #expect(try CardTemplate("{{ name }}").placeholders == ["name"])
        #expect(try CardTemplate("no placeholders").render([:], escape: { $0 }) == "no placeholders")
    }

    /// Whatever a deal is called, the shell gets it back as one word, unchanged: a name cannot end the quoting
    /// and run something.
    @Test func aShellQuotedValueComesBackFromTheShellExactlyForHostileNames() throws {
        var names = [
            "x'; rm -rf ~", "'", "''", "\\'", "$(touch pwned)", "`id`", "a\nb", "\"quoted\"", "-n", "*", "~", "$HOME",
            "; echo hi", "a b  c", "", "!!", "{{name}}", "%s", "é日本🙂", "\\", "'\\''",
        ]
        // Seeded, so a failure can be run again: strings drawn from the characters a shell treats specially.
        var generator = SplitMix(seed: 24)
        let alphabet = Array("'\"\\$`;&|<>(){}[]*?~!#= \t\nabc-%")
        for _ in 0..<150 {
            let length = Int(generator.next() % 12) + 1
            names.append(String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }))
        }
        // One shell run for all of them: each word printed between NULs, read back and compared.
        let template = try CardTemplate("printf '%s\\0' {{name}}")
        let script = names.map { name in
            template.render(["name": name], escape: TemplateEscape.shellQuoted)
        }.joined(separator: "\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let words = data.split(separator: 0, omittingEmptySubsequences: false).dropLast().map {
            String(decoding: $0, as: UTF8.self)
        }
        #expect(words == names)
    }

    @Test func nulCannotBeAnArgumentAndIsDropped() {
        #expect(TemplateEscape.shellQuoted("a\0b") == "'ab'")
    }
}

/// A small seeded generator (SplitMix64), so generated cases repeat run to run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
