import Foundation

extension DealChange {
    /// A value as a person reads it: a stage by its name (its id when the pipeline no longer has it), a value as
    /// money ("USD 4,321.00"), "none" for nothing.
    public static func shown(_ text: String?, field: DealField, stageNames: [String: String]) -> String {
        guard let text else { return "none" }
        switch field {
        case .stage: return stageNames[text] ?? text
        case .value: return money(from: text)?.formatted ?? text
        default: return text
        }
    }

    /// A value in JSON: as `shown`, but a value is its decimal amount and currency ("4321.00 USD") and none is null.
    public static func exported(_ text: String?, field: DealField, stageNames: [String: String]) -> String? {
        guard let text else { return nil }
        switch field {
        case .stage: return stageNames[text] ?? text
        case .value: return money(from: text).map { "\($0.decimalString) \($0.currency)" } ?? text
        default: return text
        }
    }

    /// "this device", "undo", "redo" or "provider": who made the change.
    public var originLabel: String {
        switch origin {
        case .local: return "this device"
        case .undo: return "undo"
        case .redo: return "redo"
        case .provider: return clock == .providerChange ? "provider" : "provider (by update time)"
        }
    }
}
