import PipeboardCore

/// A custom command's key: its shell line for the focused card, or for each selected card, each value quoted.
func runCommand(_ command: CustomCommand, state: inout AppState) -> [Effect] {
    let cards =
        state.selection.isEmpty
        ? [state.focusedCard].compactMap { $0 } : state.selectionOrder.compactMap { state.selection[$0] }
    guard !cards.isEmpty else {
        state.status = .info("\(command.name): no card to run it on")
        return []
    }
    let lines = cards.map { card in
        let url = try? state.pageURL(of: card).get()
        let values = CardTemplate.values(
            of: card, stage: state.stageName(of: card), pipeline: state.snapshot?.pipeline.name, url: url)
        return CommandRun.Line(
            card: card.name, shell: command.template.render(values, escape: TemplateEscape.shellQuoted))
    }
    let on = cards.count == 1 ? cards[0].name : "\(cards.count) deals"
    state.status = .info("Running \(command.name) on \(on)…")
    return [.runCommand(CommandRun(name: command.name, output: command.output, lines: lines))]
}

/// The status bar reports the exit status; output meant for the overlay opens it, unless another view took the
/// screen meanwhile.
func receiveCommandResult(_ result: CommandResult, state: inout AppState) {
    state.status = commandSentence(result)
    guard result.output == .overlay else { return }
    switch state.mode {
    case .board, .commandOutput: break
    default: return
    }
    let text: String
    if result.outcomes.count == 1 {
        text = result.outcomes[0].output
    } else {
        text = result.outcomes.map { "── \($0.card): \($0.status) ──\n" + $0.output }.joined(separator: "\n")
    }
    let on = result.outcomes.count == 1 ? result.outcomes[0].card : "\(result.outcomes.count) deals"
    state.mode = .commandOutput(CommandOutputState(title: "\(result.name) · \(on)", text: text))
}

/// "deploy: exit 0"; on several cards "deploy on 3 deals: 2 exit 0, 1 failed (Acme: exit 2)". A quiet command
/// shows no box, so a failure ends with the last line it printed, where it says why: "deploy: exit 2: no token".
func commandSentence(_ result: CommandResult) -> StatusMessage {
    let failed = result.outcomes.filter { !$0.status.succeeded }
    func why(_ outcome: CommandResult.Outcome) -> String {
        guard result.output == .quiet else { return "" }
        let last = outcome.output.split(whereSeparator: \.isNewline).last { !ProviderText.clean(String($0)).isEmpty }
        return last.map { ": " + ProviderText.clean(String($0)) } ?? ""
    }
    if result.outcomes.count == 1 {
        let text = "\(result.name): \(result.outcomes[0].status)"
        return failed.isEmpty ? .info(text) : .error(text + why(result.outcomes[0]))
    }
    let head = "\(result.name) on \(result.outcomes.count) deals"
    guard let first = failed.first else { return .info("\(head): all exit 0") }
    let succeeded = result.outcomes.count - failed.count
    return .error(
        "\(head): \(succeeded) exit 0, \(failed.count) failed (\(first.card): \(first.status)\(why(first)))")
}

/// Keys in the output overlay: scroll by a row, a page, to either end; close.
func handleCommandOutputKey(_ key: Key, output: inout CommandOutputState, state: inout AppState) -> [Effect] {
    let inner = CommandOutputState.innerSize(screenWidth: state.width, screenHeight: state.height)
    let last = max(0, output.rows(width: inner.width).count - inner.rows)
    switch state.keyMaps.commandOutput.action(for: key) {
    case .close?:
        state.mode = .board
        return []
    case .choosePrevious?: output.top -= 1
    case .chooseNext?: output.top += 1
    case .pageUp?: output.top -= inner.rows
    case .pageDown?: output.top += inner.rows
    case .firstCard?: output.top = 0
    case .lastCard?: output.top = last
    default: return []
    }
    output.top = min(max(0, output.top), last)
    state.mode = .commandOutput(output)
    return []
}
