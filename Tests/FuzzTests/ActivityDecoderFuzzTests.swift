import Foundation
import PipeboardCore
import PipeboardProviders
import ProviderFakes
import PropertyBased
import Testing

/// The notes and tasks readers of each client against its fake, with the answers rewritten into broken or
/// hostile bodies: they return notes and tasks whose text holds no control character, or throw a ProviderError
/// with a short message; they never crash.
@Suite(.serialized, .timeLimit(.minutes(5))) struct ActivityDecoderFuzzTests {
    @Test(arguments: ProviderDecoderFuzzTests.providers)
    func mutatedNoteAndTaskAnswers(_ name: String) async throws {
        let subject = try await ProviderDecoderFuzzTests.start(name)
        let pipelineID = try await subject.provider.fetchPipelines()[0].id
        let record = try #require(
            try await subject.provider.pull(pipelineID: pipelineID, after: nil).opportunities.first)
        let deal = record.opportunity(account: "fuzz", existing: nil, defaultRank: 0)
        let provider = subject.provider
        _ = try await provider.addNote(
            Note(account: "fuzz", opportunityID: deal.id, text: "Called \u{1B}[31mback\u{202E}", createdAt: Date()),
            to: deal)
        _ = try await provider.addTask(
            DealTask(
                account: "fuzz", opportunityID: deal.id, title: "Quote\u{9B}2J", due: DueDate(day: "2026-03-14"),
                createdAt: Date()), to: deal)
        let plans = Gen.int(in: 0...Int(Int32.max)).array(of: 1...5)
        let refused = Locked(0)
        await FuzzSeed.check("ActivityDecoderFuzzTests/\(name)", count: 100, input: zip(plans, plans)) {
            first, second in
            subject.faults.rewriteNext([{ Mutator.mutate($0, with: first) }])
            let notesRead = await ProviderDecoderFuzzTests.expectCleanOutcome(name) {
                let notes = try await provider.notes(of: deal)
                for text in notes.map(\.text) + notes.compactMap(\.author) { Self.expectPrintable(text) }
                return notes.count
            }
            subject.faults.rewriteNext([{ Mutator.mutate($0, with: second) }])
            let tasksRead = await ProviderDecoderFuzzTests.expectCleanOutcome(name) {
                let tasks = try await provider.tasks(of: deal)
                for text in tasks.map(\.title) + tasks.compactMap(\.owner) { Self.expectPrintable(text) }
                return tasks.count
            }
            refused.withLock { $0 += (notesRead ? 0 : 1) + (tasksRead ? 0 : 1) }
        }
        await subject.stop()
        // The mutations reached the client: some broken answers are refused, some still decode.
        let total = refused.withLock { $0 }
        #expect(total > 10 && total < 200, "\(total) of 200 answers refused")
    }

    static func expectPrintable(_ text: String) {
        #expect(!text.unicodeScalars.contains { ProviderText.isControlForTests($0.value) }, "\(text.debugDescription)")
    }
}
