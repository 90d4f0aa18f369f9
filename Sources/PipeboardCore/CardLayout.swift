/// A field a card can show on one of its lines.
public enum CardField: Hashable, Sendable {
    case name, value, contact, company, who, owner, closeDate, source, probability, tags, email, phone, age, status
    /// The deal's next step (its earliest open task): due day and title, or a mark when an open deal has none.
    case nextStep
    /// A custom field by its name: `custom.NAME` in the config.
    case custom(String)

    /// Every name the config accepts (besides `custom.NAME`), in the order the README lists them.
    public static let configNames = [
        "name", "value", "contact", "company", "who", "owner", "close_date", "source", "probability", "tags",
        "email", "phone", "age", "status", "next_step",
    ]

    public init?(configName: String) {
        switch configName {
        case "name": self = .name
        case "value": self = .value
        case "contact": self = .contact
        case "company": self = .company
        case "who": self = .who
        case "owner": self = .owner
        case "close_date": self = .closeDate
        case "source": self = .source
        case "probability": self = .probability
        case "tags": self = .tags
        case "email": self = .email
        case "phone": self = .phone
        case "age": self = .age
        case "status": self = .status
        case "next_step": self = .nextStep
        default:
            guard configName.hasPrefix("custom."), configName.count > "custom.".count else { return nil }
            self = .custom(String(configName.dropFirst("custom.".count)))
        }
    }
}

/// What a card shows: one to three lines, each a list of fields written one after another.
public struct CardLayout: Hashable, Sendable {
    public static let maxLines = 3
    public var lines: [[CardField]]

    public init(lines: [[CardField]]) {
        self.lines = lines
    }

    /// Name; value and who it is with; the next step and days in stage.
    public static let standard = CardLayout(lines: [[.name], [.value, .who], [.nextStep, .age]])
}

/// The card layout of every pipeline: one default and overrides by pipeline name or id.
public struct CardLayouts: Hashable, Sendable {
    public var standard: CardLayout
    /// Keyed by pipeline name (lower case) or id, as written in the config.
    public var byPipeline: [String: CardLayout]

    public init(standard: CardLayout = .standard, byPipeline: [String: CardLayout] = [:]) {
        self.standard = standard
        self.byPipeline = byPipeline
    }

    public func layout(for pipeline: Pipeline) -> CardLayout {
        byPipeline[pipeline.id] ?? byPipeline[pipeline.name.lowercased()] ?? standard
    }
}
