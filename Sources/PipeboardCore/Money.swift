import Foundation

/// An exact amount of money: millionths of a major unit plus an ISO-4217 code.
/// Micros are Twenty's unit and exact for every other provider; never convert through Double arithmetic.
public struct Money: Hashable, Sendable, Codable {
    public var micros: Int64
    public var currency: String

    public static let microsPerUnit: Int64 = 1_000_000

    public init(micros: Int64, currency: String) {
        self.micros = micros
        self.currency = currency.uppercased()
    }

    /// Parses a decimal amount such as "1234.56" or "1,234.5" exactly. Returns nil for anything else,
    /// including more than six decimals, signs other than a leading minus, and overflow. Commas group thousands
    /// only: "12,5" (a decimal comma elsewhere) is refused, not read as 125.
    public init?(decimal text: String, currency: String) {
        var digits = text.trimmingCharacters(in: .whitespaces)
        var negative = false
        if digits.hasPrefix("-") { negative = true; digits.removeFirst() }
        if digits.contains(",") {
            guard Money.groupsThousands(digits) else { return nil }
            digits.removeAll { $0 == "," }
        }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard !digits.isEmpty, parts.count <= 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            !(parts.first?.isEmpty ?? true) || (parts.count == 2 && !parts[1].isEmpty)
        else { return nil }
        let whole = parts[0].isEmpty ? "0" : String(parts[0])
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 6, let units = Int64(whole) else { return nil }
        let padded = fraction.padding(toLength: 6, withPad: "0", startingAt: 0)
        guard let fractionMicros = Int64(padded) else { return nil }
        let (scaled, overflow) = units.multipliedReportingOverflow(by: Money.microsPerUnit)
        guard !overflow else { return nil }
        let (total, overflow2) = scaled.addingReportingOverflow(fractionMicros)
        guard !overflow2 else { return nil }
        self.init(micros: negative ? -total : total, currency: currency)
    }

    /// Whether the commas of an amount group its whole part in threes: "1,250" and "12,500.50", not "12,5",
    /// "1,2500", ",500" or "1.250,50".
    static func groupsThousands(_ text: String) -> Bool {
        let whole = text.prefix { $0 != "." }
        guard !text.dropFirst(whole.count).contains(",") else { return false }
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        return (1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// Converts a provider's major-unit number exactly, going through its shortest decimal text.
    public init?(major value: Double, currency: String) {
        guard value.isFinite else { return nil }
        // Whole cents, the common case, need no Decimal: the value is the double nearest to cents / 100, and no
        // other amount in cents is that near, so cents / 100 is its shortest decimal text.
        let cents = (value * 100).rounded()
        if abs(cents) < 1e15, cents / 100 == value {
            self.init(micros: Int64(cents) * (Money.microsPerUnit / 100), currency: currency)
            return
        }
        let text = Decimal(value).description
        if let money = Money(decimal: text, currency: currency) {
            self = money
        } else {
            // More than six decimals: round half away from zero on the decimal, not the binary value.
            var source = Decimal(value) * Decimal(Money.microsPerUnit)
            var rounded = Decimal()
            NSDecimalRound(&rounded, &source, 0, .plain)
            guard let micros = Int64(exactly: NSDecimalNumber(decimal: rounded).int64Value),
                Decimal(micros) == rounded
            else { return nil }
            self.init(micros: micros, currency: currency)
        }
    }

    public static func zero(_ currency: String) -> Money { Money(micros: 0, currency: currency) }

    public var isNegative: Bool { micros < 0 }

    /// The amount in major units as an exact Decimal.
    public var decimal: Decimal { Decimal(micros) / Decimal(Money.microsPerUnit) }

    /// Plain decimal text with no grouping and no trailing zeros: "1234.5", "0", "-12".
    public var decimalString: String {
        let sign = micros < 0 ? "-" : ""
        let magnitude = micros.magnitude
        let whole = magnitude / UInt64(Money.microsPerUnit)
        let fraction = magnitude % UInt64(Money.microsPerUnit)
        guard fraction > 0 else { return "\(sign)\(whole)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(sign)\(whole).\(digits)"
    }

    /// How many decimals the exact amount has: 0 for 12500, 1 for 12500.5, 3 for 12500.555.
    public var decimalPlaces: Int {
        var fraction = micros.magnitude % UInt64(Money.microsPerUnit)
        guard fraction > 0 else { return 0 }
        var places = 6
        while fraction % 10 == 0 { fraction /= 10; places -= 1 }
        return places
    }

    /// The amount in major units for a provider that speaks Double (HighLevel, BrightMove, Coperniq, Coastline).
    public var majorUnits: Double { Double(decimalString) ?? 0 }
}

extension Money {
    /// A currency's symbol where one is unambiguous, else its code followed by a space.
    public static func symbol(for currency: String) -> String {
        switch currency.uppercased() {
        case "USD": return "$"
        case "EUR": return "€"
        case "GBP": return "£"
        case "JPY": return "¥"
        case "INR": return "₹"
        case "CHF": return "CHF "
        default: return currency.uppercased() + " "
        }
    }

    /// The exact amount with grouping, for details, lists and reports: "$12,500", "$9,999.99", "$12,500.50",
    /// "-€1,200", "BHD 1.255". Cents are written as two digits; nothing is rounded away.
    public var formatted: String {
        let sign = micros < 0 ? "-" : ""
        let magnitude = micros.magnitude
        let whole = magnitude / UInt64(Money.microsPerUnit)
        let fraction = magnitude % UInt64(Money.microsPerUnit)
        let text = sign + Money.symbol(for: currency) + Money.grouped(whole)
        guard fraction > 0 else { return text }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        while digits.count > 2 && digits.hasSuffix("0") { digits.removeLast() }
        return text + "." + digits
    }

    /// Short amount for cards and headers: "$950", "$12.5k", "$1.2M", "$3.4B".
    public var compact: String {
        let sign = micros < 0 ? "-" : ""
        let units = Double(micros.magnitude) / Double(Money.microsPerUnit)
        let symbol = Money.symbol(for: currency)
        let scaled: String
        switch units {
        case ..<1_000: scaled = String(Int(units.rounded()))
        case ..<1_000_000: scaled = Money.oneDecimal(units / 1_000) + "k"
        case ..<1_000_000_000: scaled = Money.oneDecimal(units / 1_000_000) + "M"
        default: scaled = Money.oneDecimal(units / 1_000_000_000) + "B"
        }
        return sign + symbol + scaled
    }

    static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        if tenths >= 1000 || tenths % 10 == 0 { return String(tenths / 10) }
        return "\(tenths / 10).\(tenths % 10)"
    }
}

/// Sums kept apart per currency: different currencies are never added together.
public struct MoneyTotals: Hashable, Sendable, Codable {
    public private(set) var microsByCurrency: [String: Int64]

    public init(_ microsByCurrency: [String: Int64] = [:]) { self.microsByCurrency = microsByCurrency }

    public mutating func add(_ money: Money) {
        microsByCurrency[money.currency, default: 0] &+= money.micros
    }

    /// Totals in a stable order: largest first, then by code.
    public var amounts: [Money] {
        microsByCurrency.map { Money(micros: $0.value, currency: $0.key) }
            .sorted { ($0.micros, $1.currency) > ($1.micros, $0.currency) }
    }

    public var isEmpty: Bool { microsByCurrency.isEmpty }
}
