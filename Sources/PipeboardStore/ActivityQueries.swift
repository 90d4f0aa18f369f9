import Foundation
import GRDB
import PipeboardCore

/// The next step of the card `opportunity`, as a correlated lookup: the first entry of `task_next_step` for it.
/// Joined as `next_step`; its columns are selected as `next_step_*`.
let nextStepJoin = """
    LEFT JOIN task AS next_step ON next_step.id = (
        SELECT id FROM task WHERE opportunity_id = opportunity.id AND done = 0 ORDER BY due_key, created_at, id LIMIT 1)
    """
let nextStepColumns = """
    next_step.id AS next_step_id, next_step.title AS next_step_title, next_step.due_day AS next_step_day,
    next_step.due_time AS next_step_time
    """

/// Reads the `next_step_*` columns; nil for a card without an open task.
func decodeNextStep(_ row: Row) throws -> NextStep? {
    guard let idText: String = row["next_step_id"] else { return nil }
    guard let id = UUID(uuidString: idText) else { throw StoreError.corrupt("task id \"\(idText)\"") }
    let day: String? = try row.checked("next_step_day")
    let time: String? = try row.checked("next_step_time")
    return try NextStep(
        taskID: id, title: row.checked("next_step_title"), due: day.map { DueDate(day: $0, time: time) })
}

/// The next steps of the listed cards, in one query per 500 cards.
func fetchNextSteps(_ db: Database, for ids: [UUID]) throws -> [UUID: NextStep] {
    var steps: [UUID: NextStep] = [:]
    for start in stride(from: 0, to: ids.count, by: 500) {
        let chunk = ids[start..<min(start + 500, ids.count)]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT opportunity.id AS card_id, \(nextStepColumns) FROM opportunity \(nextStepJoin)
                WHERE opportunity.id IN (\(chunk.map { _ in "?" }.joined(separator: ", "))) AND next_step.id IS NOT NULL
                """, arguments: StatementArguments(chunk.map(OpportunityRow.key)))
        while let row = try rows.next() {
            let idText: String = try row.checked("card_id")
            guard let id = UUID(uuidString: idText) else { throw StoreError.corrupt("opportunity id \"\(idText)\"") }
            steps[id] = try decodeNextStep(row)
        }
    }
    return steps
}

/// When each listed card last had activity: its latest note or finished task. One query per 500 cards, over the
/// note and task indexes of those cards only.
func fetchLastActivity(_ db: Database, for ids: [UUID]) throws -> [UUID: Date] {
    var latest: [UUID: Date] = [:]
    for start in stride(from: 0, to: ids.count, by: 500) {
        let chunk = ids[start..<min(start + 500, ids.count)].map(OpportunityRow.key)
        let marks = chunk.map { _ in "?" }.joined(separator: ", ")
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT opportunity_id, MAX(at) AS at FROM (
                    SELECT opportunity_id, created_at AS at FROM note WHERE opportunity_id IN (\(marks))
                    UNION ALL
                    SELECT opportunity_id, completed_at AS at FROM task
                    WHERE opportunity_id IN (\(marks)) AND done = 1 AND completed_at IS NOT NULL)
                GROUP BY opportunity_id
                """, arguments: StatementArguments(chunk + chunk))
        while let row = try rows.next() {
            let idText: String = try row.checked("opportunity_id")
            guard let id = UUID(uuidString: idText) else { throw StoreError.corrupt("opportunity id \"\(idText)\"") }
            let at: Double = try row.checked("at")
            latest[id] = DateColumn.decode(at)
        }
    }
    return latest
}

/// One open deal of the agenda with its next step (nil: nothing planned).
package struct AgendaRow: Hashable, Sendable {
    package var opportunity: Opportunity
    package var nextStep: NextStep?
}

extension CacheStore {
    /// A deal's notes, newest first.
    package func notes(opportunityID: UUID) throws -> [Note] {
        try read { db in
            try NoteRow.fetchAll(
                db,
                sql: "SELECT \(NoteRow.selection) FROM note WHERE opportunity_id = ? ORDER BY created_at DESC, id",
                arguments: [OpportunityRow.key(opportunityID)])
        }
    }

    /// A deal's tasks: the open ones in due order (the first is the next step), then the done ones, latest first.
    package func tasks(opportunityID: UUID) throws -> [DealTask] {
        try read { db in
            try TaskRow.fetchAll(
                db,
                sql: """
                    SELECT \(TaskRow.selection) FROM task WHERE opportunity_id = ?
                    ORDER BY done, CASE WHEN done = 0 THEN due_key END, completed_at DESC, created_at, id
                    """, arguments: [OpportunityRow.key(opportunityID)])
        }
    }

