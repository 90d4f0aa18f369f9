import ProviderFakes

/// The config most end-to-end tests use: one HighLevel account, "agency", on a fake, its token in the environment.
extension Harness {
    static let highLevelTokenVariable = "PIPEBOARD_TEST_HIGHLEVEL_TOKEN"

    static func highLevelAccount(_ fake: HighLevelFake, tokenLine: String = "token_env = \"\(highLevelTokenVariable)\"") -> String {
        """
        [[accounts]]
        name = "agency"
        provider = "highlevel"
        \(tokenLine)
        location_id = "\(fake.locationID)"
        base_url = "\(fake.baseURL)"
        """
    }

    /// Writes that config (after `topLevel`, keys such as sync_interval) and sets the token the binary will read.
    mutating func useHighLevel(_ fake: HighLevelFake, token: String, topLevel: String = "") throws {
        extraEnvironment[Self.highLevelTokenVariable] = token
        try (topLevel + Self.highLevelAccount(fake)).write(to: config, atomically: true, encoding: .utf8)
    }
}
