import PipeboardCore

/// Keys of the funnel and forecast views: cycle what the bars measure, go back; the board's own keys for the
/// funnel and the forecast switch between them.
func handleChartKey(_ key: Key, state: inout AppState) -> [Effect] {
    let boardAction = state.keyMaps.board.action(for: key)
    if let chartSwitch = boardAction,
        chartSwitch == .showFunnel || chartSwitch == .showForecast || chartSwitch == .showVelocity,
        state.keyMaps.chart.action(for: key) == nil
    {
        return showChart(chartSwitch, state: &state)
    }
    switch state.keyMaps.chart.action(for: key) {
    case .close?:
        state.mode = .board
    case .nextMeasure?:
        switch state.mode {
        case .funnel(let measure):
            state.mode = .funnel(next(after: measure, in: state.funnelMeasures))
        case .forecast(let currency):
            let currencies = state.figures?.forecast.currencies ?? []
            if let current = currency ?? currencies.first, let index = currencies.firstIndex(of: current) {
                state.mode = .forecast(currency: currencies[(index + 1) % currencies.count])
            }
        case .velocity(let span):
            return showVelocity(span.next, state: &state)
        default:
            break
        }
    default:
        break
    }
    return []
}

/// Opens a chart; the same key again, from inside it, goes back to the board.
func showChart(_ action: Action, state: inout AppState) -> [Effect] {
    switch (action, state.mode) {
    case (.showFunnel, .funnel), (.showForecast, .forecast), (.showVelocity, .velocity):
        state.mode = .board
    case (.showVelocity, _):
        return showVelocity(.allTime, state: &state)
    case (.showFunnel, _):
        state.mode = .funnel(.count)
    case (.showForecast, _):
        state.mode = .forecast(currency: nil)
        return [.load(state.boardQuery)]
    default:
        break
    }
    return []
}

/// Opens the velocity view over `span` and asks for its figures.
func showVelocity(_ span: VelocitySpan, state: inout AppState) -> [Effect] {
    guard let snapshot = state.snapshot, snapshot.merge == nil else {
        state.status = .error("Velocity is per pipeline: open an account's own board")
        return []
    }
    state.mode = .velocity(span)
    state.velocity = nil
    return [
        .loadVelocity(
            account: snapshot.account, pipelineID: snapshot.pipeline.id,
            period: span.period(now: state.now, asOf: state.asOf))
    ]
}

private func next(after measure: ChartMeasure, in measures: [ChartMeasure]) -> ChartMeasure {
    guard let index = measures.firstIndex(of: measure) else { return measures.first ?? .count }
    return measures[(index + 1) % measures.count]
}

extension AppState {
    /// Every figure of the board as loaded: what the summary line, the funnel and the forecast draw.
    var figures: PipelineFigures? { snapshot.map { PipelineFigures(snapshot: $0, now: now) } }

    /// Deal count, then value in each currency the pipeline holds, largest first.
    var funnelMeasures: [ChartMeasure] {
        [.count] + Funnel(columns: columns).currencies.map(ChartMeasure.value)
    }
}
