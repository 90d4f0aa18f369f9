import Foundation

/// An opportunity as a provider reports it, already mapped to the board's fields and sanitised.
public struct RemoteOpportunity: Hashable, Sendable {
    public var remoteID: String
    public var pipelineID: String
    public var stageID: String
    public var name: String
    public var value: Money?
    public var status: OpportunityStatus
    public var providerStatus: String?
    public var contactName: String?
    public var companyName: String?
    public var email: String?
    public var phone: String?
    public var owner: String?
    public var closeDate: String?
    public var source: String?
    public var probability: Double?
    public var tags: [String]
    public var customFields: [String: String]
    public var createdAt: Date
    public var updatedAt: Date
    public var stageChangedAt: Date?
    /// When the status last changed, where the provider says (HighLevel's `lastStatusChangeAt`).
    public var statusChangedAt: Date?
    /// The local id, where the provider keeps it (the local workspace does).
    public var localID: UUID?
    /// Order within the stage, where the provider keeps one.
    public var rank: Int64?
    public var raw: String?

    public init(
        remoteID: String, pipelineID: String, stageID: String, name: String, value: Money? = nil,
        status: OpportunityStatus = .open, providerStatus: String? = nil, contactName: String? = nil,
        companyName: String? = nil, email: String? = nil, phone: String? = nil, owner: String? = nil,
        closeDate: String? = nil, source: String? = nil, probability: Double? = nil, tags: [String] = [],
        customFields: [String: String] = [:], createdAt: Date, updatedAt: Date, stageChangedAt: Date? = nil,
        statusChangedAt: Date? = nil,
        localID: UUID? = nil, rank: Int64? = nil, raw: String? = nil
    ) {
        self.remoteID = remoteID
        self.pipelineID = pipelineID
        self.stageID = stageID
        self.name = name
        self.value = value
        self.status = status
        self.providerStatus = providerStatus
        self.contactName = contactName
        self.companyName = companyName
        self.email = email
        self.phone = phone
        self.owner = owner
        self.closeDate = closeDate
        self.source = source
        self.probability = probability
        self.tags = tags
        self.customFields = customFields
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.stageChangedAt = stageChangedAt
        self.statusChangedAt = statusChangedAt
        self.localID = localID
        self.rank = rank
        self.raw = raw
    }

    /// The card for this record: keeps the local identity and order of `existing`, else starts new ones.
    /// A card still in the stage it had keeps its stage time; one that changed stage takes the provider's time of
    /// the change, else the record's own update time (never the time of the pull).
    public func opportunity(account: String, existing: Opportunity?, defaultRank: Int64) -> Opportunity {
        Opportunity(
            id: existing?.id ?? localID ?? .random(), account: account, remoteID: remoteID, pipelineID: pipelineID,
            stageID: stageID, rank: rank ?? existing?.rank ?? defaultRank, name: name, value: value, status: status,
            providerStatus: providerStatus, contactName: contactName, companyName: companyName, email: email,
            phone: phone, owner: owner, closeDate: closeDate, source: source, probability: probability, tags: tags,
            customFields: customFields, createdAt: createdAt, updatedAt: updatedAt,
            stageChangedAt: (existing?.stageID == stageID ? existing?.stageChangedAt : nil)
                ?? stageChangedAt ?? updatedAt,
            statusChangedAt: (existing?.status == status ? existing?.statusChangedAt : nil)
                ?? statusChangedAt ?? updatedAt,
            raw: raw
        )
    }
}

/// One page of a pull. `next` is nil on the last page.
public struct PullPage: Sendable {
    public var opportunities: [RemoteOpportunity]
    public var next: String?
    /// How many records the whole listing holds, where the provider says (for progress only).
    public var total: Int?
    /// The page holds only records changed since a watermark, so records missing from the pull are not gone.
    /// A full pull (false) lets the cache drop what the provider no longer has.
    public var changedOnly: Bool
    public init(opportunities: [RemoteOpportunity], next: String?, total: Int? = nil, changedOnly: Bool = false) {
        self.opportunities = opportunities
        self.next = next
        self.total = total
        self.changedOnly = changedOnly
    }
}

