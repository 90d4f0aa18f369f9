import Foundation
import ProviderFakes

/// The providers the crash test runs against.
enum CrashProvider: String, CaseIterable, CustomStringConvertible {
    case highLevel, twenty, coperniq
    var description: String { rawValue }
}

/// One provider's fake as the crash test sees it: the account "agency" on it, its stages, and its live records as
/// cards to hold the cache against.
struct CrashSite {
    let faults: FaultSwitches
    /// The first pipeline's stages in order: the names the commands give, the ids the cache keeps.
    let stages: [(name: String, id: String)]
    /// What `add` needs besides name, stage and value on this provider.
    let newDealFields: [String]
    /// Every live record at the fake.
    let cards: @Sendable () -> Set<RemoteCard>
    /// Names held by more than one record the fake ever made (deleted ones included where it keeps them).
    let duplicateNames: @Sendable () -> [String]
    /// Requests the fake has answered so far.
    let requestCount: @Sendable () -> Int
    let stop: @Sendable () async -> Void

    /// No rate limit gets in the way (the test is about kills), and the fake outlives a long run.
    static let rateLimit = RateLimit(limit: 1_000_000, interval: .seconds(10))
    static let lifetime = Duration.seconds(7_200)

    /// Starts the fake with eight records and points `harness`'s config and environment at it.
    static func start(_ provider: CrashProvider, token: String, harness: inout Harness) async throws -> CrashSite {
        switch provider {
        case .highLevel:
            let fake = try await HighLevelFake.start(
                token: token, count: 8, rateLimit: rateLimit, lifetime: lifetime)
            try harness.useHighLevel(fake, token: token)
            let stages = fake.pipelines.first.map { $0.stages.sorted { $0.position < $1.position } } ?? []
            return CrashSite(
                faults: fake.faults, stages: stages.map { ($0.name, $0.id) }, newDealFields: [],
                cards: { fake.cards() }, duplicateNames: { duplicates(fake.opportunities.map(\.name)) },
                requestCount: { fake.requests.count }, stop: { await fake.stop() })
        case .twenty:
            let fake = try await TwentyFake.start(token: token, count: 8, rateLimit: rateLimit, lifetime: lifetime)
            try harness.useAccount(provider: "twenty", secretKey: "token_env", secret: token, baseURL: fake.baseURL)
            let stages = TwentyFake.defaultStages.sorted { $0.position < $1.position }
            return CrashSite(
                faults: fake.faults, stages: stages.map { ($0.label, $0.value) }, newDealFields: [],
                cards: {
                    Set(
                        fake.opportunities.filter { $0.deletedAt == nil }.map {
                            RemoteCard(
                                remoteID: $0.id, name: $0.name ?? "",
                                state: .present(stageID: $0.stage, micros: $0.amount.amountMicros))
                        })
                },
                // Soft-deleted records count: a second copy deleted later was still made twice.
                duplicateNames: { duplicates(fake.opportunities.compactMap(\.name)) },
                requestCount: { fake.requests.count }, stop: { await fake.stop() })
        case .coperniq:
            // 200 kills take about 2,000 requests: within the client's own count of 5,000 a day.
            let fake = try await CoperniqFake.start(
                apiKey: token, count: 8, rateLimit: rateLimit, dailyLimit: Int.max, lifetime: lifetime)
            try harness.useAccount(provider: "coperniq", secretKey: "api_key_env", secret: token, baseURL: fake.baseURL)
            let phases = fake.workflows.first?.phases ?? []
            return CrashSite(
                faults: fake.faults, stages: phases.map { ($0.name, String($0.id)) },
                newDealFields: ["--set", "address=1 Sun Way, Austin, TX 78701", "--set", "trades=Solar"],
                cards: {
                    Set(
                        fake.opportunities.map {
                            RemoteCard(
                                remoteID: String($0.id), name: $0.title,
                                state: .present(
                                    stageID: $0.phaseId.map(String.init) ?? "",
                                    micros: $0.value.map { Int64(($0 * 1_000_000).rounded()) }))
                        })
                },
                duplicateNames: { duplicates(fake.opportunities.map(\.title)) },
                requestCount: { fake.requests.count }, stop: { await fake.stop() })
        }
    }

    static func duplicates(_ names: [String]) -> [String] {
        Dictionary(grouping: names, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
    }
}

extension HighLevelFake {
    func cards() -> Set<RemoteCard> {
        Set(
            opportunities.map {
                RemoteCard(
                    remoteID: $0.id, name: $0.name,
                    state: .present(
                        stageID: $0.pipelineStageId, micros: Int64(($0.monetaryValue * 1_000_000).rounded())))
            })
    }
}

extension Harness {
    static let crashSecretVariable = "PIPEBOARD_TEST_CRASH_SECRET"

    /// One account, "agency", of `provider` at `baseURL`, its secret read from the environment by `secretKey`.
    mutating func useAccount(provider: String, secretKey: String, secret: String, baseURL: String) throws {
        extraEnvironment[Self.crashSecretVariable] = secret
        try """
        [[accounts]]
        name = "agency"
        provider = "\(provider)"
        \(secretKey) = "\(Self.crashSecretVariable)"
        base_url = "\(baseURL)"
        """.write(to: config, atomically: true, encoding: .utf8)
    }
}
