import PipeboardCore
import Testing

@testable import PipeboardConfig

/// `url_template` per account: kept as written when it is an address with known placeholders, refused at its line
/// otherwise.
@Suite struct URLTemplateConfigTests {
    @Test func anAccountsURLTemplateIsReadAndAWrongOneIsRefusedAtItsLine() throws {
        let config = try AppConfig.parse(
            """
            [[accounts]]
            name = "agency"
            provider = "local"
            url_template = "https://crm.example.com/deals/{{remote_id}}"
            """, file: "c.toml")
        #expect(config.accounts[0].settings["url_template"] == .text("https://crm.example.com/deals/{{remote_id}}"))
        let cases = [
            (
                "url_template = \"https://x.example/{{remoteid}}\"",
                "c.toml:4: account 'a': url_template: unknown placeholder {{remoteid}}; did you mean {{remote_id}}?"
            ),
            (
                "url_template = \"https://x.example/{{name\"",
                "c.toml:4: account 'a': url_template: a {{ has no closing }}"
            ),
            (
                "url_template = \"crm.example.com/{{remote_id}}\"",
                "c.toml:4: account 'a': url_template must be an http:// or https:// address; write url_template = "
            ),
            (
                "url_template = \"https://x.example/?back={{url}}\"",
                "c.toml:4: account 'a': url_template cannot use {{url}}, which it defines"
            ),
            ("url_template = 5", "c.toml:4: account 'a': url_template must be text in quotes"),
        ]
        for (line, message) in cases {
            let text = "[[accounts]]\nname = \"a\"\nprovider = \"local\"\n\(line)\n"
            do {
                _ = try AppConfig.parse(text, file: "c.toml")
                Issue.record("expected an error for \(line)")
            } catch {
                #expect(String(describing: error).hasPrefix(message), "\(error)")
            }
        }
    }
}
