/// One field of a provider's create / edit form: what it asks for and how to check it.
public struct FieldSpec: Hashable, Sendable, Identifiable {
    public enum Kind: Hashable, Sendable {
        case text
        case money
        case date
        case stage
        case status
        case percent
        case tags
        /// One of a fixed list of values.
        case choice([String])
        /// A value the provider suggests as the user types (BrightMove's client, through `GET /clients?q=`).
        case lookup
    }

    /// The key used by `--set key=value`, the draft and the form.
    public var id: String
    public var label: String
    public var kind: Kind
    public var required: Bool
    /// Shown in the quick-add form (the edit form shows every field).
    public var inQuickAdd: Bool
    public var help: String?

    public init(
        id: String, label: String, kind: Kind = .text, required: Bool = false, inQuickAdd: Bool = false,
        help: String? = nil
    ) {
        self.id = id
        self.label = label
        self.kind = kind
        self.required = required
        self.inQuickAdd = inQuickAdd
        self.help = help
    }
}

extension FieldSpec {
    /// The fields every provider's opportunity has, in form order.
    public static let standard: [FieldSpec] = [
        FieldSpec(id: "name", label: "Name", required: true, inQuickAdd: true),
        FieldSpec(
            id: "value", label: "Value", kind: .money, inQuickAdd: true,
            help: "a non-negative amount, e.g. 12500 or 1,250.50"),
        FieldSpec(id: "currency", label: "Currency", inQuickAdd: true, help: "an ISO 4217 code, e.g. USD, EUR or JPY"),
        FieldSpec(id: "contact", label: "Contact", inQuickAdd: true),
        FieldSpec(id: "company", label: "Company"),
        FieldSpec(id: "stage", label: "Stage", kind: .stage, required: true, inQuickAdd: true),
        FieldSpec(id: "status", label: "Status", kind: .status),
        FieldSpec(id: "email", label: "Email"),
        FieldSpec(id: "phone", label: "Phone"),
        FieldSpec(id: "owner", label: "Owner"),
        FieldSpec(id: "close_date", label: "Close date", kind: .date, help: "YYYY-MM-DD"),
        FieldSpec(id: "source", label: "Source"),
        FieldSpec(id: "probability", label: "Probability", kind: .percent, help: "0 to 100"),
        FieldSpec(id: "tags", label: "Tags", kind: .tags, help: "comma-separated"),
    ]
}
