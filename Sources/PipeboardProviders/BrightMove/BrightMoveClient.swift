import AsyncHTTPClient
import Foundation
import Logging
import PipeboardCore

/// BrightMove ATS's public API (Beta) for one company and user. There is one pipeline; stages, types and lead
/// sources are referred to by their exact names. The stage list endpoint is not published, so stages come from
/// the account's config (in order) and then from the stage names seen on the opportunities themselves.
package struct BrightMoveClient: OpportunityProvider, WarnsBeforeDelete, LooksUpValues {
    package static let defaultBaseURL = "https://app.brightmove.com/ATS/api/v1"
    package static let pipelineID = "opportunities"
    /// The largest `size` the API takes (documented for the clients endpoint).
    static let pageSize = 100
    /// Custom-field keys of the card for the fields only BrightMove has.
    package static let clientField = "client"
    package static let typeField = "type"
    /// How far a record's creation may precede the local card's and still be taken for its earlier try.
    static let clockSlack: TimeInterval = 300

    package let displayName = "BrightMove"
    /// No won / lost (a stage's probability stands for it), no order within a stage.
    package let capabilities: Capabilities = [.create, .update, .move, .delete, .search]
    package let deleteWarning =
        "Permanent in BrightMove: its contacts, attachments and line items go too; undo makes a new copy"
    let transport: HTTPTransport
    let stages: [String]
    let types: [String]
    let leadSources: [String]
    let pipelineName: String

    /// `baseURL` is the API root including `/ATS/api/v1`.
    package init(
        baseURL: String?, companyKey: String, userKey: String, stages: [String], types: [String] = [],
        leadSources: [String] = [], pipelineName: String? = nil, http: HTTPClient, pacer: Pacer = .undocumented(),
        retry: RetryPolicy = RetryPolicy(), logger: Logger = Logger(label: "pipeboard.brightmove")
    ) {
        transport = HTTPTransport(
            http: http, baseURL: baseURL ?? Self.defaultBaseURL,
            headers: [
                ("X-Brightmove-Company-ApiKey", companyKey), ("X-Brightmove-User-ApiKey", userKey),
                ("Accept", "application/json"),
            ],
            secrets: [companyKey, userKey], pacer: pacer, retry: retry, logger: logger)
        self.stages = stages
        self.types = types
        self.leadSources = leadSources
        self.pipelineName = pipelineName?.nilIfBlank ?? "Opportunities"
    }

    package func formFields(for pipeline: Pipeline) -> [FieldSpec] {
        [
            FieldSpec(id: "name", label: "Name", required: true, inQuickAdd: true),
            FieldSpec(
                id: Self.clientField, label: "Client", kind: .lookup, required: true, inQuickAdd: true,
                help: "type part of the client's name to see BrightMove's matches, or give its GUID"),
            FieldSpec(
                id: Self.typeField, label: "Type", kind: types.isEmpty ? .text : .choice(types), required: true,
                inQuickAdd: true,
                help: types.isEmpty ? "the opportunity type's exact name" : types.joined(separator: ", ")),
            FieldSpec(id: "stage", label: "Stage", kind: .stage, required: true, inQuickAdd: true),
            FieldSpec(
                id: "value", label: "Value (USD)", kind: .money, inQuickAdd: true,
                help: "a non-negative amount in US dollars"),
            FieldSpec(
                id: "source", label: "Lead source", kind: leadSources.isEmpty ? .text : .choice(leadSources),
                help: leadSources.isEmpty ? "the lead source's exact name" : leadSources.joined(separator: ", ")),
            FieldSpec(
                id: "probability", label: "Close probability", kind: .percent, help: "0 to 100; empty takes the stage's"
            ),
        ]
    }

    /// The configured stages in order, then any other stage name found on the opportunities, in the order seen.
    package func fetchPipelines() async throws -> [Pipeline] {
        var names = stages
        var cursor: String?
        repeat {
            let (records, next) = try await page(after: cursor)
            for name in records.compactMap({ $0.stageName?.nilIfBlank }) where !names.contains(name) {
                names.append(name)
            }
            cursor = next
        } while cursor != nil
        return [
            Pipeline(
                id: Self.pipelineID, name: pipelineName,
                stages: names.enumerated().map { Stage(id: $1, name: $1, position: $0) })
        ]
    }

    package func pull(pipelineID: String, after cursor: String?) async throws -> PullPage {
        let (records, next) = try await page(after: cursor)
        return PullPage(opportunities: records.map(remote), next: next)
    }

    /// No changed-since filter is published: the pages are read whole and only records changed at or after the
    /// watermark are kept.
    package func pull(pipelineID: String, changedSince: Date?, after cursor: String?) async throws -> PullPage {
        var page = try await pull(pipelineID: pipelineID, after: cursor)
        if let changedSince {
            page.opportunities.removeAll { $0.updatedAt < changedSince }
            page.changedOnly = true
        }
        return page
    }

    /// One page of `GET /opportunities`; the cursor is the next page number (from 0).
    /// One page of opportunities: the pipeline itself would read every page.
    package func checkAccess() async throws { _ = try await page(after: nil) }

    private func page(after cursor: String?, query extra: [URLQueryItem] = []) async throws -> (
        [BMOpportunity], String?
    ) {
        let number =
            try cursor.map { text -> Int in
                guard let number = Int(text), number >= 0 else {
                    throw ProviderError.invalidResponse("BrightMove: bad paging cursor")
                }
                return number
            } ?? 0
        let data = try await transport.send(
            .GET, "/opportunities",
            query: [
                URLQueryItem(name: "page", value: String(number)),
                URLQueryItem(name: "size", value: String(Self.pageSize)),
            ] + extra)
        let page = try ProviderJSON.decode(BMPage<BMOpportunity>.self, from: data, what: "BrightMove opportunities")
        let done = page.last ?? (page.items.count < Self.pageSize)
        return (page.items, done || page.items.isEmpty ? nil : String(number + 1))
    }

    package func fetch(remoteID: String) async throws -> RemoteOpportunity? {
        do {
            let data = try await transport.send(.GET, "/opportunities/\(HTTPTransport.segment(remoteID))")
            return remote(try ProviderJSON.decode(BMOpportunity.self, from: data, what: "BrightMove opportunity"))
        } catch ProviderError.notFound {
            return nil
        }
    }

    /// BrightMove has no idempotency key: an opportunity of the same name and client, created since this card
    /// was and held by no other card, is taken to be an earlier try whose answer was lost.
    package func create(_ opportunity: Opportunity) async throws -> RemoteOpportunity {
        try await create(opportunity, heldByOtherCards: { _ in false })
    }

    package func create(_ opportunity: Opportunity, heldByOtherCards: @Sendable (String) -> Bool) async throws
        -> RemoteOpportunity
    {
        let clientGuid = try await clientGUID(
            for: opportunity.customFields[Self.clientField] ?? opportunity.companyName)
        if let earlier = try await earlierTry(of: opportunity, clientGuid: clientGuid, heldByOtherCards) {
            return earlier
        }
        guard let typeName = opportunity.customFields[Self.typeField]?.nilIfBlank ?? types.first else {
            throw ProviderError.rejected(status: 400, message: "BrightMove needs an opportunity type (type=...)")
        }
        var body = BMOpportunityBody(
            name: opportunity.name, clientGuid: clientGuid, stageName: opportunity.stageID, typeName: typeName)
        body.opportunityValue = opportunity.value?.majorUnits
        body.closeProbability = opportunity.probability.map { ($0 * 100).rounded() }
        body.leadSourceName = opportunity.source?.nilIfBlank
        let answer: BMMaybeOpportunity
        do {
            let data = try await transport.send(.POST, "/opportunities", json: try ProviderJSON.encode(body))
            answer = try ProviderJSON.decode(BMMaybeOpportunity.self, from: data, what: "BrightMove create")
        } catch let error as ProviderError where error.isRetryable {
            // The write may have been applied with its answer lost: look before the outbox tries again.
            if let applied = try? await earlierTry(of: opportunity, clientGuid: clientGuid, heldByOtherCards) {
                return applied
            }
            throw error
        }
        if let record = answer.record { return remote(record) }
        // The documented answer is `{}`: find what was made.
        let made: RemoteOpportunity?
        do {
            made = try await earlierTry(of: opportunity, clientGuid: clientGuid, heldByOtherCards)
        } catch let error as ProviderError {
            // The opportunity is made: a refused or unreachable lookup must not pass for a create that never went
            // out (the outbox would let it be withdrawn and leave the record behind). The next try finds it.
            throw ProviderError.transient("BrightMove made the opportunity, then finding it failed: \(error)")
        }
        guard let made else { throw Self.notFoundYet }
        return made
    }

    /// Made (201), its id not said, and not in BrightMove's search yet.
    static let notFoundYet = ProviderError.createdNotFound(
        "BrightMove answered without the new opportunity's id, and its search does not list it yet")

    /// The opportunity a create answered with `{}` made, looked up as an earlier try is; nil while BrightMove's
    /// search does not list it.
    package func findCreated(_ opportunity: Opportunity, heldByOtherCards: @Sendable (String) -> Bool) async throws
        -> RemoteOpportunity?
    {
        let clientGuid = try await clientGUID(
            for: opportunity.customFields[Self.clientField] ?? opportunity.companyName)
        return try await earlierTry(of: opportunity, clientGuid: clientGuid, heldByOtherCards)
    }

    /// `PUT /opportunities/{guid}` is a partial update: only the changed fields are sent.
    package func update(remoteID: String, patch: OpportunityPatch, current: Opportunity) async throws
        -> RemoteOpportunity?
    {
        if patch.status != nil, patch.status != .open {
            throw ProviderError.unsupported(provider: displayName, operation: .setStatus)
        }
        var body = BMOpportunityBody()
        body.name = patch.name
        body.stageName = patch.stageID
        if let value = patch.value {
            body.opportunityValue = value.majorUnits
        } else if patch.clearValue {
            body.opportunityValue = 0
        }
        if let probability = patch.probability { body.closeProbability = (probability * 100).rounded() }
        body.leadSourceName = patch.source?.nilIfBlank
        if let custom = patch.customFields {
            if let type = custom[Self.typeField]?.nilIfBlank { body.typeName = type }
            if let client = custom[Self.clientField]?.nilIfBlank { body.clientGuid = try await clientGUID(for: client) }
        }
        guard !body.isEmpty else { return nil }
        let data = try await transport.send(
            .PUT, "/opportunities/\(HTTPTransport.segment(remoteID))", json: try ProviderJSON.encode(body))
        return try ProviderJSON.decode(BMMaybeOpportunity.self, from: data, what: "BrightMove update").record.map(
            remote)
    }

    /// Permanent: BrightMove keeps nothing of a deleted opportunity.
    package func delete(remoteID: String) async throws {
        _ = try await transport.send(.DELETE, "/opportunities/\(HTTPTransport.segment(remoteID))")
    }

    // MARK: Clients

    /// Clients whose name contains `text` (`GET /clients?q=`), for the form's client picker.
    package func clients(matching text: String) async throws -> [(guid: String, name: String)] {
        let data = try await transport.send(
            .GET, "/clients",
            query: [
                URLQueryItem(name: "q", value: text), URLQueryItem(name: "size", value: String(Self.pageSize)),
            ])
        return try ProviderJSON.decode(BMPage<BMClient>.self, from: data, what: "BrightMove clients").items
            .map { ($0.guid, $0.name ?? $0.guid) }
    }

    /// The form's client picker: the names of the clients matching what was typed.
    package func lookUp(field: String, matching text: String) async throws -> [String] {
        guard field == Self.clientField, let text = text.trimmingCharacters(in: .whitespaces).nilIfBlank else {
            return []
        }
        var names: [String] = []
        for client in try await clients(matching: text) where !names.contains(client.name) { names.append(client.name) }
        return names
    }

    /// A client named by its GUID, its exact name, or the one client whose name contains the text.
    func clientGUID(for text: String?) async throws -> String {
        guard let text = text?.trimmingCharacters(in: .whitespaces).nilIfBlank else {
            throw ProviderError.rejected(status: 400, message: "BrightMove needs a client (client=NAME or GUID)")
        }
        if UUID(uuidString: text) != nil { return text }
        let found = try await clients(matching: text)
        if let exact = found.first(where: { $0.name == text })
            ?? found.first(where: { $0.name.lowercased() == text.lowercased() })
        {
            return exact.guid
        }
        switch found.count {
        case 0: throw ProviderError.rejected(status: 400, message: "no BrightMove client matches '\(text)'")
        case 1: return found[0].guid
        default:
            let names = found.prefix(5).map(\.name).joined(separator: ", ")
            throw ProviderError.rejected(
                status: 400, message: "\(found.count) BrightMove clients match '\(text)' (\(names)); name one exactly")
        }
    }

    private func earlierTry(
        of opportunity: Opportunity, clientGuid: String,
        _ heldByOtherCards: @Sendable (String) -> Bool
    ) async throws -> RemoteOpportunity? {
        let (records, _) = try await page(after: nil, query: [URLQueryItem(name: "q", value: opportunity.name)])
        let since = opportunity.createdAt.addingTimeInterval(-Self.clockSlack)
        return records.first { record in
            record.name == opportunity.name && record.clientGuid == clientGuid && !heldByOtherCards(record.guid)
                && (EpochMillis.date(record.createdDate).map { $0 >= since } ?? false)
        }.map(remote)
    }

    // MARK: Mapping

    func remote(_ record: BMOpportunity) -> RemoteOpportunity {
        let updated = EpochMillis.date(record.lastModifiedDate)
        let created = EpochMillis.date(record.createdDate) ?? updated ?? Date()
        var custom: [String: String] = [:]
        if let client = record.clientName?.nilIfBlank ?? record.clientGuid { custom[Self.clientField] = client }
        if let type = record.typeName?.nilIfBlank { custom[Self.typeField] = type }
        if let description = record.description?.nilIfBlank { custom["description"] = description }
        return RemoteOpportunity(
            remoteID: record.guid, pipelineID: Self.pipelineID, stageID: record.stageName ?? "",
            name: record.name ?? "",
            value: record.opportunityValue.flatMap { Money(major: $0, currency: "USD") },
            companyName: record.clientName,
            source: record.leadSourceName, probability: record.closeProbability.map { $0 / 100 }, customFields: custom,
            createdAt: created, updatedAt: updated ?? created, raw: record.raw)
    }
}
