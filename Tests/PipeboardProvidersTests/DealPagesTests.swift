import PipeboardCore
import Testing

@testable import PipeboardProviders

/// Each provider's deal page in its web app, the account's own `url_template`, and the providers with none.
@Suite struct DealPagesTests {
    static let card = Opportunity(
        account: "a", remoteID: "yWQobCRIhRguQtD2llvk", pipelineID: "p", stageID: "s", name: "Acme",
        createdAt: .init(timeIntervalSince1970: 0))

    func url(_ account: AccountConfig) throws -> String? {
        guard case .at(let template) = try DealPages.page(for: account) else { return nil }
        let values = CardTemplate.values(of: Self.card, stage: nil, pipeline: nil, url: nil)
        return template.render(values, escape: TemplateEscape.percentEncoded)
    }

    @Test func highLevelOpensTheDealInItsLocationsOpportunityList() throws {
        let account = AccountConfig(
            name: "agency", provider: .highlevel, settings: ["location_id": .text("ve9EPM428h8vShlRW1KT")])
        #expect(
            try url(account)
                == "https://app.gohighlevel.com/v2/location/ve9EPM428h8vShlRW1KT/opportunities/list/"
                + "yWQobCRIhRguQtD2llvk?tab=Opportunity+Details")
    }

    @Test func twentyOpensTheRecordPageOnTheSelfHostedHostOrTheCloudApp() throws {
        let cloud = AccountConfig(name: "crm", provider: .twenty)
        #expect(try url(cloud) == "https://app.twenty.com/object/opportunity/yWQobCRIhRguQtD2llvk")
        for base in ["https://crm.example.com", "https://crm.example.com/", "https://crm.example.com/rest"] {
            let hosted = AccountConfig(name: "crm", provider: .twenty, baseURL: base)
            #expect(try url(hosted) == "https://crm.example.com/object/opportunity/yWQobCRIhRguQtD2llvk")
        }
    }

    @Test func providersWithoutAPublishedDealPageHaveNoneAndSayHowToGiveOne() throws {
        for kind in [ProviderKind.brightmove, .coperniq, .coastline] {
            guard case .none(let reason) = try DealPages.page(for: AccountConfig(name: "x", provider: kind)) else {
                Issue.record("\(kind) should have no deal page")
                continue
            }
            #expect(reason.contains("publishes no deal page"))
            #expect(reason.contains("url_template in account 'x'"))
        }
        guard case .none(let reason) = try DealPages.page(for: .local) else {
            Issue.record("the local workspace has no web page")
            return
        }
        #expect(reason.contains("local workspace"))
    }

    @Test func theAccountsURLTemplateWinsForEveryProvider() throws {
        for kind in ProviderKind.allCases {
            let account = AccountConfig(
                name: "x", provider: kind,
                settings: [
                    "url_template": .text("https://crm.example.com/deals/{{remote_id}}"), "location_id": .text("l"),
                ])
            #expect(try url(account) == "https://crm.example.com/deals/yWQobCRIhRguQtD2llvk")
        }
    }
}
