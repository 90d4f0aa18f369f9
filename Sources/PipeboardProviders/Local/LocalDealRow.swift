import Foundation
import GRDB
import PipeboardCore

/// A deal as a row of the workspace file (`local_deal`), as small as SQLite keeps it and still one column a field:
/// the id as its 16 bytes and the change number as the row id; the pipeline, stage, currency, owner, source and
/// company as numbers of `LocalTexts` (they repeat across deals); the status as a number; a close date of the form
/// "2026-12-31" as days since 1970 and a value of whole units as those units (any other as given, in text); the
/// creation time in milliseconds since 1970 and each later time as the milliseconds after the one before it (0 when
/// it repeats it); tags and custom fields as JSON only when there are some. A deal's remote id is its local id in
/// lowercase text, as `create` gives it.
enum LocalDealRow {
    static let columns = """
        id, pipeline, stage, rank, name, value, currency, status, provider_status, contact_name, company, email, \
        phone, owner, close_date, source, probability, tags, custom_fields, created_at, updated_after_created, \
        stage_changed_after_updated, status_changed_after_stage_changed, raw
        """

    /// `columns` as `decode` reads them, the texts looked up, from `local_deal d`.
    static let selection = """
        d.id, \(text("pipeline")), \(text("stage")), d.rank, d.name, d.value, \(text("currency")), d.status, \
        d.provider_status, d.contact_name, \(text("company")), d.email, d.phone, \(text("owner")), d.close_date, \
        \(text("source")), d.probability, d.tags, d.custom_fields, d.created_at, d.updated_after_created, \
        d.stage_changed_after_updated, d.status_changed_after_stage_changed, d.raw
        """

    /// Every write takes the next change number (`seq`), so an incremental pull sees it.
    static let saveSQL = "INSERT OR REPLACE INTO local_deal (\(columns)) VALUES (\(placeholders(24)))"

    /// A new deal only: one whose id is there already is left alone.
    static let addSQL = "INSERT OR IGNORE INTO local_deal (\(columns)) VALUES (\(placeholders(24)))"

    /// A write that keeps the change number it is given (a file converted keeps its deals' numbers).
    static let saveNumberedSQL = "INSERT INTO local_deal (seq, \(columns)) VALUES (\(placeholders(25)))"

    /// The statuses by their numbers in the file: a new status takes the next number, none is ever renumbered.
    static let statuses: [OpportunityStatus] = [.open, .won, .lost, .abandoned]

    static func key(_ id: UUID) -> Data { withUnsafeBytes(of: id.uuid) { Data($0) } }

    /// The key of a remote id, nil when it is not one this workspace gave.
    static func key(remoteID: String) -> Data? { UUID(uuidString: remoteID).map(key) }

    /// The values of `saveSQL`; the deal's repeated texts are numbered in `texts`.
    static func arguments(for deal: Opportunity, texts: inout LocalTexts, in db: Database) throws
        -> StatementArguments
    {
        func number(_ text: String?) throws -> Int64? { try text.map { try texts.number(of: $0, in: db) } }
        let created = deal.createdAt.millisecondsSince1970
        let updated = deal.updatedAt.millisecondsSince1970
        let stageChanged = deal.stageChangedAt.millisecondsSince1970
        let values: [(any DatabaseValueConvertible)?] = [
            key(deal.id), try number(deal.pipelineID), try number(deal.stageID), deal.rank, deal.name,
            deal.value.map { stored(micros: $0.micros) }, try number(deal.value?.currency),
            Int64(statuses.firstIndex(of: deal.status) ?? 0), deal.providerStatus, deal.contactName,
            try number(deal.companyName), deal.email, deal.phone, try number(deal.owner),
            deal.closeDate.map(stored(closeDate:)), try number(deal.source), deal.probability,
            deal.tags.isEmpty ? nil : try json(deal.tags),
            deal.customFields.isEmpty ? nil : try json(deal.customFields),
            created, updated - created, stageChanged - updated,
            deal.statusChangedAt.map { $0.millisecondsSince1970 - stageChanged }, deal.raw,
        ]
        return StatementArguments(values)
    }

    /// The deal as the file gives it back: its dates to the millisecond. A create or an update answers with this, so
    /// that the card's base and the next pull agree.
    static func asKept(_ deal: Opportunity) -> Opportunity {
        var kept = deal
        kept.createdAt = deal.createdAt.toTheMillisecond
        kept.updatedAt = deal.updatedAt.toTheMillisecond
        kept.stageChangedAt = deal.stageChangedAt.toTheMillisecond
        kept.statusChangedAt = deal.statusChangedAt?.toTheMillisecond
        return kept
    }