/// Why a provider call failed, with the provider's own words where it gave any.
public enum ProviderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 401 / 403: the account needs attention.
    case unauthorized(String)
    /// 400 / 404 / 409 / 422: the provider refused this change.
    case rejected(status: Int, message: String)
    case notFound(String)
    /// 429, with the delay the provider asked for.
    case rateLimited(retryAfter: TimeInterval?)
    /// Network errors, timeouts and 5xx: worth another try.
    case transient(String)
    /// The provider could not be reached at all (connection refused, no route, no such host, no connection in
    /// time): nothing was sent. Worth another try later, never at once.
    case unreachable(String)
    /// The provider's API offers no such call.
    case unsupported(provider: String, operation: ProviderOperation)
    /// The provider answered something that could not be read.
    case invalidResponse(String)
    /// The provider made a new record but did not say its id, and it could not be found yet: it must be looked
    /// for again, never made again.
    case createdNotFound(String)

    public var description: String {
        switch self {
        case .unauthorized(let message): return "not authorised: \(message)"
        case .rejected(let status, let message): return "rejected (\(status)): \(message)"
        case .notFound(let message): return "not found: \(message)"
        case .rateLimited(let delay):
            return delay.map { "rate limited, retry in \(Int($0.rounded(.up))) s" } ?? "rate limited"
        case .transient(let message): return "temporary failure: \(message)"
        case .unreachable(let message): return "provider unreachable: \(message)"
        case .unsupported(let provider, let operation): return "\(provider)'s API does not offer \(operation.verb)"
        case .invalidResponse(let message): return "unreadable answer: \(message)"
        case .createdNotFound(let message): return "made, not found yet: \(message)"
        }
    }

    /// Worth sending again later as it is.
    public var isRetryable: Bool {
        switch self {
        case .transient, .unreachable, .rateLimited: return true
        default: return false
        }
    }
}

/// One CRM or ATS API (or the local workspace), as the service sees it.
public protocol OpportunityProvider: Sendable {
    /// The provider's display name: "HighLevel", "Local".
    var displayName: String { get }
    var capabilities: Capabilities { get }
    /// The fields of the create / edit form for a pipeline.
    func formFields(for pipeline: Pipeline) -> [FieldSpec]
    func fetchPipelines() async throws -> [Pipeline]
    /// The cheapest request that needs the account's credentials, to see that the provider answers and accepts
    /// them (`pipeboard doctor`); throws the call's `ProviderError`.
    func checkAccess() async throws
    /// One page of opportunities; pass the previous page's `next` to continue, nil to start.
    func pull(pipelineID: String, after cursor: String?) async throws -> PullPage
    /// One page of the records changed at or after `changedSince`, a watermark taken from the provider's own
    /// `updatedAt` values (never the local clock); nil pulls everything. Providers without such a filter keep
    /// the default, a full pull.
    func pull(pipelineID: String, changedSince: Date?, after cursor: String?) async throws -> PullPage
    /// The provider's current record, nil when it no longer has it: what a change is checked against before
    /// it is sent.
    func fetch(remoteID: String) async throws -> RemoteOpportunity?
    /// Creates the opportunity; `opportunity.id` is its local identity.
    func create(_ opportunity: Opportunity) async throws -> RemoteOpportunity
    /// Creates the opportunity, where a provider without an idempotency key may instead take a record it finds to
    /// be an earlier try of this create whose answer was lost. `heldByOtherCards` says whether the cache already
    /// holds a remote id for another card: such a record is never an earlier try of this one.
    func create(_ opportunity: Opportunity, heldByOtherCards: @Sendable (String) -> Bool) async throws
        -> RemoteOpportunity
    /// A new record the provider made for `opportunity` without saying its id (`createdNotFound`), found the way
    /// an earlier try of the create is; nil while it cannot be found. Never makes a record. The default finds none.
    func findCreated(_ opportunity: Opportunity, heldByOtherCards: @Sendable (String) -> Bool) async throws
        -> RemoteOpportunity?
    /// Sends the absolute values of the patched fields. Returns the record as the provider now has it, if it says.
    func update(remoteID: String, patch: OpportunityPatch, current: Opportunity) async throws -> RemoteOpportunity?
    func delete(remoteID: String) async throws
    /// The provider's own lost reasons (`Capabilities.lostReasonList`), as it orders them.
    func lostReasons() async throws -> [LostReason]
    /// Brings back a record the provider keeps after a delete (with `.restore`); the same record, same id.
    func restore(remoteID: String) async throws -> RemoteOpportunity?
    /// What the client learned about its server that is worth keeping between runs; nil when nothing is.
    var memory: ProviderMemory? { get }

