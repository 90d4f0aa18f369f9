import Foundation
import PipeboardCore
import PipeboardService
import PipeboardTUI
import Synchronization

/// Runs the board's effects on the service one after another, in the order the user asked for them,
/// and posts the outcomes to the loop.
final class EffectRunner: Sendable {
    private let service: BoardService
    private let inbox: Inbox
    private let jobs: AsyncStream<Job>.Continuation
    private let worker: Task<Void, Never>
    /// The newest load asked for: older loads for another query are skipped, stopped or dropped.
    private let latestLoad: LatestLoad
    /// How many changes have been asked for so far. A load is tagged with it; a board that arrives after a later
    /// change was asked for is out of date (see `isCurrent(_:)`).
    private let changesAsked = Atomic<Int>(0)

    /// An effect in the queue, with the number of changes asked for before it, and for a load its number among
    /// the loads asked for (`LatestLoad`).
    private struct Job: Sendable {
        var effect: Effect
        var changesBefore: Int
        var load: Int
    }

    init(service: BoardService, inbox: Inbox) {
        self.service = service
        self.inbox = inbox
        let latestLoad = LatestLoad()
        self.latestLoad = latestLoad
        let (stream, continuation) = AsyncStream<Job>.makeStream()
        jobs = continuation
        worker = Task.detached {
            for await job in stream {
                await EffectRunner.run(job, service: service, inbox: inbox, latestLoad: latestLoad)
            }
        }
    }

    deinit {
        jobs.finish()
        worker.cancel()
    }

    func submit(_ effect: Effect) {
        let load = if case .load(let query) = effect { latestLoad.ask(query) } else { 0 }
        let changesBefore =
            effect.changesCards
            ? changesAsked.add(1, ordering: .relaxed).oldValue : changesAsked.load(ordering: .relaxed)
        jobs.yield(Job(effect: effect, changesBefore: changesBefore, load: load))
    }

    /// False for a board loaded before the newest change was asked for: it would show that change undone until
    /// the change's own reload (a card moved right and straight back would jump right, then back again).
    /// Effects run in the order asked, and every change reloads once saved, so a current board follows.
    func isCurrent(_ loaded: LoadedBoard) -> Bool {
        loaded.changesBefore == changesAsked.load(ordering: .relaxed)
    }

    /// Takes no more effects and waits, at most `seconds`, for those already asked for to be saved, so that a
    /// quit right after Enter keeps the change; then gives delivery up to `grace` seconds more. What is not
    /// delivered by then stays in the outbox. Returns false when the saving itself ran out of time.
    func finish(within seconds: Double, grace: Double) -> Bool {
        jobs.finish()
        let saved = DispatchSemaphore(value: 0), delivered = DispatchSemaphore(value: 0)
        let worker = worker, service = service
        Task.detached {
            await worker.value
            saved.signal()
            _ = await service.pushAll()
            delivered.signal()
        }
        guard saved.wait(timeout: .now() + seconds) == .success else { return false }
        _ = delivered.wait(timeout: .now() + grace)
        return true
    }

    /// Sends what waits in every account's outbox and pulls the provider's changes, beside the queue, then
    /// reloads. `r` (user: true) also lifts the pause of an account whose credentials were refused, and says so
    /// when it is done; the interval's pulls are quiet unless something needs the user.
    @discardableResult
    func refreshInBackground(pull: Bool, user: Bool = true, full: Bool = false) -> Task<Void, Never> {
        let service = service, inbox = inbox
        return Task.detached {
            if user { try? await service.resume(account: nil) }
            let problems: [SyncProblem]
            if pull {
                // The status bar shows the pull and its percentage while it runs.
                problems = await service.syncAll(full: full, everyWaiting: user) { report in
                    inbox.post(.app(.pullProgress(PullProgress(received: report.received, fraction: report.fraction))))
                }
                inbox.post(.app(.pullProgress(nil)))
            } else {
                // Opening the board sends what an earlier run left; with nothing to send, the board is as loaded.
                guard await EffectRunner.deliver(service) else { return }
                problems = []
            }
            if user, let problem = problems.first {
                inbox.post(.app(.syncFailed(problem)))
            } else if pull && user {
                // A provider with a daily allowance (Coperniq) says so when little is left.
                let provider = try? await service.account(nil).provider
                let budget = await provider?.budgetNotice()
                inbox.post(.app(.upToDate(budget: budget)))
            }
            inbox.post(.reload)
            inbox.post(.outboxChanged)
        }
    }

