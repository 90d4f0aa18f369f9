import PipeboardCore
import Testing
@testable import PipeboardTUI

/// The runtime reports a refusal or a sync's trouble as a value; `update` words it on the status line and names the
/// board's sync key as the config binds it.
@Suite("update: refusals and sync trouble, worded with the keys as bound")
struct RefusalWordingTests {
    static let attention = Attention(
        account: "agency", provider: "HighLevel", reason: "Invalid JWT", variables: ["$PIPEBOARD_TOKEN"])
    static let unconfirmed = "“Acme” may already be at the provider, which has not confirmed it yet; "
    static let paused =
        "account 'agency' needs attention: HighLevel refused its credentials (Invalid JWT). "
        + "Check the credentials in $PIPEBOARD_TOKEN and their permissions, then "

    /// The standard keys, refresh on F5, refresh unbound.
    static func keyMaps() throws -> [(KeyMaps, String)] {
        [
            (KeyMaps.standard, "r"), (try KeyMaps.standard.rebinding(["board": ["refresh": ["f5"]]]), "F5"),
            (try KeyMaps.standard.rebinding(["board": ["refresh": []]]), ""),
        ]
    }

    @Test func aRefusalIsAnErrorWithItsWordsAndTheBoardIsAskedFor() throws {
        for (keys, key) in try Self.keyMaps() {
            var state = Fixture.state()
            state.keyMaps = keys
            press(&state, .character("L")) // an optimistic move the refusal takes back
            #expect(!state.pendingCardIDs.isEmpty)
            let effects = update(&state, .refused(.createUnconfirmed("Acme")))
            #expect(effects == [.load(state.boardQuery)])
            #expect(state.pendingCardIDs.isEmpty)
            let sync = key.isEmpty ? "`pipeboard sync`" : "\(key) or `pipeboard sync`"
            #expect(state.status == .error(Self.unconfirmed + "try again after the next sync (\(sync))"))
        }
    }

    @Test func refusedCredentialsNameTheRetryKeyAsBound() throws {
        for (keys, key) in try Self.keyMaps() {
            var state = Fixture.state()
            state.keyMaps = keys
            let retry = key.isEmpty ? "run" : "press \(key) or run"
            let sentence = Self.paused + "\(retry) `pipeboard outbox retry --all`."
            _ = update(&state, .refused(.needsAttention(Self.attention)))
            #expect(state.status == .error(sentence))
            #expect(update(&state, .syncFailed(.paused(Self.attention))) == [.load(state.boardQuery)])
            #expect(state.status == .error(sentence))
            _ = update(&state, .syncFailed(.refusedDuringPull(Self.attention)))
            #expect(state.status == .error("agency: " + sentence))
        }
    }

    /// The command line's words are the board's with the shipped keys: one sentence, two places.
    @Test func theShippedKeysGiveTheCommandLinesWords() {
        var state = Fixture.state()
        for error in [ServiceError.createUnconfirmed("Acme"), .needsAttention(Self.attention), .nothingToRedo] {
            _ = update(&state, .refused(error))
            #expect(state.status == .error(error.description))
        }
        let problems = [SyncProblem.paused(Self.attention), .pullFailed(account: "agency", reason: "timed out")]
        for problem in problems {
            _ = update(&state, .syncFailed(problem))
            #expect(state.status == .error(problem.description))
        }
        #expect(state.status == .error("agency: timed out"))
    }

    @Test func aPausedChangeInTheOutboxNamesTheRetryKeyAsBound() throws {
        let item = OutboxItem(
            id: 1, account: "agency", opportunityID: Fixture.cards[0].id, cardName: "Acme", summary: "move to Won",
            state: .paused, reason: Self.attention.description, attention: Self.attention)
        for (keys, key) in try Self.keyMaps() {
            var state = Fixture.state()
            state.keyMaps = keys
            press(&state, .character("o"))
            _ = update(&state, .outboxLoaded([item]))
            let text = view(state).plainText.replacingOccurrences(of: "│", with: " ")
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let retry = key.isEmpty ? "then run" : "then press \(key) or run"
            #expect(text.contains("needs attention: HighLevel refused its credentials"), "\(text)")
            #expect(text.contains("\(retry) `pipeboard outbox retry --all`."), "\(text)")
        }
    }
}