    // Notes and tasks (`.notes`, `.tasks`). Each call takes the deal's cached card, whose remote id and raw
    // record let a client find what the provider hangs them on (HighLevel: the contact; Twenty: the targets).
    // Defaults refuse with `ProviderError.unsupported` (see ActivityDefaults.swift).

    /// The deal's notes, newest first where the provider orders them.
    func notes(of deal: Opportunity) async throws -> [RemoteNote]
    /// Creates the note on the deal; `note.id` is its local identity.
    func addNote(_ note: Note, to deal: Opportunity) async throws -> RemoteNote
    /// Deletes a delivered note (undoing an add).
    func deleteNote(remoteID: String, of deal: Opportunity) async throws
    /// The deal's tasks, open and done.
    func tasks(of deal: Opportunity) async throws -> [RemoteTask]
    /// The provider's current task, nil when it no longer has it: what an edit is checked against before it is
    /// sent. The default looks it up among `tasks(of:)`.
    func task(remoteID: String, of deal: Opportunity) async throws -> RemoteTask?
    /// Creates the task on the deal; `task.id` is its local identity.
    func addTask(_ task: DealTask, to deal: Opportunity) async throws -> RemoteTask
    /// Sends the patched fields (title, due, done or open) as absolute values; `current` is the task as cached,
    /// with its raw record. Returns the task as the provider now has it, if it says.
    func updateTask(remoteID: String, patch: TaskPatch, current: DealTask, of deal: Opportunity) async throws
        -> RemoteTask?
    /// Deletes a delivered task (undoing an add).
    func deleteTask(remoteID: String, of deal: Opportunity) async throws
    /// The open tasks of a pipeline's deals in a few requests, keyed by each deal's remote id (a deal without open
    /// tasks is missing; deals of other pipelines may be there too). A sync uses it instead of a request per deal,
    /// and needs no list of the deals for it (a pipeline of a million would be held in memory); the default refuses
    /// with `.listPipelineTasks`, and the sync then reads deal by deal or not at all.
    func openTasks(pipelineID: String) async throws -> [String: [RemoteTask]]
}

extension OpportunityProvider {
    public func lostReasons() async throws -> [LostReason] { [] }

    public func checkAccess() async throws { _ = try await fetchPipelines() }

    public func create(_ opportunity: Opportunity, heldByOtherCards: @Sendable (String) -> Bool) async throws
        -> RemoteOpportunity
    {
        try await create(opportunity)
    }

    public func pull(pipelineID: String, changedSince: Date?, after cursor: String?) async throws -> PullPage {
        try await pull(pipelineID: pipelineID, after: cursor)
    }

    public func findCreated(_ opportunity: Opportunity, heldByOtherCards: @Sendable (String) -> Bool) async throws
        -> RemoteOpportunity?
    {
        nil
    }

    public func restore(remoteID: String) async throws -> RemoteOpportunity? {
        throw ProviderError.unsupported(provider: displayName, operation: .restore)
    }

    public var memory: ProviderMemory? { nil }

    /// Throws the clear "not offered" error when the capability is missing.
    public func require(_ operation: ProviderOperation) throws {
        guard capabilities.contains(operation.capability) else {
            throw ProviderError.unsupported(provider: displayName, operation: operation)
        }
    }
}
