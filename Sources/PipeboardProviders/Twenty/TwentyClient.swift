import AsyncHTTPClient
import Foundation
import Logging
import PipeboardCore

/// Twenty CRM's REST API for one workspace. Stages come from the metadata API; there is one pipeline, the
/// `stage` select field of the opportunity object.
public struct TwentyClient: OpportunityProvider {
    package static let defaultBaseURL = "https://api.twenty.com"
    package static let pipelineID = "opportunity-stage"
    /// The largest page current servers give (`limit` up to 200).
    static let pageSize = 200
    /// The largest page older servers give; used once a server has refused or cut a larger one.
    static let oldServerPageSize = 60
    /// The fields the board reads, asked for by name: without `fields`, an object with many custom fields gets
    /// a default subset that may leave out amount, stage or close date.
    static let fields = "id,name,amount,stage,closeDate,createdAt,updatedAt"
    /// Where `memory` keeps the page size the server takes.
    package static let pageSizeKey = "page_size"

    public let displayName = "Twenty"
    /// Twenty has no won / lost status, and in-column order (`position`) is not kept by the board. A delete is
    /// soft, so a deleted record can be restored. Notes and tasks are linked through their targets
    /// (TwentyActivities.swift).
    public let capabilities: Capabilities = [
        .create, .update, .move, .delete, .restore, .stageDiscovery, .search, .notes, .tasks,
    ]
    public let memory: ProviderMemory? = ProviderMemory()
    let transport: HTTPTransport
    let defaultCurrency: String

    /// `baseURL` is the host; the client adds `/rest/...`.
    public init(
        baseURL: String?, token: String, defaultCurrency: String, http: HTTPClient,
        pacer: Pacer = .twenty(), retry: RetryPolicy = RetryPolicy(),
        logger: Logger = Logger(label: "pipeboard.twenty")
    ) {
        transport = HTTPTransport(
            http: http, baseURL: baseURL ?? Self.defaultBaseURL,
            headers: [("Authorization", "Bearer \(token)"), ("Accept", "application/json")],
            secrets: [token], pacer: pacer, retry: retry, logger: logger)
        self.defaultCurrency = defaultCurrency
    }

    public func formFields(for pipeline: Pipeline) -> [FieldSpec] {
        let kept: Set<String> = ["name", "value", "currency", "stage", "close_date"]
        return FieldSpec.standard.filter { kept.contains($0.id) }
    }

    public func fetchPipelines() async throws -> [Pipeline] {
        let data = try await transport.send(.GET, "/rest/metadata/objects")
        let objects = try ProviderJSON.decode(TwentyObjectsResponse.self, from: data, what: "Twenty metadata").data
            .objects
        // The same answer names the note and task targets' link fields: learned here, no request of their own.
        rememberLinkFields(from: objects)
        guard
            let options = objects.first(where: { $0.nameSingular == "opportunity" })?
                .fields?.first(where: { $0.name == "stage" })?.options
        else {
            throw ProviderError.invalidResponse("Twenty metadata: no stage field on the opportunity object")
        }
        let stages = options.enumerated().map { index, option in
            Stage(id: option.value, name: option.label, position: option.position ?? index)
        }
        return [Pipeline(id: Self.pipelineID, name: "Opportunities", stages: stages)]
    }

    public func pull(pipelineID: String, after cursor: String?) async throws -> PullPage {
        var query: [URLQueryItem] = []
        if let cursor { query.append(URLQueryItem(name: "starting_after", value: cursor)) }
        return try await list(query)
    }

    /// Records whose `updatedAt` is at or after the watermark (Twenty's `filter`), paged like a full pull.
    public func pull(pipelineID: String, changedSince: Date?, after cursor: String?) async throws -> PullPage {
        guard let changedSince else { return try await pull(pipelineID: pipelineID, after: cursor) }
        var query = [URLQueryItem(name: "filter", value: "updatedAt[gte]:\"\(ProviderDate.format(changedSince))\"")]
        if let cursor { query.append(URLQueryItem(name: "starting_after", value: cursor)) }
        var page = try await list(query)
        page.changedOnly = true
        return page
    }

