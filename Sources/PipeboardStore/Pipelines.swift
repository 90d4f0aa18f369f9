import GRDB
import PipeboardCore

extension CacheStore {
    /// The account's pipelines in their saved order, each with its stages ordered by position.
    package func pipelines(account: String) throws -> [Pipeline] {
        try read { db in
            var stagesByPipeline: [String: [Stage]] = [:]
            let stageRows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT pipeline_id, id, name, position, probability FROM stage WHERE account = ? ORDER BY position
                    """, arguments: [account])
            while let row = try stageRows.next() {
                let stage = try Stage(
                    id: row.checked("id"), name: row.checked("name"), position: row.checked("position"),
                    probability: row.checked("probability"))
                let pipelineID: String = try row.checked("pipeline_id")
                stagesByPipeline[pipelineID, default: []].append(stage)
            }
            return try Row.fetchAll(
                db, sql: "SELECT id, name FROM pipeline WHERE account = ? ORDER BY position, name", arguments: [account]
            )
            .map { row in
                let id: String = try row.checked("id")
                return try Pipeline(id: id, name: row.checked("name"), stages: stagesByPipeline[id] ?? [])
            }
        }
    }
}

extension StoreWriter {
    /// Replaces the account's pipelines and stages with `pipelines`, kept in the given order.
    /// Cards are left alone, even in a stage that disappeared: the next pull decides their fate.
    public func savePipelines(account: String, _ pipelines: [Pipeline]) throws {
        // Stages go with their pipeline (ON DELETE CASCADE).
        try db.execute(sql: "DELETE FROM pipeline WHERE account = ?", arguments: [account])
        let insertPipeline = try db.cachedStatement(
            sql: "INSERT INTO pipeline (account, id, name, position) VALUES (?, ?, ?, ?)")
        let insertStage = try db.cachedStatement(
            sql: """
                INSERT INTO stage (account, pipeline_id, id, name, position, probability) VALUES (?, ?, ?, ?, ?, ?)
                """)
        for (position, pipeline) in pipelines.enumerated() {
            try insertPipeline.execute(arguments: [account, pipeline.id, pipeline.name, position])
            for stage in pipeline.stages {
                try insertStage.execute(arguments: [
                    account, pipeline.id, stage.id, stage.name, stage.position, stage.probability,
                ])
            }
        }
    }
}
