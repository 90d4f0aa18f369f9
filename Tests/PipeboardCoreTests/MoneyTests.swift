import Foundation
import Testing
@testable import PipeboardCore

@Suite struct MoneyTests {
    @Test func parsesDecimalsExactly() throws {
        #expect(Money(decimal: "1234.56", currency: "usd") == Money(micros: 1_234_560_000, currency: "USD"))
        #expect(Money(decimal: "1,250.5", currency: "EUR")?.micros == 1_250_500_000)
        #expect(Money(decimal: "0.000001", currency: "USD")?.micros == 1)
        #expect(Money(decimal: ".5", currency: "USD")?.micros == 500_000)
        #expect(Money(decimal: "-12", currency: "USD")?.micros == -12_000_000)
    }

    @Test(arguments: ["", "abc", "1.2.3", "1.0000001", "1e5", "--1", "99999999999999999999", "½", "١٢"])
    func rejectsWhatIsNotAnAmount(_ text: String) {
        #expect(Money(decimal: text, currency: "USD") == nil)
    }

    @Test(arguments: ["12,5", "12500,00", "1,2345", ",500", "1,25,000", "1.250,50", "1,250.5,0", "12,"])
    func refusesCommasThatDoNotGroupThousands(_ text: String) {
        #expect(Money(decimal: text, currency: "USD") == nil)
    }

    @Test func commasGroupingThousandsAreTaken() {
        #expect(Money(decimal: "12,500", currency: "USD")?.micros == 12_500_000_000)
        #expect(Money(decimal: "1,000,000.5", currency: "USD")?.micros == 1_000_000_500_000)
        #expect(Money(decimal: "-1,250", currency: "USD")?.micros == -1_250_000_000)
        #expect(Money(decimal: "999,999", currency: "USD")?.micros == 999_999_000_000)
    }

    @Test func convertsProviderDoublesWithoutBinaryDrift() {
        #expect(Money(major: 0.1, currency: "USD")?.micros == 100_000)
        #expect(Money(major: 220, currency: "USD")?.micros == 220_000_000)
        #expect(Money(major: 19.99, currency: "USD")?.micros == 19_990_000)
        #expect(Money(major: .nan, currency: "USD") == nil)
    }

    @Test func wholeCentsTakeTheShortPathToTheSameAmount() {
        for cents in [0, 1, 5, 99, 1_999, -1_999, 100_050, 123_456_789_012, 299_999_999_999_99] as [Int64] {
            let major = Double(cents) / 100
            #expect(Money(major: major, currency: "usd")?.micros == cents * 10_000, "\(major)")
            #expect(
                Money(major: major, currency: "usd")
                    == Money(
                        decimal: Decimal(cents).description == "0" ? "0" : "\(Decimal(cents) / 100)", currency: "USD"))
        }
        // Beyond cents the decimal path still decides: six places kept, more rounded half away from zero.
        #expect(Money(major: 0.123456, currency: "USD")?.micros == 123_456)
        #expect(Money(major: 1.0000005, currency: "USD")?.micros == 1_000_001)
        #expect(Money(major: 2.675, currency: "USD")?.micros == 2_675_000)
    }

    @Test func printsDecimalText() {
        #expect(Money(micros: 1_234_500_000, currency: "USD").decimalString == "1234.5")
        #expect(Money(micros: 7_000_000, currency: "USD").decimalString == "7")
        #expect(Money(micros: -1, currency: "USD").decimalString == "-0.000001")
    }

    @Test func formatsForPeople() {
        #expect(Money(micros: 12_500 * 1_000_000, currency: "USD").formatted == "$12,500")
        #expect(Money(micros: 950 * 1_000_000, currency: "USD").compact == "$950")
        #expect(Money(micros: 12_500 * 1_000_000, currency: "EUR").compact == "€12.5k")
        #expect(Money(micros: 3_400_000 * 1_000_000, currency: "CAD").compact == "CAD 3.4M")
    }

    @Test func formatsExactlyForDetailsListsAndReports() {
        #expect(Money(decimal: "9999.99", currency: "USD")?.formatted == "$9,999.99")
        #expect(Money(decimal: "12500.5", currency: "USD")?.formatted == "$12,500.50")
        #expect(Money(decimal: "0.4", currency: "EUR")?.formatted == "€0.40")
        #expect(Money(decimal: "-1.255", currency: "BHD")?.formatted == "-BHD 1.255")
        #expect(Money(decimal: "1234567.000001", currency: "CAD")?.formatted == "CAD 1,234,567.000001")
        #expect(Money(decimal: "9999.99", currency: "USD")?.compact == "$10k")
    }

    @Test func countsDecimals() {
        #expect(
            ["12500", "12500.5", "12500.55", "12500.555", "0.000001", "-1.25"].map {
                Money(decimal: $0, currency: "USD")?.decimalPlaces
            } == [0, 1, 2, 3, 6, 2])
    }

    @Test func minorUnitsComeFromFoundationAndISO4217() {
        #expect(["USD", "JPY", "BHD", "EUR", "CLF", "usd"].map(Currency.minorUnits) == [2, 0, 3, 2, 4, 2])
        // Where Foundation's CLDR digits are fewer than ISO 4217's, the standard's count is taken.
        #expect(["IQD", "IDR", "COP", "KWD", "KRW", "ISK"].map(Currency.minorUnits) == [3, 2, 2, 3, 0, 0])
        #expect(Currency.minorUnits("XYZ") == nil)
        #expect(Currency.isISO4217("chf") && Currency.isISO4217("UYW"))
        #expect(!Currency.isISO4217("XYZ") && !Currency.isISO4217("XAU"))
    }

    @Test func totalsNeverMixCurrencies() {
        var totals = MoneyTotals()
        totals.add(Money(micros: 5, currency: "USD"))
        totals.add(Money(micros: 7, currency: "EUR"))
        totals.add(Money(micros: 10, currency: "USD"))
        #expect(totals.amounts == [Money(micros: 15, currency: "USD"), Money(micros: 7, currency: "EUR")])
    }
}
