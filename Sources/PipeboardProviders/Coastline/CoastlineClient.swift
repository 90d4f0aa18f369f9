import AsyncHTTPClient
import Foundation
import Logging
import PipeboardCore

/// Coastline CRM's API (v1) for one workspace. Only create and list are published, so the board shows the
/// pipeline and takes new opportunities, and says that Coastline's API offers no move, edit or delete.
/// Pipelines and stages have no endpoint: they are the `pipeline_id` / `stage_id` seen on the records, with
/// stage names from the account's config (`stages = ["<stage uuid>=Name", ...]`, in order).
package struct CoastlineClient: OpportunityProvider {
    /// The documented list maximum (`limit`); no further paging is published.
    static let pageSize = 100
    /// The approval statuses, in the order a pull walks them (one list each).
    package static let approvalStatuses = ["opportunity", "project", "archived"]
    /// Pipeline and stage id of records that name none (and of a workspace with no records yet).
    package static let defaultPlace = "default"
    /// Address fields of the create call, kept as the card's custom fields under these keys.
    package static let addressFields = [
        "address_street", "address_city", "address_state", "address_zip", "address_country",
    ]
    static let clockSlack: TimeInterval = 300

    package let displayName = "Coastline"
    package let capabilities: Capabilities = [.create]
    let transport: HTTPTransport
    let stages: [(id: String, name: String)]
    let pipelineName: String
    let currency = "USD"

    /// `baseURL` is the workspace's API host (not published, so required); the client adds `/v1`.
    package init(
        baseURL: String, token: String, stages: [(id: String, name: String)] = [], pipelineName: String? = nil,
        http: HTTPClient, pacer: Pacer = .undocumented(), retry: RetryPolicy = RetryPolicy(),
        logger: Logger = Logger(label: "pipeboard.coastline")
    ) {
        transport = HTTPTransport(
            http: http, baseURL: baseURL,
            headers: [("Authorization", "Bearer \(token)"), ("Accept", "application/json")],
            secrets: [token], pacer: pacer, retry: retry, logger: logger)
        self.stages = stages
        self.pipelineName = pipelineName?.nilIfBlank ?? "Opportunities"
    }

    /// Parses the config's `"<stage uuid>=Name"` entries.
    package static func parseStages(_ entries: [String]) -> Result<[(id: String, name: String)], StageEntryError> {
        var parsed: [(id: String, name: String)] = []
        for entry in entries {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, UUID(uuidString: parts[0]) != nil, !parts[1].isEmpty else {
                return .failure(StageEntryError(entry: entry))
            }
            parsed.append((parts[0].lowercased(), parts[1]))
        }
        return .success(parsed)
    }

    package struct StageEntryError: Error, CustomStringConvertible {
        package let entry: String
        package var description: String { "stage entry '\(entry)' must be \"<stage uuid>=Name\"" }
    }

    package func formFields(for pipeline: Pipeline) -> [FieldSpec] {
        [
            FieldSpec(
                id: "name", label: "Customer", required: true, inQuickAdd: true,
                help: "shown on cards (Coastline's contact_name)"),
            FieldSpec(
                id: "value", label: "Value (USD)", kind: .money, inQuickAdd: true,
                help: "a non-negative amount in dollars"),
            FieldSpec(id: "stage", label: "Stage", kind: .stage, required: true, inQuickAdd: true),
            FieldSpec(id: "source", label: "Lead source", help: "free text, e.g. Referral"),
            FieldSpec(id: "address_street", label: "Street"),
            FieldSpec(id: "address_city", label: "City"),
            FieldSpec(id: "address_state", label: "State"),
            FieldSpec(id: "address_zip", label: "ZIP"),
            FieldSpec(id: "address_country", label: "Country"),
            FieldSpec(id: "tags", label: "Tags", kind: .tags, help: "comma-separated"),
        ]
    }

    /// The pipelines and stages found on the records; configured stages first, in their order.
    package func fetchPipelines() async throws -> [Pipeline] {
        var order: [String] = []
        var stagesSeen: [String: [String]] = [:]
        for status in Self.approvalStatuses {
            for record in try await list(status: status) {
                if stagesSeen[record.pipeline] == nil {
                    order.append(record.pipeline); stagesSeen[record.pipeline] = []
                }
                if !stagesSeen[record.pipeline]!.contains(record.stage) {
                    stagesSeen[record.pipeline]!.append(record.stage)
                }
            }
        }
        // The configured stages belong to the pipeline that holds them, else to the first one.
        let configuredIDs = stages.map(\.id)
        let home =
            order.first { pipeline in stagesSeen[pipeline]!.contains { configuredIDs.contains($0) } } ?? order.first
            ?? Self.defaultPlace
        if stagesSeen[home] == nil { order.insert(home, at: 0); stagesSeen[home] = [] }
        let names = Dictionary(stages.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return order.map { pipelineID in
            var ids = pipelineID == home ? configuredIDs : []
            ids += stagesSeen[pipelineID]!.filter { !ids.contains($0) }
            if ids.isEmpty { ids = [Self.defaultPlace] }
            let stages = ids.enumerated().map { index, id in
                Stage(
                    id: id, name: names[id] ?? (id == Self.defaultPlace ? "New" : "Stage \(id.prefix(8))"),
                    position: index)
            }
            let name = pipelineID == home ? pipelineName : "Pipeline \(pipelineID.prefix(8))"
            return Pipeline(id: pipelineID, name: name, stages: stages)
        }
    }

    /// One page per approval status (the cursor names the next one), each the newest 100 of that status:
    /// no paging beyond `limit` is published.
    package func pull(pipelineID: String, after cursor: String?) async throws -> PullPage {
        let status = cursor ?? Self.approvalStatuses[0]
        guard let index = Self.approvalStatuses.firstIndex(of: status) else {
            throw ProviderError.invalidResponse("Coastline: bad paging cursor")
        }
        let records = try await list(status: status).filter { $0.pipeline == pipelineID }
        let next = index + 1 < Self.approvalStatuses.count ? Self.approvalStatuses[index + 1] : nil
        return PullPage(opportunities: records.map(remote), next: next)
    }

    /// No changed-since filter is published: lists are read whole and only records changed at or after the
    /// watermark are kept.
    package func pull(pipelineID: String, changedSince: Date?, after cursor: String?) async throws -> PullPage {
        var page = try await pull(pipelineID: pipelineID, after: cursor)
        if let changedSince {
            page.opportunities.removeAll { $0.updatedAt < changedSince }
            page.changedOnly = true
        }
        return page
    }

    /// No single-record GET is published: the record is looked for in the lists. nil when it is in none of them
    /// and none was full; a full list may hide it, so that case is `unsupported`.
    package func fetch(remoteID: String) async throws -> RemoteOpportunity? {
        var anyFull = false
        for status in Self.approvalStatuses {
            let records = try await list(status: status)
            if let found = records.first(where: { $0.id == remoteID }) { return remote(found) }
            anyFull = anyFull || records.count >= Self.pageSize
        }
        if anyFull {
            // Reading a record back only matters before a change, and Coastline takes no changes: say that.
            throw ProviderError.unsupported(provider: displayName, operation: .update)
        }
        return nil
    }

    /// One list of one approval status: the pipelines would read all three.
    package func checkAccess() async throws { _ = try await list(status: Self.approvalStatuses[0]) }

    func list(status: String, query extra: [URLQueryItem] = []) async throws -> [CLOpportunity] {
        let data = try await transport.send(
            .GET, "/v1/opportunities",
            query: [
                URLQueryItem(name: "approval_status", value: status),
                URLQueryItem(name: "limit", value: String(Self.pageSize)),
            ] + extra)
        return try ProviderJSON.decode(CLList.self, from: data, what: "Coastline opportunities").items
    }

    /// Coastline has no idempotency key: a record of the same customer, value and stage created since this card
    /// was, and held by no other card, is taken to be an earlier try whose answer was lost, and is not made again.
    package func create(_ opportunity: Opportunity) async throws -> RemoteOpportunity {
        try await create(opportunity, heldByOtherCards: { _ in false })
    }

    package func create(_ opportunity: Opportunity, heldByOtherCards: @Sendable (String) -> Bool) async throws
        -> RemoteOpportunity
    {
        if let earlier = try await earlierTry(of: opportunity, heldByOtherCards) { return earlier }
        var body = CLCreateBody(contactName: opportunity.name.nilIfBlank)
        body.value = opportunity.value?.majorUnits
        body.leadSource = opportunity.source?.nilIfBlank
        if UUID(uuidString: opportunity.pipelineID) != nil { body.pipelineId = opportunity.pipelineID }
        if UUID(uuidString: opportunity.stageID) != nil { body.stageId = opportunity.stageID }
        body.tags = opportunity.tags.isEmpty ? nil : opportunity.tags
        body.addressStreet = opportunity.customFields["address_street"]?.nilIfBlank
        body.addressCity = opportunity.customFields["address_city"]?.nilIfBlank
        body.addressState = opportunity.customFields["address_state"]?.nilIfBlank
        body.addressZip = opportunity.customFields["address_zip"]?.nilIfBlank
        body.addressCountry = opportunity.customFields["address_country"]?.nilIfBlank
        do {
            let data = try await transport.send(.POST, "/v1/opportunities", json: try ProviderJSON.encode(body))
            return remote(try ProviderJSON.decode(CLOpportunity.self, from: data, what: "Coastline create"))
        } catch let error as ProviderError where error.isRetryable {
            if let applied = try? await earlierTry(of: opportunity, heldByOtherCards) { return applied }
            throw error
        }
    }

    package func update(remoteID: String, patch: OpportunityPatch, current: Opportunity) async throws
        -> RemoteOpportunity?
    {
        let fields = patch.fields
        let operation: ProviderOperation =
            fields.contains(.stage) ? .move : fields.contains(.status) ? .setStatus : .update
        throw ProviderError.unsupported(provider: displayName, operation: operation)
    }

    package func delete(remoteID: String) async throws {
        throw ProviderError.unsupported(provider: displayName, operation: .delete)
    }

    private func earlierTry(
        of opportunity: Opportunity,
        _ heldByOtherCards: @Sendable (String) -> Bool
    ) async throws -> RemoteOpportunity? {
        guard let name = opportunity.name.nilIfBlank else { return nil }
        let since = opportunity.createdAt.addingTimeInterval(-Self.clockSlack)
        let records = try await list(
            status: Self.approvalStatuses[0], query: [URLQueryItem(name: "contact_name", value: name)])
        return records.first { record in
            record.contactName == name && record.value == opportunity.value?.majorUnits && !heldByOtherCards(record.id)
                && (UUID(uuidString: opportunity.stageID) == nil || record.stageId == opportunity.stageID)
                && (ProviderDate.parse(record.createdAt).map { $0 >= since } ?? false)
        }.map(remote)
    }

    // MARK: Mapping

    func remote(_ record: CLOpportunity) -> RemoteOpportunity {
        let updated = ProviderDate.parse(record.updatedAt)
        let created = ProviderDate.parse(record.createdAt) ?? updated ?? Date()
        var custom: [String: String] = [:]
        let address = [
            record.addressStreet, record.addressCity, record.addressState, record.addressZip, record.addressCountry,
        ]
        for (key, value) in zip(Self.addressFields, address) {
            if let value = value?.nilIfBlank { custom[key] = value }
        }
        // contact_name is the card's name ("shown on cards"), so it is not repeated as the contact.
        return RemoteOpportunity(
            remoteID: record.id, pipelineID: record.pipeline, stageID: record.stage,
            name: record.contactName?.nilIfBlank ?? record.name ?? "",
            value: record.value.flatMap { Money(major: $0, currency: currency) }, status: .open,
            providerStatus: record.approvalStatus, source: record.leadSource,
            tags: record.tags ?? [], customFields: custom, createdAt: created, updatedAt: updated ?? created,
            raw: record.raw)
    }
}
