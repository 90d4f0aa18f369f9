import Testing
@testable import PipeboardTUI

/// What the status bar says when a custom command ends.
@Suite struct CommandSentenceTests {
    private func result(_ output: CustomCommand.Output, _ outcomes: [CommandResult.Outcome]) -> CommandResult {
        CommandResult(name: "deploy", output: output, outcomes: outcomes)
    }

    @Test func aQuietCommandThatFailsSaysItsLastLine() {
        let failed = CommandResult.Outcome(card: "Acme", status: .exited(2), output: "trying\nno token\n\n")
        #expect(commandSentence(result(.quiet, [failed])) == .error("deploy: exit 2: no token"))
        let two = [CommandResult.Outcome(card: "Globex", status: .exited(0), output: "ok\n"), failed]
        #expect(
            commandSentence(result(.quiet, two))
                == .error("deploy on 2 deals: 1 exit 0, 1 failed (Acme: exit 2: no token)"))
    }

    @Test func whatItPrintsIsMadeSafeAndSilenceAddsNothing() {
        let hostile = CommandResult.Outcome(card: "Acme", status: .exited(1), output: "\u{1b}[31mbad\u{1b}[0m\n")
        #expect(commandSentence(result(.quiet, [hostile])) == .error("deploy: exit 1: bad"))
        let silent = CommandResult.Outcome(card: "Acme", status: .exited(1))
        #expect(commandSentence(result(.quiet, [silent])) == .error("deploy: exit 1"))
    }

    @Test func anOverlayOrASuccessKeepsToTheExitStatus() {
        let failed = CommandResult.Outcome(card: "Acme", status: .exited(2), output: "no token\n")
        #expect(commandSentence(result(.overlay, [failed])) == .error("deploy: exit 2"))
        let fine = CommandResult.Outcome(card: "Acme", status: .exited(0), output: "done\n")
        #expect(commandSentence(result(.quiet, [fine])) == .info("deploy: exit 0"))
    }
}
