import PipeboardCore
import Testing
@testable import PipeboardConfig

/// `won_stages` and `lost_stages` per account: read into closing stages, and refused with the line when wrong.
@Suite struct ClosingStagesConfigTests {
    @Test func theConfigNamesClosingStagesPerAccountAndSaysWhereItIsWrong() throws {
        let config = try AppConfig.parse(
            """
            [[accounts]]
            name = "staffing"
            provider = "local"
            won_stages = ["Closed Won"]
            lost_stages = ["Closed Lost", "stage-9"]
            """, file: "c.toml")
        let closing = config.accounts[0].closingStages
        #expect(closing == ClosingStages(won: ["Closed Won"], lost: ["Closed Lost", "stage-9"]))
        #expect(closing.status(of: Stage(id: "x", name: "closed won", position: 0)) == .won)
        #expect(closing.status(of: Stage(id: "stage-9", name: "Gone", position: 1)) == .lost)
        #expect(closing.status(of: Stage(id: "lead", name: "Lead", position: 2)) == nil)
        let cases = [
            (
                "won_stages = \"Won\"",
                "c.toml:4: account 'a': won_stages must be a list of strings; write won_stages = [\"...\", \"...\"]"
            ),
            (
                "won_stages = [\"Won\"]\nlost_stages = [\"won\"]",
                "c.toml:5: account 'a': 'won' is in both won_stages and lost_stages; keep it in one"
            ),
            (
                "lost_stages = [\" \"]",
                "c.toml:4: account 'a': lost_stages has an empty stage name; write lost_stages = [\"Closed Won\"]"
            ),
        ]
        for (line, message) in cases {
            let text = "[[accounts]]\nname = \"a\"\nprovider = \"local\"\n\(line)\n"
            #expect(throws: ConfigError.self) { try AppConfig.parse(text, file: "c.toml") }
            do { _ = try AppConfig.parse(text, file: "c.toml") } catch { #expect(String(describing: error) == message) }
        }
    }
}
