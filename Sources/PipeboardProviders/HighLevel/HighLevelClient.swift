import AsyncHTTPClient
import Foundation
import Logging
import PipeboardCore

/// HighLevel (LeadConnector API v2, Version 2021-07-28) for one location.
public struct HighLevelClient: OpportunityProvider {
    package static let defaultBaseURL = "https://services.leadconnectorhq.com"
    package static let apiVersion = "2021-07-28"
    /// The documented maximum page size of GET /opportunities/search.
    static let pageSize = 100

    public let displayName = "HighLevel"
    /// Order within a stage is not part of the API; lost reasons are the location's own list. Notes and tasks
    /// are the deal's contact's (HighLevelActivities.swift).
    public let capabilities = Capabilities.all.subtracting(.reorder).union([.lostReasonList, .notes, .tasks])
    let transport: HTTPTransport
    let locationID: String
    /// Monetary values are major units of the location's currency, which the API does not report.
    let currency: String

    public init(
        baseURL: String?, token: String, locationID: String, currency: String, http: HTTPClient,
        pacer: Pacer = .highLevel(), retry: RetryPolicy = RetryPolicy(),
        logger: Logger = Logger(label: "pipeboard.highlevel")
    ) {
        transport = HTTPTransport(
            http: http, baseURL: baseURL ?? Self.defaultBaseURL,
            headers: [
                ("Authorization", "Bearer \(token)"), ("Version", Self.apiVersion), ("Accept", "application/json"),
            ],
            secrets: [token], pacer: pacer, retry: retry, logger: logger, rateLimitHint: Self.rateLimitHint)
        self.locationID = locationID
        self.currency = currency
    }

    /// When the burst window is used up, wait for the window (X-RateLimit-Interval-Milliseconds).
    static func rateLimitHint(_ header: (String) -> String?) -> Duration? {
        guard header("X-RateLimit-Remaining").flatMap(Int.init) == 0 else { return nil }
        let millis = header("X-RateLimit-Interval-Milliseconds").flatMap(Int64.init) ?? 10_000
        return .milliseconds(millis)
    }

    public func formFields(for pipeline: Pipeline) -> [FieldSpec] {
        // No close date, probability or tags on a v2 opportunity; the currency is the location's.
        let kept: Set<String> = ["name", "value", "contact", "company", "stage", "status", "email", "phone", "owner"]
        return FieldSpec.standard.filter { kept.contains($0.id) }.map { spec in
            var spec = spec
            spec.help = Self.formHelp[spec.id] ?? spec.help
            return spec
        }
    }

    /// Where a field means something of HighLevel's own, the form says so.
    static let formHelp = [
        "value": "a non-negative amount, in the location's currency (HighLevel keeps one per location)",
        "contact": "a HighLevel contact: found by email, phone or name, else made; empty: named after the deal",
        "company": "the contact's company, set when HighLevel makes the contact",
        "email": "the contact's: HighLevel finds the contact by it, else makes one with it",
        "phone": "the contact's: HighLevel finds the contact by it, else makes one with it",
        "owner": "a HighLevel user id (the opportunity's assignedTo)",
    ]

    public func fetchPipelines() async throws -> [Pipeline] {
        let data = try await transport.send(
            .GET, "/opportunities/pipelines", query: [URLQueryItem(name: "locationId", value: locationID)])
        let response = try ProviderJSON.decode(HLPipelinesResponse.self, from: data, what: "HighLevel pipelines")
        return response.pipelines.map { pipeline in
            Pipeline(
                id: pipeline.id, name: pipeline.name,
                stages: pipeline.stages.enumerated().map { index, stage in
                    Stage(id: stage.id, name: stage.name, position: stage.position ?? index)
                })
        }
    }

