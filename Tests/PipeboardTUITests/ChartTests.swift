import Foundation
import PipeboardCore
import Testing
@testable import PipeboardTUI

@Suite("Funnel, forecast and progress")
struct ChartTests {
    @Test func funnelKeyOpensCyclesAndCloses() {
        var state = Fixture.state()
        #expect(press(&state, .character("F")).isEmpty)
        #expect(state.mode == .funnel(.count))
        press(&state, .character("t"))
        #expect(state.mode == .funnel(.value("USD")))
        press(&state, .character("t"))
        #expect(state.mode == .funnel(.value("EUR")))
        press(&state, .character("t"))
        #expect(state.mode == .funnel(.count))
        press(&state, .character("F"))
        #expect(state.mode == .board)
        press(&state, .character("F"), .escape)
        #expect(state.mode == .board)
    }

    @Test func forecastKeyAsksForTheCloseMonthsAndLeavesThemOutOfOtherLoads() {
        var state = Fixture.state()
        #expect(!state.boardQuery.includeForecast)
        let effects = press(&state, .character("$"))
        #expect(state.mode == .forecast(currency: nil))
        #expect(effects == [.load(state.boardQuery)])
        #expect(state.boardQuery.includeForecast)
        press(&state, .tab)
        #expect(state.mode == .forecast(currency: "EUR"))
        press(&state, .character("F"))
        #expect(state.mode == .funnel(.count))
        press(&state, .character("q"))
        #expect(!state.boardQuery.includeForecast)
    }

    @Test func forecastWaitsForItsFigures() {
        var snapshot = Fixture.snapshot()
        snapshot.includesForecast = false
        var state = Fixture.state(snapshot: snapshot)
        press(&state, .character("$"))
        #expect(view(state).plainText.contains("Reading the forecast…"))
    }

    /// Small terminals squeeze the charts but never break the grid.
    @Test(arguments: [(50, 20), (40, 12), (30, 10), (200, 60)])
    func chartsStayWellFormedAtAnySize(width: Int, height: Int) {
        for key in ["F", "$"] {
            var state = Fixture.state(width: width, height: height)
            press(&state, .character(Character(key)))
            expectWellFormed(view(state))
            press(&state, .tab)
            expectWellFormed(view(state))
        }
        var state = Fixture.state(width: width, height: height)
        _ = update(&state, .pullProgress(PullProgress(received: 10, fraction: 0.5)))
        expectWellFormed(view(state))
    }

    @Test func barsUseEighthsInUnicodeAndHashesInASCII() {
        #expect(Bars.bar(1, width: 4, charset: .unicode) == "████")
        #expect(Bars.bar(0.5, width: 3, charset: .unicode) == "█▌")
        #expect(Bars.bar(0.5, width: 4, charset: .ascii) == "##")
        #expect(Bars.bar(0.001, width: 10, charset: .ascii) == "#")
        #expect(Bars.bar(0.001, width: 10, charset: .unicode) == "▏")
        #expect(Bars.bar(0, width: 10, charset: .unicode) == "")
        #expect(Bars.bar(.nan, width: 10, charset: .unicode) == "")
        #expect(Bars.bar(3, width: 2, charset: .ascii) == "##")
    }

    @Test func sparklineScalesToThePeakAndMarksEmptyWeeks() {
        #expect(Bars.sparkline([0, 1, 4, 8], charset: .unicode) == "·▁▄█")
        #expect(Bars.sparkline([0, 1, 4, 8], charset: .ascii) == "._-#")
        #expect(Bars.sparkline([0, 0], charset: .unicode) == "··")
        #expect(Bars.sparkline([], charset: .unicode) == "")
    }

    @Test func progressBarHasAFixedWidth() {
        #expect(Bars.progress(0.5, width: 8, charset: .unicode) == "████░░░░")
        #expect(Bars.progress(0, width: 4, charset: .ascii) == "....")
        #expect(Bars.progress(2, width: 4, charset: .ascii) == "####")
    }

    @Test func progressTextForTerminalsAndPipes() {
        let text = ProgressText(done: 1_200, fraction: 0.25, pages: 12, unit: "records", elapsed: 4)
        #expect(text.rate == 300)
        #expect(text.secondsLeft == 12)
        #expect(text.line(charset: .ascii, barWidth: 8) == "[##......]   25%  12 pages  1200 records  300/s  ~12s left")
        #expect(text.plainLine == "25%: 12 pages, 1200 records, 300/s, about 12s left")
        let unknown = ProgressText(done: 5, fraction: nil, pages: 1, unit: "records", elapsed: 0)
        #expect(unknown.plainLine == "1 page, 5 records")
        #expect(ProgressText.duration(125) == "2m05s")
        #expect(ProgressText.duration(3_780) == "1h03m")
    }
}
