import ArgumentParser
import Foundation
import PipeboardStore
import Synchronization

struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache", abstract: "Look after the local cache.", subcommands: [CacheRebuildCommand.self])
}

/// `pipeboard cache rebuild`: a fresh cache pulled again from every account, keeping the queued changes.
struct CacheRebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Make a new cache and pull every account again, keeping changes not yet delivered.",
        discussion: "The old file is kept beside the new one as cache.sqlite.old-<time>. Quit the board first.")

    func run() async throws {
        try await reportingErrors {
            let kept = Mutex(RebuildReport())
            let context = try await AppContext.open(openStore: { path in
                let (store, report) = try CacheStore.rebuild(at: path)
                kept.withLock { $0 = report }
                return store
            })
            let report = kept.withLock { $0 }
            for problem in report.unreadable {
                FileHandle.standardError.write(Data("pipeboard: warning: \(problem)\n".utf8))
            }
            var failures: [String] = []
            var received = 0
            for account in context.config.accounts {
                do {
                    received += try await context.service.pull(account: account.name).received
                } catch {
                    failures.append("account '\(account.name)': \(error)")
                }
            }
            let backup = report.backup.map { "; the old file is \($0)" } ?? ""
            print(
                "rebuilt the cache: \(received) opportunities pulled from "
                    + "\(context.config.accounts.count - failures.count) of \(context.config.accounts.count) accounts, "
                    + "\(report.keptChanges) queued changes kept\(backup)"
            )
            guard failures.isEmpty else {
                throw CLIError(
                    "could not pull \(failures.joined(separator: "; ")); the queued changes are kept, "
                        + "run `pipeboard sync` when it is reachable"
                )
            }
        }
    }
}
