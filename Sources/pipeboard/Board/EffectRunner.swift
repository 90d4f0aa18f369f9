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

    /// Sends what waits in the outbox and pulls the provider's changes, beside the queue, then reloads.
    func refreshInBackground(pull: Bool) {
        let service = service, inbox = inbox
        Task.detached {
            do {
                try await service.push(account: nil)
                if pull { try await service.pull(account: nil) }
            } catch {
                inbox.post(.app(.operationFailed("refresh failed: \(error)")))
                return
            }
            if pull { inbox.post(.app(.notice("Up to date"))) }
            inbox.post(.reload)
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
            // Delivery runs beside the queue, so a slow provider never holds up the next key's work.
            Task.detached {
                do { try await service.push(account: nil) } catch {
                    inbox.post(.app(.operationFailed("delivery failed: \(error)")))
                }
                inbox.post(.reload)
            }
        } catch {
            inbox.post(.app(.operationFailed(String(describing: error))))
            inbox.post(.reload)
        }
    }
}
