import Foundation
import GRDB

/// The search copy a store keeps (`SearchMirror`): at most one, of the pipeline whose board is searched. The board
/// asks for it when its search prompt opens (`prepareSearch`), so that it is built while a person types, and frees it
/// when it closes (`releaseSearch`). Without one, a search reads SQL as before: the command line never builds one.
/// One lock holds the copy while a load brings it to its snapshot and sums from it (unchecked: `lock` guards it).
final class SearchMirrors: @unchecked Sendable {
    private let lock = NSLock()
    private var mirror: SearchMirror?

    /// Builds the copy of this pipeline, or brings the kept one up to `db`'s snapshot.
    func prepare(_ db: Database, account: String, pipelineID: String) throws {
        try lock.withLock {
            if let current = kept(account: account, pipelineID: pipelineID), try standing(of: current, in: db) != .stale
            {
                return
            }
            try rebuild(db, account: account, pipelineID: pipelineID)
        }
    }

    func release() {
        lock.withLock { mirror = nil }
    }

    /// Whether a copy of this pipeline is kept.
    func holds(account: String, pipelineID: String) -> Bool {
        lock.withLock { kept(account: account, pipelineID: pipelineID) != nil }
    }

    /// The search's matches from the kept copy, brought to `db`'s snapshot first (built anew when it cannot be);
    /// nil when no copy of this pipeline is kept, or it holds a later snapshot than `db`'s.
    func matches(
        _ db: Database, account: String, pipelineID: String, words: [[UInt8]], statuses: Set<String>?,
        sparseLimit: Int
    ) throws -> SearchMirror.Matches? {
        try lock.withLock {
            guard let current = kept(account: account, pipelineID: pipelineID) else { return nil }
            switch try standing(of: current, in: db) {
            case .ahead: return nil
            case .current: return current.matches(words: words, statuses: statuses, sparseLimit: sparseLimit)
            case .stale:
                return try rebuild(db, account: account, pipelineID: pipelineID)?
                    .matches(words: words, statuses: statuses, sparseLimit: sparseLimit)
            }
        }
    }

    /// The copy made anew from `db`'s snapshot (the old one let go first: two need not be held at once).
    @discardableResult
    private func rebuild(_ db: Database, account: String, pipelineID: String) throws -> SearchMirror? {
        mirror = nil
        mirror = try SearchMirror.build(db, account: account, pipelineID: pipelineID)
        return mirror
    }

    private func kept(account: String, pipelineID: String) -> SearchMirror? {
        guard let mirror, mirror.account == account, mirror.pipelineID == pipelineID else { return nil }
        return mirror
    }

    /// `catchUp`, dropping the copy when it throws half way.
    private func standing(of current: SearchMirror, in db: Database) throws -> SearchMirror.Standing {
        do {
            return try current.catchUp(db)
        } catch {
            mirror = nil
            throw error
        }
    }
}
