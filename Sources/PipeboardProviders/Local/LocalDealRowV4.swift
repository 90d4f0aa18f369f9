import Foundation
import GRDB
import PipeboardCore

/// A deal as the workspace file kept it before `LocalDealRow` (migrations v3 and v4): one column a field, the id as
/// its 16 bytes, dates as whole milliseconds since 1970, tags and custom fields as JSON only when there are some.
/// Kept to convert files of that form; released migrations write and read it, so it does not change.
enum LocalDealRowV4 {
    static let columns = """
        id, pipeline_id, stage_id, rank, name, value_micros, currency, status, provider_status, contact_name, \
        company_name, email, phone, owner, close_date, source, probability, tags, custom_fields, created_at, \
        updated_at, stage_changed_at, status_changed_at, raw
        """

    /// Every write takes the next change number (`seq`), so an incremental pull sees it.
    static let saveSQL = """
        INSERT OR REPLACE INTO local_deal (\(columns))
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// The values of `saveSQL`; `date` writes a date (milliseconds since 1970 unless a migration says otherwise).
    static func arguments(
        for deal: Opportunity, date: (Date) -> any DatabaseValueConvertible = { $0.millisecondsSince1970 }
    ) throws -> StatementArguments {
        let values: [(any DatabaseValueConvertible)?] = [
            LocalDealRow.key(deal.id), deal.pipelineID, deal.stageID, deal.rank, deal.name, deal.value?.micros,
            deal.value?.currency, deal.status.rawValue, deal.providerStatus, deal.contactName, deal.companyName,
            deal.email, deal.phone, deal.owner, deal.closeDate, deal.source, deal.probability,
            deal.tags.isEmpty ? nil : try json(deal.tags),
            deal.customFields.isEmpty ? nil : try json(deal.customFields),
            date(deal.createdAt), date(deal.updatedAt), date(deal.stageChangedAt), deal.statusChangedAt.map(date),
            deal.raw,
        ]
        return StatementArguments(values)
    }

    /// Reads a row selected with `columns` first, in their order.
    static func decode(_ row: Row) throws -> Opportunity {
        guard let bytes = row[0] as Data?, bytes.count == 16 else {
            throw ProviderError.invalidResponse("a deal in the local workspace has no valid id")
        }
        let id = bytes.withUnsafeBytes { UUID(uuid: $0.loadUnaligned(as: uuid_t.self)) }
        guard let status = OpportunityStatus(rawValue: row[7]) else {
            throw ProviderError.invalidResponse("deal \(id) in the local workspace has an unknown status")
        }
        let micros: Int64? = row[5]
        let tags: String? = row[17]
        let custom: String? = row[18]
        return Opportunity(
            id: id, account: "", remoteID: id.uuidString.lowercased(), pipelineID: row[1], stageID: row[2],
            rank: row[3], name: row[4], value: micros.map { Money(micros: $0, currency: row[6] ?? "") },
            status: status, providerStatus: row[8], contactName: row[9], companyName: row[10], email: row[11],
            phone: row[12], owner: row[13], closeDate: row[14], source: row[15], probability: row[16],
            tags: try tags.map { try decoder.decode([String].self, from: Data($0.utf8)) } ?? [],
            customFields: try custom.map { try decoder.decode([String: String].self, from: Data($0.utf8)) } ?? [:],
            createdAt: date(row[19]), updatedAt: date(row[20]), stageChangedAt: date(row[21]),
            statusChangedAt: (row[22] as Int64?).map(Date.init(millisecondsSince1970:)), raw: row[23])
    }

    private static func date(_ milliseconds: Int64) -> Date { Date(millisecondsSince1970: milliseconds) }

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
