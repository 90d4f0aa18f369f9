import Foundation
import PipeboardCore
import Testing

@Suite("ISODay")
struct ISODayTests {
    /// The arithmetic agrees with Foundation's Gregorian calendar in UTC, day by day over four centuries
    /// (leap years, century years, 2000) and at times of day either side of midnight.
    @Test func agreesWithTheGregorianCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = -25_567 // 1900-01-01
        for day in stride(from: start, to: start + 146_097, by: 1) {
            for seconds in [0.0, 86_399.5] {
                let date = Date(timeIntervalSince1970: Double(day) * 86_400 + seconds)
                let parts = calendar.dateComponents([.year, .month, .day], from: date)
                let expected = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
                if ISODay.string(from: date) != expected {
                    Issue.record("\(ISODay.string(from: date)) for \(expected)")
                    return
                }
            }
        }
    }

    @Test func knownDays() {
        #expect(ISODay.string(from: Date(timeIntervalSince1970: 0)) == "1970-01-01")
        #expect(ISODay.string(from: Date(timeIntervalSince1970: -1)) == "1969-12-31")
        #expect(ISODay.string(from: Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29")
        #expect(ISODay.month(year: 987, month: 7) == "0987-07")
    }
}
