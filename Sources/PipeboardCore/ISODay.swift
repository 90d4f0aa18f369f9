import Foundation

/// Days as the app writes them: "2026-03-14", in UTC.
public enum ISODay {
    /// By arithmetic on the days since 1970 rather than through Calendar and TimeZone: the board names the
    /// current month on every frame, and a calendar lookup was a twentieth of what a key cost.
    public static func string(from date: Date) -> String {
        let civil = civil(daysSince1970: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
        return Self.month(year: civil.year, month: civil.month) + "-" + twoDigits(civil.day)
    }

    /// The day `days` after 1970-01-01.
    public static func string(daysSince1970 days: Int) -> String {
        let civil = civil(daysSince1970: days)
        return Self.month(year: civil.year, month: civil.month) + "-" + twoDigits(civil.day)
    }

    /// Days from 1970-01-01 to an ISO day ("2026-03-14"); nil when the text is not a real day of the calendar.
    public static func daysSince1970(of text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1
        else { return nil }
        // The inverse of `civil`: years counted from March, in 400-year eras.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        // 2026-02-30 would count on into March: a day that does not round-trip does not exist.
        guard civil(daysSince1970: days) == (year, month, day) else { return nil }
        return days
    }

    /// "2026-03" for year 2026, month 3.
    public static func month(year: Int, month: Int) -> String {
        let digits = String(year)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "-" + twoDigits(month)
    }

    /// Year, month (1-12) and day (1-31) of a day counted from 1970-01-01, in the proleptic Gregorian calendar:
    /// days are grouped into 400-year eras of 146,097 days, and years are counted from March so that the leap
    /// day falls at the end.
    static func civil(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468 // days since 0000-03-01
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let marchMonth = (5 * dayOfYear + 2) / 153 // 0 = March ... 11 = February
        let day = dayOfYear - (153 * marchMonth + 2) / 5 + 1
        let month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
