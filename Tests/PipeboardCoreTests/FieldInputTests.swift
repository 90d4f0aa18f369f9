import Foundation
import Testing
@testable import PipeboardCore

@Suite struct FieldInputTests {
    let pipeline = DemoData.pipeline

    @Test func buildsAPatchFromTypedText() throws {
        let patch = try FieldInput.patch(
            from: [
                "name": " Acme ", "value": "1,200.50", "currency": "eur", "stage": "prop", "tags": "a, b,,",
                "probability": "40%",
                "custom.region": "EMEA",
            ],
            pipeline: pipeline, defaultCurrency: "USD"
        ).get()
        #expect(patch.name == "Acme")
        #expect(patch.value == Money(micros: 1_200_500_000, currency: "EUR"))
        #expect(patch.stageID == "proposal")
        #expect(patch.tags == ["a", "b"])
        #expect(patch.probability == 0.4)
        #expect(patch.customFields == ["region": "EMEA"])
    }

    @Test func reportsEveryProblemAtOnce() {
        let result = FieldInput.patch(
            from: ["name": "", "value": "-5", "stage": "Nowhere", "close_date": "2026-02-30", "bogus": "1"],
            pipeline: pipeline, defaultCurrency: "USD")
        guard case .failure(let errors) = result else { Issue.record("expected errors"); return }
        #expect(errors.messages["name"] == "a name is required")
        #expect(errors.messages["value"]?.contains("non-negative") == true)
        #expect(errors.messages["stage"]?.contains("Lead, Qualified") == true)
        #expect(errors.messages["close_date"] != nil)
        #expect(errors.messages["bogus"]?.hasPrefix("unknown field") == true)
    }

    @Test func aNewOpportunityNeedsAName() {
        guard
            case .failure(let errors) = FieldInput.patch(
                from: ["value": "5"], pipeline: pipeline, defaultCurrency: "USD")
        else {
            Issue.record("expected errors"); return
        }
        #expect(errors.messages.keys.sorted() == ["name"])
    }

    @Test func anEditMayLeaveTheNameOut() throws {
        let current = Opportunity(
            account: "a", pipelineID: "sales", stageID: "lead", name: "X",
            value: Money(micros: 5, currency: "GBP"), createdAt: Date())
        let patch = try FieldInput.patch(
            from: ["value": "10"], pipeline: pipeline, defaultCurrency: "USD", current: current
        ).get()
        #expect(patch.value == Money(micros: 10_000_000, currency: "GBP"))
        #expect(patch.name == nil)
    }

