import PipeboardCore
import Testing

@Suite("Spelling")
struct SpellingTests {
    @Test func distanceCountsEachEditOnce() {
        #expect(Spelling.distance("list", "list") == 0)
        #expect(Spelling.distance("", "add") == 3)
        #expect(Spelling.distance("lsit", "list") == 1) // two neighbours swapped
        #expect(Spelling.distance("lsit", "edit") == 2)
        #expect(Spelling.distance("kitten", "sitting") == 3)
        #expect(Spelling.distance("ca", "abc") == 3) // optimal string alignment: no edit of a swapped pair
        #expect(Spelling.distance("pipline", "pipelines") == 2)
    }

    @Test func closestIsTheNearestWordWithinReach() {
        let commands = ["board", "list", "add", "move", "status", "edit", "delete", "pipelines", "undo", "redo"]
        #expect(Spelling.closest(to: "lsit", among: commands) == "list")
        #expect(Spelling.closest(to: "stauts", among: commands) == "status")
        #expect(Spelling.closest(to: "pipeline", among: commands) == "pipelines")
        #expect(Spelling.closest(to: "frobnicate", among: commands) == nil)
        #expect(Spelling.closest(to: "x", among: [String]()) == nil)
        // A tie goes to the first in sorted order, whatever the order given.
        #expect(Spelling.closest(to: "ado", among: ["undo", "add"]) == "add")
    }
}
