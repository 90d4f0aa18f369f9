import Foundation
import PipeboardCore

/// Set-up of local workspaces: the demo pipeline on a first run, and generated data for `pipeboard demo`.
extension BoardService {
    /// On a first run (an empty workspace), seeds the demo pipeline with a few opportunities; then makes sure
    /// the cache holds the workspace. Returns true when it seeded.
    @discardableResult
    package func prepareLocalWorkspace(account name: String?) async throws -> Bool {
        let account = try account(name)
        guard let local = account.provider as? any SeedableWorkspace else { return false }
        let seeded = try local.isEmpty()
        if seeded {
            try local.savePipeline(DemoData.pipeline, position: 0)
            try local.insertMany(
                DemoData.opportunities(
                    count: DemoData.starterCount, seed: demoSeed(account.name), account: account.name, now: clock()))
        }
        if try seeded || store.pipelines(account: account.name).isEmpty {
            try await pull(account: account.name)
        }
        return seeded
    }

    /// Adds `count` generated opportunities to the local workspace's demo pipeline and pulls them into the cache.
    package func fillDemo(
        account name: String?, count: Int, seed: UInt64, progress: (@Sendable (Int, Int) -> Void)? = nil,
        pulled: (@Sendable (PullReport) -> Void)? = nil
    ) async throws {
        let account = try account(name)
        guard let local = account.provider as? any SeedableWorkspace else {
            throw ServiceError.notOffered(.unsupported(provider: account.provider.displayName, operation: .create))
        }
        if try local.isEmpty() { try local.savePipeline(DemoData.pipeline, position: 0) }
        // Made one at a time as they are stored: a million never sit in memory together.
        try local.insertMany(DemoData.Stream(count: count, seed: seed, account: account.name, now: clock())) {
            progress?($0, count)
        }
        try await pull(account: account.name, progress: pulled)
    }
}

/// The demo seed of a local workspace: 1 for `local`, else one of its name's own, so that two local workspaces
/// in one cache never share opportunity ids (a merged board can show both).
func demoSeed(_ account: String) -> UInt64 {
    guard account != AccountConfig.local.name else { return 1 }
    return account.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
}
