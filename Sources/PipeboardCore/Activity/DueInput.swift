import Foundation

/// Reads a due date as a user types it: a day, then optionally a time.
///
/// Days: `today`, `tomorrow`, `yesterday`, `+3d` / `-1d` / `+2w` (from today), a weekday (`mon`, `monday`: the
/// next such day, never today), or an ISO day (`2026-03-14`). Times: `15:30`, `9:00`, `3pm`, `3:30pm`.
/// Days are counted in UTC, as the app writes them (`ISODay`).
public enum DueInput {
    public static func parse(_ text: String, now: Date) -> Result<DueDate, DueInputError> {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        guard let dayWord = words.first else { return .failure(.empty) }
        guard words.count <= 2 else { return .failure(.tooManyWords(text)) }
        let today = Int((now.timeIntervalSince1970 / 86_400).rounded(.down))
        guard let day = day(dayWord, today: today) else { return .failure(.unknownDay(dayWord)) }
        guard words.count == 2 else { return .success(DueDate(day: ISODay.string(daysSince1970: day))) }
        guard let time = time(words[1]) else { return .failure(.invalidTime(words[1])) }
        return .success(DueDate(day: ISODay.string(daysSince1970: day), time: time))
    }

    /// Monday first, as `mon` … `sun` and their full names.
    private static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// The day meant, as days since 1970-01-01.
    private static func day(_ word: String, today: Int) -> Int? {
        switch word {
        case "today": return today
        case "tomorrow": return today + 1
        case "yesterday": return today - 1
        default: break
        }
        if let offset = offset(word) { return today + offset }
        if word.count >= 3, let index = weekdays.firstIndex(where: { $0.hasPrefix(word) }) {
            // 1970-01-01 was a Thursday (index 3).
            let todayIndex = ((today + 3) % 7 + 7) % 7
            let ahead = (index - todayIndex + 7) % 7
            return today + (ahead == 0 ? 7 : ahead)
        }
        return ISODay.daysSince1970(of: word)
    }

    /// `+3d`, `-1d`, `+2w`: days from today.
    private static func offset(_ word: String) -> Int? {
        guard let sign = word.first, sign == "+" || sign == "-", let unit = word.last, unit == "d" || unit == "w"
        else { return nil }
        let digits = word.dropFirst().dropLast()
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let count = Int(digits)
        else {
            return nil
        }
        return (sign == "-" ? -1 : 1) * count * (unit == "w" ? 7 : 1)
    }

    /// "15:30", "9:00", "3pm", "3:30pm", "12am" as 24-hour "HH:MM".
    private static func time(_ word: String) -> String? {
        var text = Substring(word)
        var meridiem: String?
        if text.hasSuffix("am") || text.hasSuffix("pm") {
            meridiem = String(text.suffix(2))
            text = text.dropLast(2)
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
            parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            var hour = Int(parts[0])
        else { return nil }
        let minute = parts.count == 2 ? Int(parts[1]) : 0
        guard let minute, (0..<60).contains(minute), parts.count == 2 || meridiem != nil else { return nil }
        if let meridiem {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (meridiem == "pm" ? 12 : 0)
        }
        guard (0..<24).contains(hour) else { return nil }
        return (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }
}

/// Why a due date could not be read; each says what would have been understood.
public enum DueInputError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    case tooManyWords(String)
    case unknownDay(String)
    case invalidTime(String)

    public var description: String {
        let days = "today, tomorrow, +3d, mon, or 2026-03-14"
        switch self {
        case .empty: return "no due date given: try \(days)"
        case .tooManyWords(let text):
            return "\"\(text)\" is not a due date: give a day and at most a time, as \"tomorrow 15:30\""
        case .unknownDay(let word): return "\"\(word)\" is not a day: try \(days)"
        case .invalidTime(let word): return "\"\(word)\" is not a time: try 15:30, 9:00 or 3pm"
        }
    }
}
