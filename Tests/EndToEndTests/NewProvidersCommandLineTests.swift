import Foundation
import ProviderFakes
import Testing

/// The real binary on Coperniq, BrightMove and Coastline accounts, each against its fake on loopback.
@Suite(.serialized) struct NewProvidersCommandLineTests {
    @Test func coperniqAddMoveProjectStatusDeleteThroughTheCommandLine() async throws {
        let key = "test-key-\(UUID().uuidString)"
        let fake = try await CoperniqFake.start(apiKey: key, count: 6)
        var harness = try Harness()
        defer { harness.cleanUp() }
        harness.extraEnvironment["PIPEBOARD_TEST_COPERNIQ_KEY"] = key
        try """
        [[accounts]]
        name = "solar"
        provider = "coperniq"
        api_key_env = "PIPEBOARD_TEST_COPERNIQ_KEY"
        base_url = "\(fake.baseURL)"
        """.write(to: harness.config, atomically: true, encoding: .utf8)

        let sync = try harness.run(["sync"])
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(sync.stdout.contains("pulled 6 opportunities in 2 pipeline(s)"), "\(sync.stdout)")
        let pipelines = try harness.run(["pipelines"])
        #expect(pipelines.stdout.contains("Lead → Site Survey → Design → Install"), "\(pipelines.stdout)")

        // Title, address and trades are required; a missing one is named.
        let refused = try harness.run(["add", "--name", "Barn roof", "--set", "trades=Roofing"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("address: is required by this provider"), "\(refused.stderr)")

        let added = try harness.run([
            "add", "--name", "Barn roof", "--value", "18250.40", "--stage", "Site",
            "--set", "address=12 Farm Rd, Austin, TX", "--set", "trades=Roofing, Solar",
        ])
        #expect(added.status == 0, "\(added.stderr)")
        let id = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        var card = try #require(try harness.list().first { $0["id"] as? String == id })
        let remoteID = try #require(card["remote_id"] as? String)
        let stored = try #require(fake.opportunity(id: remoteID))
        #expect(stored.address == ["12 Farm Rd, Austin, TX"] && stored.trades == ["Roofing", "Solar"])
        #expect(stored.value == 18_250.4 && stored.phaseId == 1_002)

        #expect(try harness.run(["move", id, "--stage", "Design"]).status == 0)
        #expect(fake.opportunity(id: remoteID)?.phaseId == 1_003)
        #expect(try harness.run(["edit", id, "--set", "provider_status=on_hold"]).status == 0)
        #expect(fake.opportunity(id: remoteID)?.status == "ON_HOLD")
        card = try #require(try harness.list().first { $0["id"] as? String == id })
        #expect(card["provider_status"] as? String == "ON_HOLD")
        #expect(card["status"] as? String == "open")

        // Coperniq's status is not won / lost: the board does not offer that.
        let won = try harness.run(["status", id, "won"])
        #expect(won.status == 1)
        #expect(won.stderr.contains("Coperniq's API does not offer changing an opportunity's status"), "\(won.stderr)")

        let onHold = try harness.run(["list", "--provider-status", "on_hold", "--format", "json"])
        let held = try #require(try JSONSerialization.jsonObject(with: Data(onHold.stdout.utf8)) as? [[String: Any]])
        #expect(held.map { $0["provider_status"] as? String } == Array(repeating: "ON_HOLD", count: held.count))
        #expect(held.contains { $0["id"] as? String == id })

        #expect(try harness.run(["delete", id]).status == 0)
        #expect(fake.opportunity(id: remoteID) == nil)
        await fake.stop()
    }

    @Test func brightMoveAddsByClientNameAndSaysItsDeleteIsPermanent() async throws {
        let company = "test-company-\(UUID().uuidString)", user = "test-user-\(UUID().uuidString)"
        let fake = try await BrightMoveFake.start(companyKey: company, userKey: user, count: 4)
        var harness = try Harness()
        defer { harness.cleanUp() }
        try harness.useBrightMove(fake, company: company, user: user)
        let noStages = try harness.run(["sync"])
        #expect(noStages.status == 1)
        #expect(
            noStages.stderr.contains("needs stages = [\"...\", ...] in the config: BrightMove publishes no stage list"),
            "\(noStages.stderr)")
        try harness.useBrightMove(
            fake, company: company, user: user,
            settings: "stages = [\"Prospecting\", \"Qualified\"]\ntypes = [\"Direct Hire\", \"Contract\"]")

        #expect(try harness.run(["sync"]).status == 0)
        let pipelines = try harness.run(["pipelines"])
        #expect(
            pipelines.stdout.contains("Prospecting → Qualified → Proposal Sent → Negotiation"), "\(pipelines.stdout)")
        let badType = try harness.run(["add", "--name", "Nurses", "--set", "client=Acme", "--set", "type=Temp"])
        #expect(badType.stderr.contains("type: must be one of Direct Hire, Contract"), "\(badType.stderr)")
        let added = try harness.run([
            "add", "--name", "Nurses", "--value", "42000", "--set", "client=Acme", "--set", "type=contract",
        ])
        #expect(added.status == 0, "\(added.stderr)")
        let id = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let remoteID = try #require(try harness.list().first { $0["id"] as? String == id }?["remote_id"] as? String)
        #expect(fake.opportunity(id: remoteID)?.clientName == "Acme Corp")
        #expect(fake.opportunity(id: remoteID)?.typeName == "Contract")
        let deleted = try harness.run(["delete", id])
        #expect(deleted.stdout.contains("Permanent in BrightMove"), "\(deleted.stdout)")
        #expect(fake.opportunity(id: remoteID) == nil)
        await fake.stop()
    }

    @Test func coastlineNeedsItsHostListsByApprovalStatusAndExplainsAMove() async throws {
        let token = "test-token-\(UUID().uuidString)"
        let fake = try await CoastlineFake.start(token: token, count: 6)
        var harness = try Harness()
        defer { harness.cleanUp() }
        harness.extraEnvironment["PIPEBOARD_TEST_COASTLINE_TOKEN"] = token
        try """
        [[accounts]]
        name = "roofing"
        provider = "coastline"
        token_env = "PIPEBOARD_TEST_COASTLINE_TOKEN"
        """.write(to: harness.config, atomically: true, encoding: .utf8)
        let noHost = try harness.run(["sync"])
        #expect(noHost.status == 1)
        #expect(noHost.stderr.contains("needs base_url"), "\(noHost.stderr)")

        let stage = CoastlineFake.Seed.sampleStages[0]
        try """
        [[accounts]]
        name = "roofing"
        provider = "coastline"
        token_env = "PIPEBOARD_TEST_COASTLINE_TOKEN"
        base_url = "\(fake.baseURL)"
        stages = ["\(stage.id)=\(stage.name)"]
        """.write(to: harness.config, atomically: true, encoding: .utf8)
        #expect(try harness.run(["sync"]).status == 0)
        let projects = try harness.run(["list", "--provider-status", "project"])
        #expect(projects.status == 0)
        #expect(projects.stdout.contains("open (project)"), "\(projects.stdout)")
        #expect(!projects.stdout.contains("(opportunity)"))
        let card = try #require(try harness.list().first { $0["stage_id"] as? String != stage.id })
        let id = try #require(card["id"] as? String)
        let move = try harness.run(["move", id, "--stage", "New Lead"])
        let delete = try harness.run(["delete", id])
        #expect(move.status == 1 && delete.status == 1)
        #expect(
            move.stderr.contains("Coastline's API does not offer moving opportunities between stages"), "\(move.stderr)"
        )
        #expect(delete.stderr.contains("Coastline's API does not offer deleting opportunities"), "\(delete.stderr)")
        let added = try harness.run(["add", "--name", "Siding for Lee", "--value", "9100", "--stage", "New Lead"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(fake.opportunities.contains { $0.contactName == "Siding for Lee" && $0.stageId == stage.id })
        await fake.stop()
    }
}
