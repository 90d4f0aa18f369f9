import Testing
@testable import PipeboardCore

@Suite struct ColumnFitTests {
    // `pipeboard list` of the starter deals: ID, NAME, STAGE, STATUS, VALUE, WITH, IN STAGE.
    let list = [8, 38, 11, 6, 8, 34, 8]
    let floors = [10, 10, 10, 10, 10, 10, 10]

    @Test func aLineThatFitsKeepsItsWidths() {
        #expect(ColumnFit.widths(list, floors: floors, cuttable: [1, 5], gap: 2, into: 125) == list)
        #expect(ColumnFit.widths(list, floors: floors, cuttable: [1, 5], gap: 2, into: 200) == list)
    }

    @Test func theWidestCuttableColumnsGiveWayUntilTheLineFits() {
        let fitted = ColumnFit.widths(list, floors: floors, cuttable: [1, 5], gap: 2, into: 80)
        #expect(fitted == [8, 13, 11, 6, 8, 14, 8])
        #expect(fitted.reduce(0, +) + 2 * 6 == 80)
    }

    @Test func noColumnGoesBelowItsFloorAndTheOthersAreNeverCut() {
        let fitted = ColumnFit.widths(list, floors: floors, cuttable: [1, 5], gap: 2, into: 40)
        #expect(fitted == [8, 10, 11, 6, 8, 10, 8])
    }
}
