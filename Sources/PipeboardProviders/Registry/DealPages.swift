import PipeboardCore

/// Where a deal's page is in its CRM's web app, for the board's "open in the CRM" key and `{{url}}`.
///
/// An account's `url_template` wins; otherwise the provider's own address where it is known:
/// - HighLevel: the location's opportunity list with the deal open, as the web app itself links it
///   (`app.gohighlevel.com/v2/location/LOCATION/opportunities/list/ID`); a white-label domain needs `url_template`.
/// - Twenty: the record's page (`/object/opportunity/ID`, the app's own route) on the self-hosted host, or on
///   app.twenty.com for the cloud API.
/// - BrightMove, Coperniq and Coastline publish no deal page (Coperniq's pages also carry a company number the
///   API does not give, Coastline's host is not published): none, unless `url_template` gives one.
/// - The local workspace keeps its deals here: none.
package enum DealPages {
    /// The account's page template, or why its deals have none.
    package static func page(for account: AccountConfig) throws(CardTemplateError) -> DealPage {
        if case .text(let written)? = account.settings["url_template"] { return .at(try CardTemplate(written)) }
        if let text = standard(for: account) { return .at(try CardTemplate(text)) }
        if account.provider == .local {
            return .none(reason: "the local workspace keeps its deals here, with no web page")
        }
        return .none(
            reason: "\(names[account.provider] ?? account.name) publishes no deal page; url_template in account "
                + "'\(account.name)' can give one")
    }

    private static let names: [ProviderKind: String] = [
        .brightmove: "BrightMove", .coperniq: "Coperniq", .coastline: "Coastline", .highlevel: "HighLevel",
        .twenty: "Twenty",
    ]

    /// The provider's own address for a deal, as template text.
    static func standard(for account: AccountConfig) -> String? {
        switch account.provider {
        case .highlevel:
            guard case .text(let location)? = account.settings["location_id"] else { return nil }
            return "https://app.gohighlevel.com/v2/location/\(TemplateEscape.percentEncoded(location))"
                + "/opportunities/list/{{remote_id}}?tab=Opportunity+Details"
        case .twenty:
            return twentyApp(baseURL: account.baseURL) + "/object/opportunity/{{remote_id}}"
        case .local, .brightmove, .coperniq, .coastline:
            return nil
        }
    }

    /// The web app beside a Twenty API: the same host when self-hosted, app.twenty.com for the cloud.
    static func twentyApp(baseURL: String?) -> String {
        var host = baseURL ?? "https://api.twenty.com"
        while host.hasSuffix("/") { host.removeLast() }
        if host.hasSuffix("/rest") { host.removeLast("/rest".count) }
        // Braces cannot be part of a host; dropping them keeps the address from reading as a placeholder.
        host = host.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")
        return host == "https://api.twenty.com" ? "https://app.twenty.com" : host
    }
}
