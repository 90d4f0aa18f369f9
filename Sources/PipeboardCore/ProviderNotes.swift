/// What some providers have to say beyond the protocol, found by a cast so that the others need not care.

/// A provider whose delete cannot be taken back at the provider (BrightMove): the confirmation says so.
public protocol WarnsBeforeDelete: Sendable {
    /// One line for the delete confirmation.
    var deleteWarning: String { get }
}

/// A provider with a counted daily request budget (Coperniq: 5,000 a day per key).
public protocol CountsDailyBudget: Sendable {
    /// One line when the budget runs low ("Coperniq: 212 of 5,000 requests left today"), else nil.
    func budgetNotice() async -> String?
}

/// A provider that suggests values for a `.lookup` field from what the user typed.
public protocol LooksUpValues: Sendable {
    func lookUp(field: String, matching text: String) async throws -> [String]
}

extension OpportunityProvider {
    /// Suggestions for a `.lookup` field; none where the provider has no look-up.
    public func lookUp(field: String, matching text: String) async throws -> [String] {
        try await (self as? any LooksUpValues)?.lookUp(field: field, matching: text) ?? []
    }

    /// The delete confirmation's warning, where the provider has one.
    public var deleteWarning: String? { (self as? any WarnsBeforeDelete)?.deleteWarning }

    /// The daily budget line, where the provider counts one and it runs low.
    public func budgetNotice() async -> String? {
        await (self as? any CountsDailyBudget)?.budgetNotice()
    }
}
