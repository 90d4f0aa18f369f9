import Foundation
import Testing
@testable import PipeboardCore

@Suite struct DueInputTests {
    /// Wednesday 2026-03-11, 22:00 UTC.
    let now = Date(timeIntervalSince1970: 1_773_266_400)

    func due(_ text: String) -> DueDate? { try? DueInput.parse(text, now: now).get() }

    @Test func theClockIsTheWednesdayItClaims() {
        #expect(ISOTime.string(from: now) == "2026-03-11T22:00:00Z")
    }

    @Test func relativeDays() {
        #expect(due("today") == DueDate(day: "2026-03-11"))
        #expect(due("Tomorrow") == DueDate(day: "2026-03-12"))
        #expect(due("yesterday") == DueDate(day: "2026-03-10"))
        #expect(due("+3d") == DueDate(day: "2026-03-14"))
        #expect(due("-1d") == DueDate(day: "2026-03-10"))
        #expect(due("+2w") == DueDate(day: "2026-03-25"))
        #expect(due("+30d") == DueDate(day: "2026-04-10"))
    }

    @Test func aWeekdayIsTheNextSuchDayNeverToday() {
        #expect(due("thu") == DueDate(day: "2026-03-12"))
        #expect(due("mon") == DueDate(day: "2026-03-16"))
        #expect(due("monday") == DueDate(day: "2026-03-16"))
        #expect(due("wed") == DueDate(day: "2026-03-18"))
        #expect(due("sun") == DueDate(day: "2026-03-15"))
    }

    @Test func isoDaysAndTimes() {
        #expect(due("2026-03-14") == DueDate(day: "2026-03-14"))
        #expect(due("2028-02-29 9:05") == DueDate(day: "2028-02-29", time: "09:05"))
        #expect(due("tomorrow 15:30") == DueDate(day: "2026-03-12", time: "15:30"))
        #expect(due("mon 3pm") == DueDate(day: "2026-03-16", time: "15:00"))
        #expect(due("today 12am") == DueDate(day: "2026-03-11", time: "00:00"))
        #expect(due("today 12:30pm") == DueDate(day: "2026-03-11", time: "12:30"))
    }

    @Test func badInputSaysWhatWouldHaveBeenUnderstood() {
        #expect(DueInput.parse("  ", now: now) == .failure(.empty))
        #expect(DueInput.parse("soon", now: now) == .failure(.unknownDay("soon")))
        #expect(DueInput.parse("mo", now: now) == .failure(.unknownDay("mo")))
        #expect(DueInput.parse("2026-02-30", now: now) == .failure(.unknownDay("2026-02-30")))
        #expect(DueInput.parse("2026-13-01", now: now) == .failure(.unknownDay("2026-13-01")))
        #expect(DueInput.parse("+d", now: now) == .failure(.unknownDay("+d")))
        #expect(DueInput.parse("today 25:00", now: now) == .failure(.invalidTime("25:00")))
        #expect(DueInput.parse("today 13pm", now: now) == .failure(.invalidTime("13pm")))
        #expect(DueInput.parse("today 15", now: now) == .failure(.invalidTime("15")))
        #expect(DueInput.parse("today at 3pm", now: now) == .failure(.tooManyWords("today at 3pm")))
        #expect(
            DueInputError.unknownDay("soon").description
                == "\"soon\" is not a day: try today, tomorrow, +3d, mon, or 2026-03-14")
    }

    @Test func isoDaysRoundTripThroughTheDayCount() {
        // From year 1 (day -719,162) to year 4160.
        for days in stride(from: -719_162, through: 800_000, by: 997) {
            let text = ISODay.string(daysSince1970: days)
            #expect(ISODay.daysSince1970(of: text) == days, "\(text)")
        }
        #expect(ISODay.daysSince1970(of: "1970-01-01") == 0)
        #expect(ISODay.daysSince1970(of: "2026-3-14") == nil)
        #expect(ISODay.daysSince1970(of: "+026-03-14") == nil)
    }
}