    /// The record as Twenty has it now; nil when it is gone (deleted records answer 404).
    public func fetch(remoteID: String) async throws -> RemoteOpportunity? {
        do {
            let data = try await transport.send(
                .GET, "/rest/opportunities/\(HTTPTransport.segment(remoteID))",
                query: Self.selection)
            return remote(
                try ProviderJSON.decode(TwentyGetResponse.self, from: data, what: "Twenty opportunity").data.opportunity
            )
        } catch ProviderError.notFound {
            return nil
        }
    }

    /// Opportunities whose name contains `text`, case-insensitively (first page).
    package func search(name text: String) async throws -> [RemoteOpportunity] {
        let pattern = text.replacingOccurrences(of: "\"", with: "")
        return try await list([URLQueryItem(name: "filter", value: "name[ilike]:\"%\(pattern)%\"")]).opportunities
    }

    /// The card's fields by name, without related records.
    static let selection = [URLQueryItem(name: "depth", value: "0"), URLQueryItem(name: "fields", value: fields)]

    /// The page size this server takes: 200 until it has refused or cut one, then 60 (remembered per account).
    var pageSize: Int {
        memory?[Self.pageSizeKey].flatMap(Int.init).map { min(max($0, 1), Self.pageSize) } ?? Self.pageSize
    }

    /// One page at the largest size the server takes. A server too old for 200 either refuses it (400 about
    /// `limit`: asked again at 60) or cuts it (fewer records than asked, with more to come); either way 60 is
    /// remembered for the next pages and runs.
    private func list(_ query: [URLQueryItem]) async throws -> PullPage {
        let size = pageSize
        do {
            let page = try await list(query, limit: size)
            if size > Self.oldServerPageSize, page.next != nil, page.opportunities.count == Self.oldServerPageSize {
                memory?.remember(Self.pageSizeKey, String(Self.oldServerPageSize))
            }
            return page
        } catch ProviderError.rejected(400, let message)
            where size > Self.oldServerPageSize && message.lowercased().contains("limit")
        {
            memory?.remember(Self.pageSizeKey, String(Self.oldServerPageSize))
            return try await list(query, limit: Self.oldServerPageSize)
        }
    }

    private func list(_ query: [URLQueryItem], limit: Int) async throws -> PullPage {
        let query = [URLQueryItem(name: "limit", value: String(limit))] + Self.selection + query
        let data = try await transport.send(.GET, "/rest/opportunities", query: query)
        let response = try ProviderJSON.decode(TwentyListResponse.self, from: data, what: "Twenty opportunities")
        let next = response.pageInfo?.hasNextPage == true ? response.pageInfo?.endCursor : nil
        return PullPage(opportunities: response.data.opportunities.map(remote), next: next, total: response.totalCount)
    }

    /// The record's id is the board's local id and the call is an upsert, so a retry after a lost answer
    /// updates the record the first try made instead of making a second one.
    public func create(_ opportunity: Opportunity) async throws -> RemoteOpportunity {
        var body = TwentyOpportunityBody(
            id: opportunity.id.uuidString.lowercased(), name: opportunity.name,
            stage: opportunity.stageID)
        body.amount = opportunity.value.map { TwentyAmount(amountMicros: $0.micros, currencyCode: $0.currency) }
        body.closeDate = opportunity.closeDate.flatMap(Self.closeDateTime)
        let data = try await transport.send(
            .POST, "/rest/opportunities", query: [URLQueryItem(name: "upsert", value: "true")],
            json: try ProviderJSON.encode(body), idempotent: true)
        return remote(
            try ProviderJSON.decode(TwentyCreateResponse.self, from: data, what: "Twenty create").data.createOpportunity
        )
    }

