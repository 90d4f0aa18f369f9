import GRDB

/// The cache's schema, built only by migrations: a released migration is never edited, a change is a new one.
///
/// Dates are REAL seconds since 2001-01-01 (Foundation's reference date): that is how `Date` holds them,
/// so they round-trip bit for bit; seconds since 1970 would lose the last bit of some `Date()` values and make
/// an unchanged card compare different after a reload.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createV1)
        migrator.registerMigration("v2-sync-base-conflicts", migrate: addSyncBaseAndConflicts)
        migrator.registerMigration("v3-figures", migrate: widenTotalsIndexForFigures)
        migrator.registerMigration("v4-row-is-base", migrate: letThePulledRowBeTheBase)
        migrator.registerMigration("v5-kept-stage-totals", migrate: keepStageTotals)
        migrator.registerMigration("v6-status-changed-at", migrate: keepTheStatusTime)
        migrator.registerMigration("v7-notes-and-tasks", migrate: keepNotesAndTasks)
        migrator.registerMigration("v8-deal-history", migrate: rememberDealChanges)
        migrator.registerMigration("v9-deal-history-by-field", migrate: indexDealChangesByField)
        migrator.registerMigration("v10-search-index", migrate: indexTheSearchedText)
        migrator.registerMigration("v11-delivery-order", migrate: numberDeliveries)
        migrator.registerMigration("v12-kept-outcome-days", migrate: keepOutcomeDays)
        migrator.registerMigration("v13-card-change-log", migrate: CardChangeLog.create)
        return migrator
    }

    /// The base of each card (the provider's record as last pulled or delivered), which conflict detection
    /// compares with the provider's current record; and what the provider had when a change conflicted.
    private static func addSyncBaseAndConflicts(_ db: Database) throws {
        try db.execute(
            sql: """
                -- No foreign key: the base of a card deleted locally is still needed until its delete is sent.
                CREATE TABLE base (
                    opportunity_id TEXT PRIMARY KEY NOT NULL,
                    record TEXT NOT NULL
                );
                -- For state 'conflict': the fields both sides changed (JSON list; empty when the provider deleted
                -- the record) and the provider's record at that moment (NULL when deleted).
                ALTER TABLE outbox ADD COLUMN conflict_fields TEXT;
                ALTER TABLE outbox ADD COLUMN theirs TEXT;
                -- 1 once a send has started: the provider may have the change even if no answer came back.
                ALTER TABLE outbox ADD COLUMN sent INTEGER NOT NULL DEFAULT 0;
                """)
    }

    private static func createV1(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE pipeline (
                    account TEXT NOT NULL,
                    id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    PRIMARY KEY (account, id)
                );
                CREATE TABLE stage (
                    account TEXT NOT NULL,
                    pipeline_id TEXT NOT NULL,
                    id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    probability REAL,
                    PRIMARY KEY (account, pipeline_id, id),
                    FOREIGN KEY (account, pipeline_id) REFERENCES pipeline (account, id) ON DELETE CASCADE
                );

                -- No foreign key to stage: pipelines are replaced wholesale on every stage discovery, and a card
                -- whose stage vanished must stay visible (and deliverable) until the next pull settles it.
                CREATE TABLE opportunity (
                    id TEXT PRIMARY KEY NOT NULL,
                    account TEXT NOT NULL,
                    remote_id TEXT,
                    pipeline_id TEXT NOT NULL,
                    stage_id TEXT NOT NULL,
                    rank INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    value_micros INTEGER,
                    currency TEXT,
                    status TEXT NOT NULL,
                    provider_status TEXT,
                    contact_name TEXT,
                    company_name TEXT,
                    email TEXT,
                    phone TEXT,
                    owner TEXT,
                    close_date TEXT,
                    source TEXT,
                    probability REAL,
                    tags TEXT NOT NULL,
                    custom_fields TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    stage_changed_at REAL NOT NULL,
                    raw TEXT
                );
                CREATE UNIQUE INDEX opportunity_remote_id ON opportunity (account, remote_id) \
                WHERE remote_id IS NOT NULL;
                -- Column windows and neighbours: the full sort key, so ORDER BY ... LIMIT reads the index in order.
                CREATE INDEX opportunity_column_order ON opportunity \
                (account, pipeline_id, stage_id, rank, created_at, id);
                -- Column counts and totals are answered from this index alone, without touching the table.
                CREATE INDEX opportunity_column_totals ON opportunity \
                (account, pipeline_id, stage_id, status, currency, value_micros);

                -- No foreign key to opportunity: a delete must outlive the row it deletes.
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    account TEXT NOT NULL,
                    opportunity_id TEXT NOT NULL,
                    operation TEXT NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    created_at REAL NOT NULL,
                    not_before REAL
                );
                CREATE INDEX outbox_account_state ON outbox (account, state);
                CREATE INDEX outbox_opportunity ON outbox (opportunity_id);

                CREATE TABLE history (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    label TEXT NOT NULL,
                    payload BLOB NOT NULL,
                    undone BOOLEAN NOT NULL DEFAULT 0
                );

                CREATE TABLE setting (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                );
                """)
    }

    /// Column headers, the summary line, the funnel, the forecast and the won / lost trend are all answered from
    /// one covering index: the totals index gains the columns those figures read, so none of them touches the table.
    /// Its order lets GROUP BY stage, status, currency (and close date) stream through the index without sorting.
    private static func widenTotalsIndexForFigures(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP INDEX opportunity_column_totals;
                CREATE INDEX opportunity_column_totals ON opportunity (
                    account, pipeline_id, stage_id, status, currency, close_date,
                    value_micros, probability, stage_changed_at, updated_at);
                """)
    }

    /// A card as last pulled is its own base: rather than a copy of every pulled record in `base` (the pull wrote
    /// each card twice), the row says so, and the copy is made only when the card first changes here (`Base.swift`).
    private static func letThePulledRowBeTheBase(_ db: Database) throws {
        try db.execute(
            sql: """
                -- 1: the row is the provider's record exactly as last pulled, and stands as the card's base while
                -- `base` has no row for it. Any local write to the row first copies it into `base` and sets 0.
                ALTER TABLE opportunity ADD COLUMN row_is_base INTEGER NOT NULL DEFAULT 0;
                """)
    }

    /// The board's counts and totals per (account, pipeline, stage, status, currency), kept as cards change, so
    /// that opening a board reads a few dozen rows instead of every card's entry in the totals index (24 MB at 300k
    /// cards, read from the disk whenever the system has dropped it). The sums are those the board's aggregate
    /// query takes over the cards (BoardQueries.swift); only a board without filters beyond the statuses reads them.
    /// The store's writer keeps them (`StageTotalsTally` says why not triggers).
    private static func keepStageTotals(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE stage_totals (
                    account TEXT NOT NULL,
                    pipeline_id TEXT NOT NULL,
                    stage_id TEXT NOT NULL,
                    status TEXT NOT NULL,
                    currency TEXT NOT NULL,            -- '' for cards without one
                    count INTEGER NOT NULL,
                    valued INTEGER NOT NULL,           -- cards with a value
                    micros INTEGER NOT NULL,
                    own_weighted REAL NOT NULL,        -- values times the cards' own probabilities
                    without_own INTEGER NOT NULL,      -- values of the cards without a probability of their own
                    entered REAL NOT NULL,             -- stage_changed_at, summed
                    PRIMARY KEY (account, pipeline_id, stage_id, status, currency)
                ) WITHOUT ROWID;
                """)
        try StageTotalsTally.refill(db)
    }

    /// When each card's status last changed, for the won / lost weeks (they read the update time, which any later
    /// edit moved). Cards cached before keep NULL, read as their update time, so that a pull can still bring the
    /// provider's own time (HighLevel's `lastStatusChangeAt`). The totals index gains the column, so that the weeks
    /// are still answered from it alone; `stage_totals` holds no times and is untouched.
    private static func keepTheStatusTime(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE opportunity ADD COLUMN status_changed_at REAL;
                DROP INDEX opportunity_column_totals;
                CREATE INDEX opportunity_column_totals ON opportunity (
                    account, pipeline_id, stage_id, status, currency, close_date,
                    value_micros, probability, stage_changed_at, updated_at, status_changed_at);
                """)
    }

    /// Notes and tasks of each deal, as cached from the provider or written here first. No foreign key to the deal:
    /// an add waiting in the outbox must outlive a deal deleted meanwhile, as the outbox itself does.
    /// `due_key` orders tasks by due date ("2026-03-14 15:30"; a day without a time sorts after that day's times as
    /// "24:00"; no date at all as "~", after every digit), so that a deal's next step, its earliest open task, is
    /// the first entry of the partial index `task_next_step`: the board reads it with each card, one index probe.
    private static func keepNotesAndTasks(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE note (
                    id TEXT PRIMARY KEY NOT NULL,
                    account TEXT NOT NULL,
                    opportunity_id TEXT NOT NULL,
                    remote_id TEXT,
                    text TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    author TEXT
                );
                CREATE INDEX note_opportunity ON note (opportunity_id, created_at);
                -- Per deal: HighLevel keeps notes and tasks on the contact, so two deals of one contact share them.
                CREATE UNIQUE INDEX note_remote_id ON note (opportunity_id, remote_id) WHERE remote_id IS NOT NULL;
                CREATE TABLE task (
                    id TEXT PRIMARY KEY NOT NULL,
                    account TEXT NOT NULL,
                    opportunity_id TEXT NOT NULL,
                    remote_id TEXT,
                    title TEXT NOT NULL,
                    due_day TEXT,
                    due_time TEXT,
                    due_key TEXT NOT NULL,
                    done INTEGER NOT NULL,
                    completed_at REAL,
                    owner TEXT,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    raw TEXT,
                    -- The task as the provider last had it (JSON), which an edit is checked against before it is
                    -- sent; NULL until the provider has it.
                    base TEXT
                );
                CREATE INDEX task_opportunity ON task (opportunity_id, created_at);
                CREATE UNIQUE INDEX task_remote_id ON task (opportunity_id, remote_id) WHERE remote_id IS NOT NULL;
                CREATE INDEX task_next_step ON task (opportunity_id, due_key, created_at, id) WHERE done = 0;
                -- The agenda: every open task of an account in due order.
                CREATE INDEX task_agenda ON task (account, due_key) WHERE done = 0;
                """)
    }

    /// Every change of a deal's stage, status, value, owner, close date or name, appended and never rewritten
    /// (`DealChange`). No foreign key: a deal's history outlives the card. Read per deal in time order, and from a
    /// moment on for the board as it was (`deal_change_time`, replaced in v9). A rebuild keeps it
    /// (`CacheStore.rebuild`).
    private static func rememberDealChanges(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE deal_change (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    opportunity_id TEXT NOT NULL,
                    account TEXT NOT NULL,
                    field TEXT NOT NULL,        -- stage | status | value | owner | close_date | name
                    from_value TEXT,
                    to_value TEXT,
                    at REAL NOT NULL,
                    since REAL,                 -- when the deal took from_value, where known
                    origin TEXT NOT NULL,       -- local | undo | redo | provider
                    clock TEXT NOT NULL         -- commit | provider_change | record_update
                );
                CREATE INDEX deal_change_opportunity ON deal_change (opportunity_id, at);
                CREATE INDEX deal_change_time ON deal_change (account, at);
                -- After a rebuild: the provider's id of each deal with history, whose card a pull brings back
                -- under a new local id; the history follows it there (`relinkDealHistory`), then the row goes.
                CREATE TABLE deal_identity (
                    opportunity_id TEXT PRIMARY KEY NOT NULL,
                    account TEXT NOT NULL,
                    remote_id TEXT NOT NULL
                );
                """)
    }

    /// The board as it was and velocity read the history by deal and field: the first change of each at or after a
    /// cutoff comes from this index alone (`FirstChanges`, it holds the value and time a change started from), and
    /// velocity reads a deal's stage and status changes together. It replaces the index by time, which only those
    /// two read (a month back at 1M changes, they read 700k rows each).
    private static func indexDealChangesByField(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX deal_change_first ON deal_change (account, opportunity_id, field, at, from_value, since);
                DROP INDEX deal_change_time;
                """)
    }

    /// The trigram index over the card text a search reads (`SearchIndex`), filled from the cards already cached.
    private static func indexTheSearchedText(_ db: Database) throws {
        try SearchIndex.create(db)
    }

    /// The latest acknowledged change of each record, numbered in the order acknowledged (`DeliveryMark`), so that a
    /// pull's page read before a change reached the provider does not undo it. Only the newest rows are kept.
    private static func numberDeliveries(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE delivery (
                    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                    account TEXT NOT NULL,
                    remote_id TEXT NOT NULL,
                    version REAL,               -- the provider's update time of the record with the change, if known
                    UNIQUE (account, remote_id)
                );
                """)
    }

    /// The won / lost weeks' sums per closing day (`WeeklyOutcomes.dayNumber`), kept as cards change like
    /// `stage_totals`: at a million deals, summing the 200k closed ones took 120 ms of every board load. Keyed so
    /// that a pipeline's weeks are one range of days per status.
    private static func keepOutcomeDays(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE outcome_day_totals (
                    account TEXT NOT NULL,
                    pipeline_id TEXT NOT NULL,
                    status TEXT NOT NULL,              -- 'won' or 'lost'
                    day INTEGER NOT NULL,              -- UTC days since 2001-01-01
                    stage_id TEXT NOT NULL,
                    currency TEXT NOT NULL,            -- '' for cards without one
                    count INTEGER NOT NULL,
                    micros INTEGER NOT NULL,
                    PRIMARY KEY (account, pipeline_id, status, day, stage_id, currency)
                ) WITHOUT ROWID;
                """)
        try StageTotalsTally.refillClosedDays(db)
    }
}