    @Test(arguments: ["XYZ", "abc", "XXX", "XTS", "US", "DOLLARS"])
    func aCurrencyMustBeAnISO4217Code(_ code: String) {
        let result = FieldInput.patch(
            from: ["name": "Acme", "value": "100", "currency": code], pipeline: pipeline,
            defaultCurrency: "USD")
        guard case .failure(let errors) = result else { Issue.record("\(code) was accepted"); return }
        #expect(
            errors.messages["currency"]
                == "\(code.uppercased()) is not an ISO 4217 currency code such as USD or JPY")
        #expect(errors.messages.keys.sorted() == ["currency"])
    }

    @Test(arguments: ["usd", "EUR", "jpy", "BHD", "CLF", "UYW", "chf"])
    func isoCurrenciesAreTaken(_ code: String) throws {
        let patch = try FieldInput.patch(
            from: ["name": "Acme", "value": "100", "currency": code], pipeline: pipeline,
            defaultCurrency: "USD"
        ).get()
        #expect(patch.value == Money(micros: 100_000_000, currency: code.uppercased()))
    }

    @Test(arguments: [
        ("12500.555", "USD", "USD amounts have at most 2 decimals (12500.555 has 3)"),
        ("1,200.5", "JPY", "JPY amounts have no decimals (1200.5 has 1)"),
        ("1.2345", "BHD", "BHD amounts have at most 3 decimals (1.2345 has 4)"),
        ("0.001", "EUR", "EUR amounts have at most 2 decimals (0.001 has 3)"),
        ("3.00001", "CLF", "CLF amounts have at most 4 decimals (3.00001 has 5)"),
    ])
    func anAmountHasNoMoreDecimalsThanItsCurrency(value: String, currency: String, message: String) {
        let result = FieldInput.patch(
            from: ["name": "Acme", "value": value, "currency": currency], pipeline: pipeline,
            defaultCurrency: "USD")
        guard case .failure(let errors) = result else { Issue.record("\(value) \(currency) was accepted"); return }
        #expect(errors.messages == ["value": message])
    }

    @Test(arguments: [
        ("12500.55", "USD"), ("12500.550", "USD"), ("1200", "JPY"), ("1200.00", "JPY"), ("1.255", "BHD"),
        ("3.1234", "CLF"), ("1500.50", "IDR"), ("2.125", "IQD"),
    ])
    func anAmountWithinItsCurrencysDecimalsIsTaken(value: String, currency: String) throws {
        let input = ["name": "Acme", "value": value, "currency": currency]
        let patch = try FieldInput.patch(from: input, pipeline: pipeline, defaultCurrency: "USD").get()
        #expect(patch.value == Money(decimal: value, currency: currency))
    }

    @Test(arguments: [
        ("12,5", "a comma only groups thousands (1,250.50); for decimals write 12.5"),
        ("12500,00", "a comma only groups thousands (1,250.50); for decimals write 12500.00"),
        ("1.250,50", "a comma only groups thousands, in threes: 1,250 or 12,500.50"),
        ("1,2345", "a comma only groups thousands (1,250.50); for decimals write 1.2345"),
        ("99999999999999999999", "is too large to keep"),
        ("9,999,999,999,999", "is too large to keep"),
        ("abc", "must be a non-negative amount, e.g. 12500 or 1,250.50"),
        ("-5", "must be a non-negative amount, e.g. 12500 or 1,250.50"),
    ])
    func aValueThatIsNoAmountSaysHowToWriteIt(value: String, message: String) {
        let result = FieldInput.patch(
            from: ["name": "Acme", "value": value], pipeline: pipeline, defaultCurrency: "EUR")
        guard case .failure(let errors) = result else { Issue.record("\(value) was accepted"); return }
        #expect(errors.messages == ["value": message])
    }

    @Test(arguments: [
        ("2027-02-31", "2027-02-31 is not a day: February 2027 has 28 days"),
        ("2028-02-30", "2028-02-30 is not a day: February 2028 has 29 days"),
        ("2027-04-31", "2027-04-31 is not a day: April 2027 has 30 days"),
        ("2027-13-01", "2027-13-01 is not a day: months go from 01 to 12"),
        ("31/02", "must be a date as YYYY-MM-DD"),
        ("2027-2-3", "must be a date as YYYY-MM-DD"),
    ])
    func aCloseDateThatIsNoDaySaysWhy(date: String, message: String) {
        let result = FieldInput.patch(
            from: ["name": "Acme", "close_date": date], pipeline: pipeline, defaultCurrency: "USD")
        guard case .failure(let errors) = result else { Issue.record("\(date) was accepted"); return }
        #expect(errors.messages == ["close_date": message])
    }

    @Test func theDecimalsFollowTheCurrencyTheValueEndsUpIn() {
        // The account's default currency, then the card's own, then a currency given alone.
        let newInYen = FieldInput.patch(
            from: ["name": "A", "value": "10.5"], pipeline: pipeline,
            defaultCurrency: "JPY")
        guard case .failure(let byDefault) = newInYen else { Issue.record("accepted"); return }
        #expect(byDefault.messages["value"] == "JPY amounts have no decimals (10.5 has 1)")
        let yen = Opportunity(
            account: "a", pipelineID: "sales", stageID: "lead", name: "X",
            value: Money(micros: 5_000_000, currency: "JPY"), createdAt: Date())
        let editInYen = FieldInput.patch(
            from: ["value": "5.25"], pipeline: pipeline, defaultCurrency: "USD",
            current: yen)
        guard case .failure(let byCard) = editInYen else { Issue.record("accepted"); return }
        #expect(byCard.messages["value"] == "JPY amounts have no decimals (5.25 has 2)")
        let dollars = Opportunity(
            account: "a", pipelineID: "sales", stageID: "lead", name: "X",
            value: Money(decimal: "12.5", currency: "USD"), createdAt: Date())
        let toYen = FieldInput.patch(
            from: ["currency": "jpy"], pipeline: pipeline, defaultCurrency: "USD",
            current: dollars)
        guard case .failure(let alone) = toYen else { Issue.record("accepted"); return }
        #expect(alone.messages["currency"] == "JPY amounts have no decimals (12.5 has 1); give a value too")
    }

    @Test func aProvidersAmountIsKeptWhenOtherFieldsChange() throws {
        // A value that arrived from a provider with more decimals than ISO 4217 allows is not checked again.
        let pulled = Opportunity(
            account: "a", pipelineID: "sales", stageID: "lead", name: "X",
            value: Money(decimal: "12500.555", currency: "USD"), createdAt: Date())
        let patch = try FieldInput.patch(
            from: ["name": "Y"], pipeline: pipeline, defaultCurrency: "USD",
            current: pulled
        ).get()
        #expect(patch.value == nil && patch.name == "Y")
    }

    @Test func parsesAssignments() throws {
        #expect(try FieldInput.parseAssignments(["a=b=c", "name=Acme"]).get() == ["a": "b=c", "name": "Acme"])
        #expect((try? FieldInput.parseAssignments(["novalue"]).get()) == nil)
    }

    @Test func checksDays() {
        #expect(FieldInput.isISODay("2024-02-29"))
        #expect(!FieldInput.isISODay("2023-02-29"))
        #expect(!FieldInput.isISODay("2024-13-01"))
    }
}
