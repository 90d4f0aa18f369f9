import ProviderFakes

/// Configs the end-to-end tests use: one account on a fake, its keys in the environment.
extension Harness {
    static let highLevelTokenVariable = "PIPEBOARD_TEST_HIGHLEVEL_TOKEN"

    /// Two local workspaces, "local" and "branch", and the merged board "Everything" over them: Open, Late, Won.
    /// branch's Negotiation is on no column.
    static let mergedBoardConfig = """
        [[accounts]]
        name = "local"
        provider = "local"

        [[accounts]]
        name = "branch"
        provider = "local"

        [[boards]]
        name = "Everything"
        columns = ["Open", "Late", "Won"]

        [[boards.sources]]
        account = "local"
        badge = "HQ"
        stages = { Lead = "Open", Qualified = "Open", Proposal = "Late", Negotiation = "Late" }

        [[boards.sources]]
        account = "branch"
        badge = "BR"
        stages = { Lead = "Open", Qualified = "Open", Proposal = "Late" }
        """

    static func highLevelAccount(_ fake: HighLevelFake, tokenLine: String = "token_env = \"\(highLevelTokenVariable)\"")
        -> String
    {
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

    /// One BrightMove account, "staffing", on `fake`; `settings` are extra lines such as stages = [...].
    mutating func useBrightMove(_ fake: BrightMoveFake, company: String, user: String, settings: String = "") throws {
        extraEnvironment["PIPEBOARD_TEST_BM_COMPANY"] = company
        extraEnvironment["PIPEBOARD_TEST_BM_USER"] = user
        try """
        [[accounts]]
        name = "staffing"
        provider = "brightmove"
        company_key_env = "PIPEBOARD_TEST_BM_COMPANY"
        user_key_env = "PIPEBOARD_TEST_BM_USER"
        base_url = "\(fake.baseURL)"
        \(settings)
        """.write(to: config, atomically: true, encoding: .utf8)
    }
}