    /// Sends and pulls every `seconds` in the background, for as long as the board runs; never blocks it. Each
    /// sync starts `seconds` after the one before (and `first`) ended: a pull slower than the interval (a large
    /// first pull, a provider's rate limit, retries) never has syncs pile up behind it all day.
    func syncEvery(_ seconds: Int, after first: Task<Void, Never>? = nil) -> Task<Void, Never>? {
        guard seconds > 0 else { return nil }
        return Task.detached { [weak self] in
            await first?.value
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(seconds))
                guard !Task.isCancelled, let sync = self?.refreshInBackground(pull: true, user: false) else { return }
                await sync.value
            }
        }
    }

    /// Delivers what waits in every outbox; false when that changed nothing, so no reload is needed (at 100k
    /// cards a reload is about 40 ms of CPU).
    private static func deliver(_ service: BoardService) async -> Bool {
        await service.pushAll().values.contains { !$0.changedNothing }
    }

    /// The board for `query`, its reading stopped once `isUnwanted`; an account opened for the first time is pulled
    /// from its provider first.
    private static func board(
        _ query: BoardQuery, service: BoardService, unwantedWhen isUnwanted: @escaping @Sendable () -> Bool
    ) async throws -> BoardSnapshot {
        do {
            return try await service.board(query, unwantedWhen: isUnwanted)
        } catch ServiceError.noPipelines(let account) {
            try await service.pull(account: account)
            return try await service.board(query, unwantedWhen: isUnwanted)
        }
    }

    private static func run(_ job: Job, service: BoardService, inbox: Inbox, latestLoad: LatestLoad) async {
        do {
            switch job.effect {
            case .load(let query):
                // Typing a search asks for a board per key: only the newest one is worth reading. One overtaken while
                // it is read stops there, or is dropped when read: the board never shows the shorter search's
                // matches after the longer one was typed (the newer load is queued behind it).
                let load = job.load
                let isUnwanted = { @Sendable in latestLoad.supersedes(load, query) }
                guard !isUnwanted() else { return }
                let snapshot = try await board(query, service: service, unwantedWhen: isUnwanted)
                guard !isUnwanted() else { return }
                inbox.post(.loaded(LoadedBoard(snapshot: snapshot, changesBefore: job.changesBefore)))
                return
            case .quit, .refresh, .setTheme, .openURL, .runCommand:
                return // handled by the loop
            case let .prepareSearch(account, pipelineID):
                // Beside the queue: building takes about a second at 1M cards, and a move asked meanwhile need not
                // wait for it. A search load waits for it in the store, when it needs it.
                Task.detached { service.prepareSearch(account: account, pipelineID: pipelineID) }
            case let .lookUp(field, text):
                // Suggestions are a help, not a change: a failed look-up says why and changes nothing.
                do {
                    let values = try await service.lookUp(account: nil, field: field, matching: text)
                    inbox.post(.app(.lookedUp(field: field, text: text, values: values)))
                } catch {
                    inbox.post(.app(.lookUpFailed(reason: String(describing: error))))
                }
                return
            case .loadOutbox:
                inbox.post(.app(.outboxLoaded(try await service.outboxItems(account: nil))))
                return
            case .loadLostReasons(let account):
                // Without the list nothing is marked: the prompt closes and says why.
                do {
                    inbox.post(.app(.lostReasonsLoaded(try await service.lostReasons(account: account))))
                } catch {
                    inbox.post(.app(.lostReasonsFailed(reason: String(describing: error))))
                }
                return
            case .loadTimeline(let id):
                inbox.post(.app(.timelineLoaded(id: id, changes: try await service.history(id: id))))
                return
            case let .loadVelocity(account, pipelineID, period):
                inbox.post(
                    .app(
                        .velocityLoaded(
                            try await service.velocity(account: account, pipeline: pipelineID, period: period))))
                return
            case .loadActivity(let id):
                let notes = try await service.notes(of: id)
                let tasks = try await service.tasks(of: id)
                inbox.post(.app(.activityLoaded(id: id, notes: notes, tasks: tasks)))
                return
            case let .addNote(id, text):
                _ = try await service.addNote(to: id, text: text)
                let deal = try await service.opportunity(matching: id.uuidString)
                inbox.post(.app(.noteAdded(deal: deal.name)))
            case let .addTask(id, title, due):
                let task = try await service.addTask(to: id, title: title, due: due)
                let deal = try await service.opportunity(matching: id.uuidString)
                inbox.post(.app(.taskAdded(title: task.title, deal: deal.name, due: task.due)))
            case let .setTaskDone(taskID, done):
                let task = try await service.setTaskDone(id: taskID, done)
                inbox.post(.app(.taskDone(title: task.title, done: done)))
            case .loadAgenda(let account):
                inbox.post(.app(.agendaLoaded(try await service.nextSteps(account: account))))
                return
            case let .locateCard(id, statuses, filter, sort):
                let place = try await service.place(of: id, statuses: statuses, filter: filter, sort: sort)
                inbox.post(.app(.cardLocated(id: id, place: place)))
                return
            case .retryOutbox(let id):
                try await service.retryOutbox(id: id)
            case .discardOutbox(let id):
                inbox.post(.app(.notice(try await service.discardOutbox(id: id))))
            case let .resolveConflict(id, choice):
                inbox.post(.app(.notice(try await service.resolveConflict(id: id, choice: choice))))
            case let .move(id, stageID):
                // The board shows the card in its new column already; the reload below brings the saved card.
                _ = try await service.move(id: id, toStage: stageID)
            case let .reorder(id, offset, statuses, filter):
                try await service.reorder(id: id, offset: offset, statuses: statuses, filter: filter)
            case let .setStatus(id, status, reason):
                let changed = try await service.setStatus(id: id, status, lostReason: reason)
                inbox.post(.app(.statusSet(name: changed.name, status: status)))
            case let .bulk(operation, ids):
                let outcome = try await service.apply(operation, to: ids)
                inbox.post(.app(.bulkApplied(outcome)))
            case let .create(pipelineID, input):
                let created = try await service.create(account: nil, pipeline: pipelineID, input: input)
                inbox.post(.app(.created(name: created.name, id: created.id)))
            case let .edit(id, input):
                let edited = try await service.edit(id: id, input: input)
                inbox.post(.app(.saved(name: edited.name)))
            case .delete(let id):
                let deleted = try await service.delete(id: id)
                inbox.post(.app(.deleted(name: deleted.name)))
            case .undo:
                let undone = try await service.undoing()
                inbox.post(.app(.undone(label: undone.label, broughtBack: undone.broughtBack)))
            case .redo:
                let redone = try await service.redoing()
                inbox.post(.app(.redone(label: redone.label, broughtBack: redone.broughtBack)))
            }
            inbox.post(.reload)
            inbox.post(.outboxChanged)
            // Delivery runs beside the queue, so a slow provider never holds up the next key's work.
            Task.detached {
                guard await EffectRunner.deliver(service) else { return }
                inbox.post(.reload)
                inbox.post(.outboxChanged)
            }
        } catch is CancellationError {
            return // a load overtaken by a newer one: that one shows the board
        } catch let error as ServiceError {
            inbox.post(.app(.refused(error)))
            inbox.post(.reload)
        } catch {
            inbox.post(.app(.operationFailed(String(describing: error))))
            inbox.post(.reload)
        }
    }
}

/// The newest board load asked for, shared by the loop (which asks) and the worker (which skips, stops or drops
/// older ones for another query). Loads are numbered as asked, so the common question, whether any newer load was
/// asked for at all, compares two numbers: SQLite asks it every thousand steps of a read (`ReadInterruption`).
final class LatestLoad: Sendable {
    private let latest = Mutex<(number: Int, query: BoardQuery?)>((0, nil))

    /// Records a load asked for and returns its number.
    func ask(_ query: BoardQuery) -> Int {
        latest.withLock { latest in
            latest = (latest.number + 1, query)
            return latest.number
        }
    }

    /// True when a load newer than `number` was asked for, for another query: the board for `query` is not wanted.
    /// A newer load of the same query (a reload) leaves it wanted, as before.
    func supersedes(_ number: Int, _ query: BoardQuery) -> Bool {
        latest.withLock { $0.number != number && $0.query != query }
    }
}
