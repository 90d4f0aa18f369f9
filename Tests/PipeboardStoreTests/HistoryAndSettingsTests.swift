import Foundation
import Testing
@testable import PipeboardStore

@Suite("Undo history and settings")
struct HistoryAndSettingsTests {
    let store: CacheStore
    init() throws { store = try CacheStore.inMemory() }

    func record(_ label: String) -> HistoryRecord {
        HistoryRecord(label: label, payload: Data("{\"\(label)\":1}".utf8))
    }
    func push(_ label: String, limit: Int = 100) throws {
        try store.write { try $0.pushHistory(record(label), limit: limit) }
    }
    func undo() throws -> String? { try store.write { try $0.popUndo() }?.label }
    func redo() throws -> String? { try store.write { try $0.popRedo() }?.label }

    @Test func undoAndRedoWalkTheStack() throws {
        #expect(try store.canUndo() == false && store.canRedo() == false)
        #expect(try undo() == nil)
        try push("a")
        try push("b")
        try push("c")
        let undone = try store.write { try $0.popUndo() }
        #expect(undone?.label == "c" && undone?.payload == record("c").payload) // payload comes back byte for byte
        #expect(undone?.id != nil)
        #expect(try undo() == "b")
        #expect(try store.canUndo() == true && store.canRedo() == true)
        #expect(try redo() == "b")
        #expect(try redo() == "c")
        #expect(try redo() == nil)
        #expect(try undo() == "c")
        #expect(try undo() == "b")
        #expect(try undo() == "a")
        #expect(try undo() == nil)
        #expect(try store.canUndo() == false)
    }

    @Test func aNewChangeClearsTheRedoBranch() throws {
        try push("a")
        try push("b")
        #expect(try undo() == "b")
        try push("c")
        #expect(try store.canRedo() == false)
        #expect(try redo() == nil)
        #expect(try undo() == "c")
        #expect(try undo() == "a")
    }

    @Test func theStackKeepsOnlyTheNewestEntries() throws {
        for label in ["a", "b", "c", "d", "e"] { try push(label, limit: 3) }
        #expect(try undo() == "e")
        #expect(try undo() == "d")
        #expect(try undo() == "c")
        #expect(try undo() == nil)
    }

    @Test func settingsAreSetReplacedAndDeleted() throws {
        #expect(try store.setting("account") == nil)
        try store.write { try $0.setSetting("account", "acme") }
        #expect(try store.setting("account") == "acme")
        try store.write { try $0.setSetting("account", "globex") }
        #expect(try store.setting("account") == "globex")
        try store.write { try $0.setSetting("account", nil) }
        #expect(try store.setting("account") == nil)
    }
}