    /// The cursor is `startAfter:startAfterId` from the previous page's meta.
    public func pull(pipelineID: String, after cursor: String?) async throws -> PullPage {
        var query = [
            URLQueryItem(name: "location_id", value: locationID),
            URLQueryItem(name: "pipeline_id", value: pipelineID),
            URLQueryItem(name: "limit", value: String(Self.pageSize)),
        ]
        if let cursor {
            let parts = cursor.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ProviderError.invalidResponse("HighLevel: bad paging cursor") }
            query += [
                URLQueryItem(name: "startAfter", value: parts[0]), URLQueryItem(name: "startAfterId", value: parts[1]),
            ]
        }
        let data = try await transport.send(.GET, "/opportunities/search", query: query)
        let response = try HLSearchResponse.read(data, what: "HighLevel opportunities")
        var next: String?
        if let meta = response.meta, meta.nextPage != nil, let id = meta.startAfterId, let after = meta.startAfter,
            !response.opportunities.isEmpty
        {
            next = "\(after.value):\(id)"
        }
        return PullPage(opportunities: response.opportunities.map(remote), next: next, total: response.meta?.total)
    }

    /// Finds or creates the contact the API requires, then creates the opportunity, unless an earlier try whose
    /// answer was lost already did (`earlierTry`): HighLevel has no idempotency key.
    public func create(_ opportunity: Opportunity) async throws -> RemoteOpportunity {
        try await create(opportunity, heldByOtherCards: { _ in false })
    }

    public func create(_ opportunity: Opportunity, heldByOtherCards: @Sendable (String) -> Bool) async throws
        -> RemoteOpportunity
    {
        let contactID = try await contact(for: opportunity)
        if let earlier = try await earlierTry(of: opportunity, contactID: contactID, heldByOtherCards) {
            return earlier
        }
        let body = HLOpportunityBody(
            pipelineId: opportunity.pipelineID, locationId: locationID, name: opportunity.name,
            pipelineStageId: opportunity.stageID, status: opportunity.status.rawValue, contactId: contactID,
            monetaryValue: opportunity.value?.majorUnits ?? 0, assignedTo: opportunity.owner?.nilIfBlank)
        do {
            let data = try await transport.send(.POST, "/opportunities/", json: try ProviderJSON.encode(body))
            let created = try HLOpportunityResponse.read(data, what: "HighLevel create")
            return withContact(remote(created.opportunity), from: opportunity)
        } catch let error as ProviderError where error.isRetryable {
            // The write may have been applied with its answer lost: look before the outbox tries again.
            if let applied = try? await earlierTry(of: opportunity, contactID: contactID, heldByOtherCards) {
                return applied
            }
            throw error
        }
    }

    /// Fields go by PUT /opportunities/{id}; status by its own endpoint. Contact details live on the contact
    /// and are not changed from here.
    public func update(remoteID: String, patch: OpportunityPatch, current: Opportunity) async throws
        -> RemoteOpportunity?
    {
        var body = HLOpportunityBody()
        body.name = patch.name
        if let stageID = patch.stageID {
            body.pipelineStageId = stageID
            body.pipelineId = current.pipelineID
        }
        if let value = patch.value {
            body.monetaryValue = value.majorUnits
        } else if patch.clearValue {
            body.monetaryValue = 0
        }
        body.assignedTo = patch.owner
        var updated: RemoteOpportunity?
        let path = "/opportunities/\(HTTPTransport.segment(remoteID))"
        if body.name != nil || body.pipelineStageId != nil || body.monetaryValue != nil || body.assignedTo != nil {
            let data = try await transport.send(.PUT, path, json: try ProviderJSON.encode(body))
            let response = try HLOpportunityResponse.read(data, what: "HighLevel update")
            updated = withContact(remote(response.opportunity), from: current)
        }
        if let status = patch.status {
            // A deal marked lost names the reason chosen from the location's list (`lostReasons()`).
            let reason = status == .lost ? patch.customFields?[Self.lostReasonIDField]?.nilIfBlank : nil
            let body = HLStatusBody(status: status.rawValue, lostReasonId: reason)
            _ = try await transport.send(.PUT, path + "/status", json: try ProviderJSON.encode(body))
            updated?.status = status
            updated?.providerStatus = status.rawValue
        }
        return updated
    }

    /// GET /opportunities/{id}; nil when HighLevel no longer has it. (Search has no "updated since" filter,
    /// so pulls stay full.)
    public func fetch(remoteID: String) async throws -> RemoteOpportunity? {
        do {
            let data = try await transport.send(.GET, "/opportunities/\(HTTPTransport.segment(remoteID))")
            return remote(try HLOpportunityResponse.read(data, what: "HighLevel opportunity").opportunity)
        } catch ProviderError.notFound {
            return nil
        }
    }

    /// GET /opportunities/lost-reason, a page of `lostReasonPage` at a time (`skip` / `limit`).
    public func lostReasons() async throws -> [LostReason] {
        var reasons: [LostReason] = []
        while reasons.count < 10 * Self.lostReasonPage {
            let data = try await transport.send(
                .GET, "/opportunities/lost-reason",
                query: [
                    URLQueryItem(name: "locationId", value: locationID),
                    URLQueryItem(name: "skip", value: String(reasons.count)),
                    URLQueryItem(name: "limit", value: String(Self.lostReasonPage)),
                ])
            let page = try ProviderJSON.decode(HLLostReasonsResponse.self, from: data, what: "HighLevel lost reasons")
                .lostReasons
            reasons += page.compactMap { reason in
                reason.id.nilIfBlank.map { LostReason(id: $0, name: reason.name ?? $0) }
            }
            if page.count < Self.lostReasonPage { break }
        }
        return reasons
    }

    /// The documented default (and the page asked for) of GET /opportunities/lost-reason.
    static let lostReasonPage = 100
    /// Where a card keeps HighLevel's `lostReasonId` (the service's `lost_reason_id`).
    static let lostReasonIDField = "lost_reason_id"

    public func delete(remoteID: String) async throws {
        _ = try await transport.send(.DELETE, "/opportunities/\(HTTPTransport.segment(remoteID))")
    }

    /// Opportunities whose name, contact or company matches `text` (the API's `q`), first page.
    package func search(_ text: String, pipelineID: String) async throws -> [RemoteOpportunity] {
        let data = try await transport.send(
            .GET, "/opportunities/search",
            query: [
                URLQueryItem(name: "location_id", value: locationID),
                URLQueryItem(name: "pipeline_id", value: pipelineID),
                URLQueryItem(name: "q", value: text), URLQueryItem(name: "limit", value: String(Self.pageSize)),
            ])
        return try HLSearchResponse.read(data, what: "HighLevel search").opportunities.map(remote)
    }

    // MARK: Contacts

    /// The contact to attach: the one HighLevel's duplicate lookup finds by email, then phone (the location's
    /// own matching rules), else one of the same name found by `POST /contacts/search`; else one made by upsert
    /// (which HighLevel matches on email / phone, so a retry does not make a second one).
    func contact(for opportunity: Opportunity) async throws -> String {
        let email = opportunity.email?.nilIfBlank, phone = opportunity.phone?.nilIfBlank
        let name = opportunity.contactName?.nilIfBlank
        if email != nil || phone != nil {
            var query = [URLQueryItem(name: "locationId", value: locationID)]
            if let email { query.append(URLQueryItem(name: "email", value: email)) }
            if let phone { query.append(URLQueryItem(name: "number", value: phone)) }
            let data = try await transport.send(.GET, "/contacts/search/duplicate", query: query)
            let found = try ProviderJSON.decode(
                HLDuplicateContactResponse.self, from: data,
                what: "HighLevel duplicate contact")
            if let id = found.contact?.id { return id }
        }
        // With no contact details the contact is named after the opportunity (below), so a retry looks for that
        // name too: finding the first try's contact is what lets `create` find the first try's opportunity.
        let wanted = name ?? opportunity.name
        if wanted.nilIfBlank != nil {
            let body = HLContactSearchBody(
                locationId: locationID, pageLimit: Self.contactPage,
                query: String(wanted.prefix(HLContactSearchBody.longestQuery)))
            let data = try await transport.send(
                .POST, "/contacts/search", json: try ProviderJSON.encode(body),
                idempotent: true)
            let found = try ProviderJSON.decode(HLContactSearchResponse.self, from: data, what: "HighLevel contacts")
            let same = found.contacts.first { $0.fullName?.caseInsensitiveCompare(wanted) == .orderedSame }
            if let id = same?.id { return id }
        }
        let body = HLUpsertContactBody(
            locationId: locationID, name: wanted, email: email, phone: phone,
            companyName: opportunity.companyName?.nilIfBlank)
        let data = try await transport.send(
            .POST, "/contacts/upsert", json: try ProviderJSON.encode(body), idempotent: email != nil || phone != nil)
        guard
            let id = try ProviderJSON.decode(HLUpsertContactResponse.self, from: data, what: "HighLevel contact upsert")
                .contact.id
        else {
            throw ProviderError.invalidResponse("HighLevel contact upsert: missing contact.id")
        }
        return id
    }

    /// Contacts read per name search: same-named contacts are few, and the first exact match is taken.
    static let contactPage = 20

    /// An earlier try of this create: an opportunity of the same name, contact and pipeline, made no earlier than
    /// the card (less `clockSkew`) and not already another card's. Anything older, or held, is a real deal that
    /// happens to share the name (two "Renewal" deals of one client) and is left alone.
    private func earlierTry(
        of opportunity: Opportunity, contactID: String,
        _ heldByOtherCards: @Sendable (String) -> Bool
    ) async throws -> RemoteOpportunity? {
        let data = try await transport.send(
            .GET, "/opportunities/search",
            query: [
                URLQueryItem(name: "location_id", value: locationID),
                URLQueryItem(name: "pipeline_id", value: opportunity.pipelineID),
                URLQueryItem(name: "contact_id", value: contactID),
                URLQueryItem(name: "limit", value: String(Self.pageSize)),
            ])
        let since = opportunity.createdAt.addingTimeInterval(-Self.clockSkew)
        let found = try HLSearchResponse.read(data, what: "HighLevel search").opportunities
        return found.first { record in
            record.name == opportunity.name && !heldByOtherCards(record.id)
                && (ProviderDate.parse(record.createdAt).map { $0 >= since } ?? false)
        }.map(remote)
    }

    /// How much earlier than the card an earlier try may seem made: the card's time is this machine's clock, the
    /// record's is HighLevel's. Two minutes covers a clock that has drifted; a same-named deal made within them is
    /// almost always already on the board, and so held by its own card.
    static let clockSkew: TimeInterval = 120

    // MARK: Mapping

    func remote(_ record: HLOpportunity) -> RemoteOpportunity {
        let status = record.status.flatMap(OpportunityStatus.init(rawValue:)) ?? .open
        let updated = ProviderDate.parse(record.updatedAt)
        let created = ProviderDate.parse(record.createdAt) ?? updated ?? Date()
        return RemoteOpportunity(
            remoteID: record.id, pipelineID: record.pipelineId, stageID: record.pipelineStageId,
            name: record.name ?? "",
            value: record.monetaryValue.flatMap { Money(major: $0, currency: currency) }, status: status,
            providerStatus: record.status, contactName: record.contact?.name, companyName: record.contact?.companyName,
            email: record.contact?.email, phone: record.contact?.phone, owner: record.assignedTo, source: record.source,
            tags: record.contact?.tags ?? [],
            customFields: record.lostReasonId?.nilIfBlank.map { [Self.lostReasonIDField: $0] } ?? [:],
            createdAt: created, updatedAt: updated ?? created,
            stageChangedAt: ProviderDate.parse(record.lastStageChangeAt),
            statusChangedAt: ProviderDate.parse(record.lastStatusChangeAt), raw: record.raw)
    }

    /// Write answers may leave out the embedded contact; keep what the board already knows.
    private func withContact(_ record: RemoteOpportunity, from local: Opportunity) -> RemoteOpportunity {
        var merged = record
        merged.contactName = record.contactName ?? local.contactName
        merged.companyName = record.companyName ?? local.companyName
        merged.email = record.email ?? local.email
        merged.phone = record.phone ?? local.phone
        return merged
    }
}
