import Foundation
import PipeboardCore
import PipeboardService
import PipeboardTUI

/// Runs the board's effects on the service one after another, in the order the user asked for them,
/// and posts the outcomes to the loop.
final class EffectRunner: Sendable {
    private let service: BoardService
    private let inbox: Inbox
    private let jobs: AsyncStream<Effect>.Continuation
    private let worker: Task<Void, Never>

    init(service: BoardService, inbox: Inbox) {
        self.service = service
        self.inbox = inbox
        let (stream, continuation) = AsyncStream<Effect>.makeStream()
        jobs = continuation
        worker = Task.detached {
            for await effect in stream {
                await EffectRunner.run(effect, service: service, inbox: inbox)
            }
        }
    }

    deinit {
        jobs.finish()
        worker.cancel()
    }

    func submit(_ effect: Effect) { jobs.yield(effect) }

    /// Runs what is already queued, then stops: a change made just before `q` must reach the cache before the
    /// process ends (sanitizer runs, being slower, showed a quick-add lost to a prompt quit).
    func finish(waitingAtMost timeout: TimeInterval = 10) {
        jobs.finish()
        let done = DispatchSemaphore(value: 0)
        let worker = self.worker
        Task.detached {
            await worker.value
            done.signal()
        }
        _ = done.wait(timeout: .now() + timeout)
    }

    /// Sends what waits in every account's outbox and pulls the provider's changes, beside the queue, then
    /// reloads. `r` (user: true) also lifts the pause of an account whose credentials were refused, and says so
    /// when it is done; the interval's pulls are quiet unless something needs the user.
    func refreshInBackground(pull: Bool, user: Bool = true, full: Bool = false) {
        let service = service, inbox = inbox
        Task.detached {
            if user { try? await service.resume(account: nil) }
            let problems: [String]
            if pull {
                problems = await service.syncAll(full: full)
            } else {
                _ = await service.pushAll()
                problems = []
            }
            if user, let problem = problems.first {
                inbox.post(.app(.operationFailed(problem)))
            } else if pull && user {
                // A provider with a daily allowance (Coperniq) says so when little is left.
                let provider = try? await service.account(nil).provider
                let budget = await provider?.budgetNotice()
                inbox.post(.app(.notice(["Up to date", budget].compactMap { $0 }.joined(separator: " · "))))
            }
            inbox.post(.reload)
            inbox.post(.outboxChanged)
        }
    }

    /// Sends and pulls every `seconds` in the background, for as long as the board runs; never blocks it.
    func syncEvery(_ seconds: Int) -> Task<Void, Never>? {
        guard seconds > 0 else { return nil }
        return Task.detached { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(seconds))
                guard let self, !Task.isCancelled else { return }
                self.refreshInBackground(pull: true, user: false)
            }
        }
    }

    /// The board for `query`; an account opened for the first time is pulled from its provider first.
    private static func board(_ query: BoardQuery, service: BoardService) async throws -> BoardSnapshot {
        do {
            return try await service.board(query)
        } catch ServiceError.noPipelines(let account) {
            try await service.pull(account: account)
            return try await service.board(query)
        }
    }

    private static func run(_ effect: Effect, service: BoardService, inbox: Inbox) async {
        do {
            switch effect {
            case .load(let query):
                inbox.post(.app(.boardLoaded(try await board(query, service: service))))
                return
            case .quit, .refresh:
                return // handled by the loop
            case let .lookUp(field, text):
                // Suggestions are a help, not a change: a failed look-up says why and changes nothing.
                do {
                    let values = try await service.lookUp(account: nil, field: field, matching: text)
                    inbox.post(.app(.lookedUp(field: field, text: text, values: values)))
                } catch {
                    inbox.post(.app(.notice("no suggestions: \(error)")))
                }
                return
            case .loadOutbox:
                inbox.post(.app(.outboxLoaded(try await service.outboxItems(account: nil))))
                return
            case .retryOutbox(let id):
                try await service.retryOutbox(id: id)
            case .discardOutbox(let id):
                inbox.post(.app(.notice(try await service.discardOutbox(id: id))))
            case let .resolveConflict(id, choice):
                inbox.post(.app(.notice(try await service.resolveConflict(id: id, choice: choice))))
            case let .move(id, stageID):
                try await service.move(id: id, toStage: stageID)
            case let .reorder(id, offset):
                try await service.reorder(id: id, offset: offset)
            case let .create(pipelineID, input):
                let created = try await service.create(account: nil, pipeline: pipelineID, input: input)
                inbox.post(.app(.notice("Added \(created.name)")))
            case let .edit(id, input):
                let edited = try await service.edit(id: id, input: input)
                inbox.post(.app(.notice("Saved \(edited.name)")))
            case .delete(let id):
                let deleted = try await service.delete(id: id)
                inbox.post(.app(.notice("Deleted \(deleted.name) (u to undo)")))
            case .undo:
                inbox.post(.app(.notice("Undid: \(try await service.undo())")))
            case .redo:
                inbox.post(.app(.notice("Redid: \(try await service.redo())")))
            }
            inbox.post(.reload)
            inbox.post(.outboxChanged)
            // Delivery runs beside the queue, so a slow provider never holds up the next key's work.
            Task.detached {
                _ = await service.pushAll()
                inbox.post(.reload)
                inbox.post(.outboxChanged)
            }
        } catch {
            inbox.post(.app(.operationFailed(String(describing: error))))
            inbox.post(.reload)
        }
    }
}