    package func note(id: UUID) throws -> Note? {
        try read { try StoreWriter(db: $0).note(id: id) }
    }

    package func task(id: UUID) throws -> DealTask? {
        try read { try StoreWriter(db: $0).task(id: id) }
    }

    /// Tasks whose id starts with `prefix` (as the command line takes them).
    package func tasks(idPrefix prefix: String) throws -> [DealTask] {
        try read { db in
            try TaskRow.fetchAll(
                db, sql: "SELECT \(TaskRow.selection) FROM task WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 2",
                arguments: [FilterSQL.escapedForLike(prefix.lowercased()) + "%"])
        }
    }

    /// The next step of each listed card that has one, an index probe per card.
    package func nextSteps(for ids: [UUID]) throws -> [UUID: NextStep] {
        try read { try fetchNextSteps($0, for: ids) }
    }

    /// Every open deal of an account (one pipeline, or all when nil) with its next step: dated steps in due order,
    /// then undated ones, then the deals with nothing planned, by name.
    package func agenda(account: String, pipelineID: String? = nil) throws -> [AgendaRow] {
        try read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT \(OpportunityRow.selection()), \(nextStepColumns) FROM opportunity \(nextStepJoin)
                    WHERE opportunity.account = ? AND opportunity.status = ?
                      \(pipelineID == nil ? "" : "AND opportunity.pipeline_id = ?")
                    ORDER BY next_step.id IS NULL, next_step.due_key, next_step.created_at,
                        opportunity.name COLLATE NOCASE, opportunity.id
                    """,
                arguments: [account, OpportunityStatus.open.rawValue] + (pipelineID.map { [$0] } ?? []))
            var result: [AgendaRow] = []
            while let row = try rows.next() {
                result.append(AgendaRow(opportunity: try OpportunityRow.decode(row), nextStep: try decodeNextStep(row)))
            }
            return result
        }
    }
}

extension StoreWriter {
    package func note(id: UUID) throws -> Note? {
        try NoteRow.fetchAll(
            db, sql: "SELECT \(NoteRow.selection) FROM note WHERE id = ?", arguments: [OpportunityRow.key(id)]
        ).first
    }

    package func task(id: UUID) throws -> DealTask? {
        try TaskRow.fetchAll(
            db, sql: "SELECT \(TaskRow.selection) FROM task WHERE id = ?", arguments: [OpportunityRow.key(id)]
        ).first
    }

    /// Inserts the note, or replaces the one with its id.
    package func save(_ note: Note) throws {
        try db.cachedStatement(sql: NoteRow.upsertSQL).execute(arguments: NoteRow.arguments(for: note))
    }

    /// Inserts the task, or replaces the one with its id (its base stays).
    package func save(_ task: DealTask) throws {
        try db.cachedStatement(sql: TaskRow.upsertSQL).execute(arguments: TaskRow.arguments(for: task))
    }

    package func deleteNote(id: UUID) throws {
        try db.execute(sql: "DELETE FROM note WHERE id = ?", arguments: [OpportunityRow.key(id)])
    }

    package func deleteTask(id: UUID) throws {
        try db.execute(sql: "DELETE FROM task WHERE id = ?", arguments: [OpportunityRow.key(id)])
    }

    /// The task as the provider last had it: what an edit is checked against. Nil before it reached the provider.
    package func taskBase(id: UUID) throws -> DealTask? {
        guard
            let text = try String.fetchOne(
                db, sql: "SELECT base FROM task WHERE id = ?", arguments: [OpportunityRow.key(id)])
        else { return nil }
        guard let base = try? BaseRow.decoder.decode(DealTask.self, from: Data(text.utf8)) else {
            throw StoreError.corrupt("base of task \(OpportunityRow.key(id))")
        }
        return base
    }

    package func saveTaskBase(_ base: DealTask) throws {
        let text = String(decoding: try BaseRow.encoder.encode(base), as: UTF8.self)
        try db.cachedStatement(sql: "UPDATE task SET base = ? WHERE id = ?")
            .execute(arguments: [text, OpportunityRow.key(base.id)])
    }

    /// Notes and tasks as a pull leaves them, each task with its base: many at once (the demo's generated ones).
    package func savePulled(notes: [Note], tasks: [DealTask]) throws {
        for note in notes { try save(note) }
        for task in tasks {
            try save(task)
            try saveTaskBase(task)
        }
    }

    /// The open deals of a pipeline whose open tasks a bulk read can change, as (local id, remote id): those the
    /// provider listed, by remote id, and those with open tasks cached from it (which the read may have dropped).
    /// Every other deal would merge nothing, so a pipeline of a million costs what its tasks cost.
    package func dealsForOpenTasks(account: String, pipelineID: String, listed remoteIDs: some Sequence<String>)
        throws -> [(id: UUID, remoteID: String)]
    {
        var found: [UUID: String] = [:]
        let cached = try Row.fetchCursor(
            db,
            sql: """
                SELECT DISTINCT o.id, o.remote_id FROM task t JOIN opportunity o ON o.id = t.opportunity_id
                WHERE t.account = ? AND t.done = 0 AND t.remote_id IS NOT NULL
                  AND o.pipeline_id = ? AND o.status = 'open' AND o.remote_id IS NOT NULL
                """, arguments: [account, pipelineID])
        while let row = try cached.next() {
            if let id = UUID(uuidString: row[0]) { found[id] = row[1] }
        }
        let listed = try db.cachedStatement(
            sql: """
                SELECT id FROM opportunity WHERE account = ? AND remote_id = ? AND pipeline_id = ? AND status = 'open'
                """)
        for remoteID in remoteIDs {
            if let text = try String.fetchOne(listed, arguments: [account, remoteID, pipelineID]),
                let id = UUID(uuidString: text)
            {
                found[id] = remoteID
            }
        }
        return found.map { (id: $0.key, remoteID: $0.value) }
    }

    /// Takes in a deal's notes and tasks as the provider has them now: each keeps its local id, those the provider
    /// no longer has go, and none with a change still waiting in the outbox (`busy`) is touched. Nil leaves a kind
    /// alone; `openOnly` says the list holds only the open tasks (a pipeline's bulk read), so done ones stay.
    ///
    /// `askedAt`: the mark the lists were asked for at. A note or task whose change was acknowledged since may be
    /// older in them, or missing, as a deal in a page may (`mergePulled`): it stays as it is, for the next read.
    package func mergePulledActivity(
        account: String, opportunityID: UUID, notes: [RemoteNote]?, tasks: [RemoteTask]?, openOnly: Bool = false,
        busy: Set<UUID>, askedAt: DeliveryMark? = nil
    ) throws {
        let deal = OpportunityRow.key(opportunityID)
        let since = try delivered(account: account, since: askedAt)
        if let notes {
            let cached = try NoteRow.fetchAll(
                db, sql: "SELECT \(NoteRow.selection) FROM note WHERE opportunity_id = ? AND remote_id IS NOT NULL",
                arguments: [deal])
            let byRemote = Dictionary(cached.map { ($0.remoteID ?? "", $0) }, uniquingKeysWith: { first, _ in first })
            let seen = Set(notes.map(\.remoteID))
            for gone in cached where !seen.contains(gone.remoteID ?? "") && !busy.contains(gone.id) {
                if since.contains(DeliveryKey.note(gone.remoteID ?? "")) { continue }
                try deleteNote(id: gone.id)
            }
            // A note keeps no update time: one changed since the lists were asked for waits for the next read.
            for remote in notes where !since.mayPredate(DeliveryKey.note(remote.remoteID), updatedAt: nil) {
                let existing = byRemote[remote.remoteID]
                if let existing, busy.contains(existing.id) { continue }
                let note = remote.note(account: account, opportunityID: opportunityID, existing: existing)
                if note != existing { try save(note) }
            }
        }
        if let tasks {
            let cached = try TaskRow.fetchAll(
                db,
                sql: """
                    SELECT \(TaskRow.selection) FROM task WHERE opportunity_id = ? AND remote_id IS NOT NULL
                    \(openOnly ? "AND done = 0" : "")
                    """, arguments: [deal])
            let byRemote = Dictionary(cached.map { ($0.remoteID ?? "", $0) }, uniquingKeysWith: { first, _ in first })
            let seen = Set(tasks.map(\.remoteID))
            for gone in cached where !seen.contains(gone.remoteID ?? "") && !busy.contains(gone.id) {
                if since.contains(DeliveryKey.task(gone.remoteID ?? "")) { continue }
                try deleteTask(id: gone.id)
            }
            for remote in tasks
            where !since.mayPredate(DeliveryKey.task(remote.remoteID), updatedAt: remote.updatedAt) {
                var existing = byRemote[remote.remoteID]
                if openOnly, existing == nil {
                    existing = try TaskRow.fetchAll(
                        db, sql: "SELECT \(TaskRow.selection) FROM task WHERE opportunity_id = ? AND remote_id = ?",
                        arguments: [deal, remote.remoteID]
                    ).first
                }
                if let existing, busy.contains(existing.id) { continue }
                let task = remote.task(account: account, opportunityID: opportunityID, existing: existing)
                if task != existing { try save(task) }
                try saveTaskBase(task)
            }
        }
    }
}
