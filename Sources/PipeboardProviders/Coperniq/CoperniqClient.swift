import AsyncHTTPClient
import Foundation
import Logging
import PipeboardCore

/// Coperniq's public API (v1) for one API key. Pipelines are workflows and stages their phases, in array order.
/// Coperniq's status (ACTIVE, ON_HOLD, CANCELLED, COMPLETED) is a project's lifecycle, not won / lost: it is kept
/// as the provider status and the board's won / lost status stays open.
package struct CoperniqClient: OpportunityProvider, CountsDailyBudget {
    package static let defaultBaseURL = "https://api.coperniq.io/v1"
    package static let statuses = ["ACTIVE", "ON_HOLD", "CANCELLED", "COMPLETED"]
    package static let dailyLimit = 5_000
    /// The documented maximum of `page_size`.
    static let pageSize = 100
    /// Custom-field keys of the board's card that hold Coperniq's required address and trades.
    package static let addressField = "address"
    package static let tradesField = "trades"

    package let displayName = "Coperniq"
    /// No won / lost (status is the provider status, an edit), no order within a phase. Notes, not tasks
    /// (CoperniqNotes.swift).
    package let capabilities: Capabilities = [.create, .update, .move, .delete, .stageDiscovery, .search, .notes]
    let transport: HTTPTransport
    let currency: String
    package let budget: DailyBudget

    /// `baseURL` is the API root including `/v1`.
    package init(
        baseURL: String?, apiKey: String, currency: String, http: HTTPClient, pacer: Pacer = .coperniq(),
        budget: DailyBudget = DailyBudget(limit: CoperniqClient.dailyLimit), retry: RetryPolicy = RetryPolicy(),
        logger: Logger = Logger(label: "pipeboard.coperniq")
    ) {
        transport = HTTPTransport(
            http: http, baseURL: baseURL ?? Self.defaultBaseURL,
            headers: [("x-api-key", apiKey), ("Accept", "application/json")],
            secrets: [apiKey], pacer: pacer, retry: retry, logger: logger, budget: budget)
        self.currency = currency
        self.budget = budget
    }

    package func budgetNotice() async -> String? { budget.notice(provider: displayName) }

    package func formFields(for pipeline: Pipeline) -> [FieldSpec] {
        [
            FieldSpec(id: "name", label: "Title", required: true, inQuickAdd: true),
            FieldSpec(
                id: Self.addressField, label: "Address", required: true, inQuickAdd: true,
                help: "the full address on one line"),
            FieldSpec(
                id: Self.tradesField, label: "Trades", required: true, inQuickAdd: true,
                help: "comma-separated, as set up in Coperniq, e.g. Solar, Roofing"),
            FieldSpec(
                id: "value", label: "Value", kind: .money, inQuickAdd: true, help: "a non-negative amount, e.g. 12500"),
            FieldSpec(id: "stage", label: "Phase", kind: .stage, required: true, inQuickAdd: true),
            FieldSpec(
                id: "provider_status", label: "Project status", kind: .choice(Self.statuses),
                help: "ACTIVE, ON_HOLD, CANCELLED or COMPLETED (a project's state, not won / lost)"),
            FieldSpec(id: "email", label: "Email"),
            FieldSpec(id: "phone", label: "Phone"),
            FieldSpec(id: "probability", label: "Confidence", kind: .percent, help: "0 to 100"),
        ]
    }

    package func fetchPipelines() async throws -> [Pipeline] {
        let data = try await transport.send(.GET, "/workflows")
        let workflows = try ProviderJSON.decode([CQWorkflow].self, from: data, what: "Coperniq workflows")
        // A workflow without phases has no columns to show or to add into.
        return workflows.filter { !($0.phases ?? []).isEmpty }.map { workflow in
            Pipeline(
                id: String(workflow.id), name: workflow.name?.nilIfBlank ?? "Workflow \(workflow.id)",
                stages: (workflow.phases ?? []).enumerated().map { index, phase in
                    Stage(id: String(phase.id), name: phase.name?.nilIfBlank ?? "Phase \(phase.id)", position: index)
                })
        }
    }

    /// Every opportunity of the workflow. The list cannot be filtered by workflow, so pages are read whole and
    /// filtered here; the cursor is the next page number (from 1). The answer is a bare array: a short page ends it.
    package func pull(pipelineID: String, after cursor: String?) async throws -> PullPage {
        try await pull(pipelineID: pipelineID, changedSince: nil, after: cursor)
    }

    /// Records changed at or after `changedSince` (`updated_after`, a millisecond earlier since it is exclusive).
    package func pull(pipelineID: String, changedSince: Date?, after cursor: String?) async throws -> PullPage {
        let page =
            try cursor.map { text -> Int in
                guard let number = Int(text), number >= 1 else {
                    throw ProviderError.invalidResponse("Coperniq: bad paging cursor")
                }
                return number
            } ?? 1
        var query = [
            URLQueryItem(name: "page", value: String(page)),
            URLQueryItem(name: "page_size", value: String(Self.pageSize)),
            URLQueryItem(name: "order_by", value: "asc"),
        ]
        if let changedSince {
            query.append(
                URLQueryItem(name: "updated_after", value: ProviderDate.format(changedSince.addingTimeInterval(-0.001)))
            )
        }
        let data = try await transport.send(.GET, "/opportunities", query: query)
        let records = try ProviderJSON.decode([CQOpportunity].self, from: data, what: "Coperniq opportunities")
        let mine = records.filter { $0.workflowId.map(String.init) == pipelineID }
        return PullPage(
            opportunities: mine.map(remote), next: records.count < Self.pageSize ? nil : String(page + 1),
            changedOnly: changedSince != nil
        )
    }

    /// The provider's current record; nil when it has none by that id.
    package func fetch(remoteID: String) async throws -> RemoteOpportunity? {
        do {
            let data = try await transport.send(.GET, "/opportunities/\(HTTPTransport.segment(remoteID))")
            return remote(try ProviderJSON.decode(CQOpportunity.self, from: data, what: "Coperniq opportunity"))
        } catch ProviderError.notFound {
            return nil
        }
    }

    /// `match_by=title` with `match_found_strategy=skip`: a create sent again after a lost answer finds the record
    /// the first try made (Coperniq answers it with 200) instead of making a second one, so it is safe to resend.
    package func create(_ opportunity: Opportunity) async throws -> RemoteOpportunity {
        try await create(opportunity, heldByOtherCards: { _ in false })
    }

    /// A match that is not this card's earlier try (made before the card, or another card's) is refused with
    /// what to do: Coperniq makes no second opportunity of one title, and binding the card to the match would
    /// merge two deals into one.
    package func create(_ opportunity: Opportunity, heldByOtherCards: @Sendable (String) -> Bool) async throws
        -> RemoteOpportunity
    {
        let address = opportunity.customFields[Self.addressField]?.nilIfBlank
        let trades = Self.list(opportunity.customFields[Self.tradesField])
        guard let address, !trades.isEmpty else {
            throw ProviderError.rejected(
                status: 400, message: "Coperniq needs an address and at least one trade (address=..., trades=...)")
        }
        var body = CQOpportunityBody(title: opportunity.name, address: [address], trades: trades)
        body.workflowId = Int64(opportunity.pipelineID)
        body.phaseId = Int64(opportunity.stageID)
        body.value = opportunity.value?.majorUnits
        body.status = opportunity.providerStatus?.nilIfBlank
        body.confidence = opportunity.probability.map { ($0 * 100).rounded() }
        body.primaryEmail = opportunity.email?.nilIfBlank
        body.primaryPhone = opportunity.phone?.nilIfBlank
        let data = try await transport.send(
            .POST, "/opportunities",
            query: [
                URLQueryItem(name: "match_by", value: "title"),
                URLQueryItem(name: "match_found_strategy", value: "skip"),
            ], json: try ProviderJSON.encode(body), idempotent: true)
        let record = try ProviderJSON.decode(CQOpportunity.self, from: data, what: "Coperniq create")
        let since = opportunity.createdAt.addingTimeInterval(-Self.clockSkew)
        let made = ProviderDate.parse(record.createdAt).map { $0 >= since } ?? true // undated: cannot tell
        if !made || heldByOtherCards(String(record.id)) {
            throw ProviderError.rejected(
                status: 409,
                message: "Coperniq already has an opportunity titled "
                    + "'\(opportunity.name)' and matches new ones by title; give this one another name")
        }
        var created = remote(record)
        // A phase set on create is not always reflected in the answer: keep the one asked for.
        if created.stageID.isEmpty { created.stageID = opportunity.stageID }
        return created
    }

    /// How much earlier than the card a match may seem made and still be its earlier try: the card's time is
    /// this machine's clock, the record's is Coperniq's; two minutes covers a clock that has drifted.
    static let clockSkew: TimeInterval = 120

    /// PATCH with only the changed fields; a move sends the phase (and its workflow).
    package func update(remoteID: String, patch: OpportunityPatch, current: Opportunity) async throws
        -> RemoteOpportunity?
    {
        if patch.status != nil, patch.status != .open {
            throw ProviderError.unsupported(provider: displayName, operation: .setStatus)
        }
        var body = CQOpportunityBody()
        body.title = patch.name
        if let stageID = patch.stageID {
            guard let phase = Int64(stageID) else {
                throw ProviderError.rejected(status: 400, message: "'\(stageID)' is not a Coperniq phase id")
            }
            body.phaseId = phase
            body.workflowId = Int64(current.pipelineID)
        }
        if let value = patch.value { body.value = value.majorUnits } else if patch.clearValue { body.value = 0 }
        if let status = patch.providerStatus?.nilIfBlank {
            guard Self.statuses.contains(status) else {
                throw ProviderError.rejected(
                    status: 400, message: "status must be one of \(Self.statuses.joined(separator: ", "))")
            }
            body.status = status
        }
        if let probability = patch.probability { body.confidence = (probability * 100).rounded() }
        body.primaryEmail = patch.email?.nilIfBlank
        body.primaryPhone = patch.phone?.nilIfBlank
        if let custom = patch.customFields {
            if let address = custom[Self.addressField]?.nilIfBlank { body.address = [address] }
            let trades = Self.list(custom[Self.tradesField])
            if !trades.isEmpty { body.trades = trades }
        }
        guard !body.isEmpty else { return nil }
        let data = try await transport.send(
            .PATCH, "/opportunities/\(HTTPTransport.segment(remoteID))", json: try ProviderJSON.encode(body))
        return remote(try ProviderJSON.decode(CQOpportunity.self, from: data, what: "Coperniq update"))
    }

    package func delete(remoteID: String) async throws {
        _ = try await transport.send(.DELETE, "/opportunities/\(HTTPTransport.segment(remoteID))")
    }

    /// Opportunities matching `text` in Coperniq's full-text search (`q`), first page.
    package func search(_ text: String) async throws -> [RemoteOpportunity] {
        let data = try await transport.send(
            .GET, "/opportunities",
            query: [
                URLQueryItem(name: "q", value: text), URLQueryItem(name: "page_size", value: String(Self.pageSize)),
            ])
        return try ProviderJSON.decode([CQOpportunity].self, from: data, what: "Coperniq search").map(remote)
    }

    // MARK: Mapping

    func remote(_ record: CQOpportunity) -> RemoteOpportunity {
        let updated = ProviderDate.parse(record.updatedAt)
        let created = ProviderDate.parse(record.createdAt) ?? updated ?? Date()
        var custom: [String: String] = [:]
        if let address = record.address?.first?.nilIfBlank { custom[Self.addressField] = address }
        if let trades = record.trades, !trades.isEmpty { custom[Self.tradesField] = trades.joined(separator: ", ") }
        let phase = record.phaseId ?? record.phase?.id
        return RemoteOpportunity(
            remoteID: String(record.id), pipelineID: record.workflowId.map(String.init) ?? "",
            stageID: phase.map(String.init) ?? "", name: record.title ?? "",
            value: record.value.flatMap { Money(major: $0, currency: currency) }, status: .open,
            providerStatus: record.status, email: record.primaryEmail, phone: record.primaryPhone,
            owner: (record.salesRep ?? record.owner)?.displayName, probability: record.confidence.map { $0 / 100 },
            customFields: custom, createdAt: created, updatedAt: updated ?? created, raw: record.raw)
    }

    /// "Solar, Roofing" -> ["Solar", "Roofing"].
    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").compactMap { String($0).trimmingCharacters(in: .whitespaces).nilIfBlank }
    }
}