    /// Reads a row selected with `selection` first, in its order.
    static func decode(_ row: Row) throws -> Opportunity {
        guard let bytes = row[0] as Data?, bytes.count == 16 else { throw damaged("a deal has no valid id") }
        let id = bytes.withUnsafeBytes { UUID(uuid: $0.loadUnaligned(as: uuid_t.self)) }
        guard let pipelineID = row[1] as String?, let stageID = row[2] as String? else {
            throw damaged("deal \(id) names a pipeline or stage the file does not have")
        }
        guard let number = row[7] as Int?, statuses.indices.contains(number) else {
            throw damaged("deal \(id) has an unknown status")
        }
        let micros = try self.micros(row[5], of: id)
        let tags: String? = row[17]
        let custom: String? = row[18]
        let created: Int64 = row[19]
        let updated = try later(created, by: row[20], of: id)
        let stageChanged = try later(updated, by: row[21], of: id)
        let statusChanged = try (row[22] as Int64?).map { try later(stageChanged, by: $0, of: id) }
        return Opportunity(
            id: id, account: "", remoteID: id.uuidString.lowercased(), pipelineID: pipelineID, stageID: stageID,
            rank: row[3], name: row[4], value: micros.map { Money(micros: $0, currency: row[6] ?? "") },
            status: statuses[number], providerStatus: row[8], contactName: row[9], companyName: row[10],
            email: row[11], phone: row[12], owner: row[13], closeDate: try closeDate(row[14], of: id), source: row[15],
            probability: row[16], tags: try tags.map { try decoder.decode([String].self, from: Data($0.utf8)) } ?? [],
            customFields: try custom.map { try decoder.decode([String: String].self, from: Data($0.utf8)) } ?? [:],
            createdAt: Date(millisecondsSince1970: created), updatedAt: Date(millisecondsSince1970: updated),
            stageChangedAt: Date(millisecondsSince1970: stageChanged),
            statusChangedAt: statusChanged.map(Date.init(millisecondsSince1970:)), raw: row[23])
    }

    // MARK: The compact forms

    /// Whole units as an integer (2-3 bytes where the micros took 6); any other value as its micros in text.
    static func stored(micros: Int64) -> any DatabaseValueConvertible {
        micros % 1_000_000 == 0 ? micros / 1_000_000 : String(micros)
    }

    static func micros(_ value: DatabaseValue, of id: UUID) throws -> Int64? {
        switch value.storage {
        case .null: return nil
        case .int64(let units):
            let (micros, overflow) = units.multipliedReportingOverflow(by: 1_000_000)
            if overflow { throw damaged("deal \(id) has a value out of range") }
            return micros
        case .string(let text):
            guard let micros = Int64(text) else { throw damaged("deal \(id) has a value that is not a number") }
            return micros
        default: throw damaged("deal \(id) has a value that is not a number")
        }
    }

    /// A day such as "2026-12-31" as days since 1970 (2 bytes where the text took 10); any other text as given.
    static func stored(closeDate: String) -> any DatabaseValueConvertible {
        guard let days = ISODay.daysSince1970(of: closeDate), ISODay.string(daysSince1970: days) == closeDate else {
            return closeDate
        }
        return Int64(days)
    }

    static func closeDate(_ value: DatabaseValue, of id: UUID) throws -> String? {
        switch value.storage {
        case .null: return nil
        case .int64(let days):
            // Days of the years 0000 to 9999, the only ones `stored(closeDate:)` writes.
            guard (-719_528...2_932_896).contains(days) else {
                throw damaged("deal \(id) has a close date out of range")
            }
            return ISODay.string(daysSince1970: Int(days))
        case .string(let text): return text
        default: throw damaged("deal \(id) has a close date that is neither a day nor text")
        }
    }

    private static func later(_ time: Int64, by milliseconds: Int64, of id: UUID) throws -> Int64 {
        let (sum, overflow) = time.addingReportingOverflow(milliseconds)
        if overflow { throw damaged("deal \(id) has a time out of range") }
        return sum
    }

    private static func text(_ column: String) -> String { LocalTexts.text(of: "d.\(column)") }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    private static func damaged(_ what: String) -> ProviderError {
        .invalidResponse("the local workspace is damaged: \(what)")
    }

    private static func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()
    private static let decoder = JSONDecoder()
}
