import PipeboardCore

/// `b`: the card's page in its CRM, opened by the runtime; where there is none, the status bar says why.
func openPage(of card: Opportunity?, state: inout AppState) -> [Effect] {
    guard let card else { return [] }
    switch state.pageURL(of: card) {
    case .success(let url):
        return [.openURL(url)]
    case .failure(let reason):
        state.status = .info("\(card.name): no page to open: \(reason.text)")
        return []
    }
}

/// Why a card has no page to open.
struct NoPage: Error, Hashable {
    var text: String
}

extension AppState {
    /// The card's page in its account's web app, or why it has none.
    func pageURL(of card: Opportunity) -> Result<String, NoPage> {
        switch dealPages[card.account] {
        case .at(let template)?:
            if template.placeholders.contains("remote_id"), card.remoteID == nil {
                return .failure(NoPage(text: "it is not at the provider yet (its add is waiting to be sent)"))
            }
            let values = CardTemplate.values(
                of: card, stage: stageName(of: card), pipeline: snapshot?.pipeline.name, url: nil)
            return .success(template.render(values, escape: TemplateEscape.percentEncoded))
        case .none(let reason)?:
            return .failure(NoPage(text: reason))
        case nil:
            return .failure(NoPage(text: "its account has no web page configured"))
        }
    }

    /// The name of the card's stage: its account's own, else the column it is shown in.
    func stageName(of card: Opportunity) -> String? {
        guard let snapshot else { return nil }
        if let stage = snapshot.pipeline.stages.first(where: { $0.id == card.stageID }) { return stage.name }
        return snapshot.locate(card.id).map { snapshot.columns[$0.column].stage.name }
    }
}