    public func update(remoteID: String, patch: OpportunityPatch, current: Opportunity) async throws
        -> RemoteOpportunity?
    {
        if patch.status != nil { throw ProviderError.unsupported(provider: displayName, operation: .setStatus) }
        var body = TwentyOpportunityBody(name: patch.name, stage: patch.stageID)
        if let value = patch.value {
            body.amount = TwentyAmount(amountMicros: value.micros, currencyCode: value.currency)
        } else if patch.clearValue {
            body.clearAmount = true
        }
        if let closeDate = patch.closeDate {
            if let dateTime = Self.closeDateTime(closeDate) {
                body.closeDate = dateTime
            } else {
                body.clearCloseDate = true
            }
        }
        guard !body.isEmpty else { return nil }
        let data = try await transport.send(
            .PATCH, "/rest/opportunities/\(HTTPTransport.segment(remoteID))",
            json: try ProviderJSON.encode(body))
        return remote(
            try ProviderJSON.decode(TwentyUpdateResponse.self, from: data, what: "Twenty update").data.updateOpportunity
        )
    }

    /// Soft delete: Twenty keeps the record with `deletedAt` set, and lists leave it out. Without
    /// `soft_delete=true` current servers delete it for good.
    public func delete(remoteID: String) async throws {
        _ = try await transport.send(
            .DELETE, "/rest/opportunities/\(HTTPTransport.segment(remoteID))",
            query: [URLQueryItem(name: "soft_delete", value: "true")])
    }

    /// Brings a soft-deleted record back (`restoreOneOpportunity`) at the path the generated document gives,
    /// else at the one later servers route (`PATCH /rest/opportunities/{id}/restore`). A server that takes
    /// neither refuses the path itself; that is said plainly, as the record stays deleted there.
    public func restore(remoteID: String) async throws -> RemoteOpportunity? {
        let id = HTTPTransport.segment(remoteID)
        for path in ["/rest/restore/opportunities/\(id)", "/rest/opportunities/\(id)/restore"] {
            do {
                let data = try await transport.send(.PATCH, path, query: [URLQueryItem(name: "depth", value: "0")])
                let answer = try ProviderJSON.decode(TwentyRestoreResponse.self, from: data, what: "Twenty restore")
                return answer.data?.restoreOpportunity.map(remote)
            } catch let error as ProviderError where Self.refusesPath(error) {
                continue
            }
        }
        throw ProviderError.rejected(status: 400, message: Self.noRestoreMessage)
    }

    /// A server's answer to a path it has no route for: its REST parser's 400, or a plain 404.
    static func refusesPath(_ error: ProviderError) -> Bool {
        switch error {
        case .rejected(400, let message): message.hasPrefix("Query path")
        case .notFound(let message): message.hasPrefix("Cannot PATCH")
        default: false
        }
    }

    /// What the card and the outbox say when the server cannot restore.
    package static let noRestoreMessage =
        "this Twenty server is too old to restore a deleted record: "
        + "the record stays deleted in Twenty; discard this change to drop the card"

    // MARK: Mapping

    func remote(_ record: TwentyOpportunity) -> RemoteOpportunity {
        let updated = ProviderDate.parse(record.updatedAt)
        let created = ProviderDate.parse(record.createdAt) ?? updated ?? Date()
        var value: Money?
        if let micros = record.amount?.amountMicros?.value {
            value = Money(micros: micros, currency: record.amount?.currencyCode?.nilIfBlank ?? defaultCurrency)
        }
        return RemoteOpportunity(
            remoteID: record.id, pipelineID: Self.pipelineID, stageID: record.stage, name: record.name ?? "",
            value: value, closeDate: record.closeDate.map { String($0.prefix(10)) }, createdAt: created,
            updatedAt: updated ?? created, raw: record.raw)
    }

    /// The board keeps a day ("2026-12-31"); Twenty stores a date-time. "" clears.
    static func closeDateTime(_ day: String) -> String? {
        day.nilIfBlank.map { "\($0)T00:00:00.000Z" }
    }
}
