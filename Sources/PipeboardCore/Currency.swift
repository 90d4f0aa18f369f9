import Foundation
import Synchronization

/// ISO 4217 currencies as Foundation knows them: which codes a user may give, and how many decimals each allows.
/// Only what a user types is checked; amounts from a provider keep their currency and their exact value.
public enum Currency {
    /// A current ISO 4217 code: Foundation's common currencies, plus the fund codes it lists apart (CLF, UYW ...),
    /// in which prices are quoted too. Precious metals, XDR and the codes for testing or no currency (XTS, XXX)
    /// are left out: no deal is priced in them.
    public static func isISO4217(_ code: String) -> Bool {
        known.contains(code.uppercased())
    }

    /// How many decimals an amount in this currency may have (ISO 4217's minor unit): USD 2, JPY 0, BHD 3, CLF 4.
    /// Nil for a code that is not ISO 4217.
    public static func minorUnits(_ code: String) -> Int? {
        let code = code.uppercased()
        guard known.contains(code) else { return nil }
        if let digits = iso4217WhereCLDRDiffers[code] { return digits }
        return cache.withLock { cache in
            if let digits = cache[code] { return digits }
            let digits = foundationFractionDigits(code)
            cache[code] = digits
            return digits
        }
    }

    private static let known: Set<String> = {
        let listed = Set(Locale.Currency.isoCurrencies.map(\.identifier))
        return Set(Locale.commonISOCurrencyCodes).union(fundCodes.filter(listed.contains))
    }()

    /// ISO 4217 fund codes, which Foundation does not count as common.
    private static let fundCodes = ["BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW"]

    /// Foundation's currency formats follow CLDR, whose digits are those in everyday use: for these currencies it
    /// shows fewer decimals than ISO 4217 defines (IQD 0 instead of 3, IDR 0 instead of 2), and an amount the
    /// standard allows must not be refused.
    private static let iso4217WhereCLDRDiffers: [String: Int] = [
        "AFN": 2, "ALL": 2, "COP": 2, "IDR": 2, "IQD": 3, "IRR": 2, "KPW": 2, "LAK": 2, "LBP": 2, "MGA": 2,
        "MMK": 2, "PKR": 2, "RSD": 2, "SLL": 2, "SOS": 2, "SYP": 2, "YER": 2,
    ]

    private static let cache = Mutex<[String: Int]>([:])

    /// The fraction digits of Foundation's currency format for the code. `NumberFormatter.maximumFractionDigits`
    /// cannot be used: on Linux it stays 2 for every currency (JPY and BHD included), while the format itself
    /// follows the currency; its fraction part is counted instead.
    private static func foundationFractionDigits(_ code: String) -> Int {
        let sample = Decimal(sign: .plus, exponent: -9, significand: 123_456_789)
        let text = sample.formatted(.currency(code: code).locale(Locale(identifier: "en_US_POSIX")).attributed)
        return text.runs.filter { $0.numberPart == .fraction }.map { text[$0.range].characters.count }.reduce(0, +)
    }
}
