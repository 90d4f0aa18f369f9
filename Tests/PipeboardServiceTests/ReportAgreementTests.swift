import Foundation
import PipeboardCore
@testable import PipeboardService
import Testing

/// One pipeline rendered as Markdown, CSV and JSON: each is read back into the same figures, keyed as
/// "section|name|figure|currency", and the three must agree figure by figure.
@Suite("The report's three formats agree")
struct ReportAgreementTests {
    static let currencies = ["USD", "EUR", "GBP", "JPY", "BHD"]

    @Test func markdownCSVAndJSONCarryTheSameFigures() async throws {
        let (service, folder) = try await FiguresReportTests.bench(
            defaults: StageProbabilityDefaults(["Qualified": 0.3]),
            more: [
                ("G", "lead", "9999.99", "USD", .lost), ("H", "qualified", "1234.57", "USD", .open),
                ("I", "proposal", "1500", "JPY", .open), ("J", "negotiation", "0.125", "BHD", .open),
                ("W", "won", "250.75", "GBP", .won),
            ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let figures = try await service.figures(account: nil, pipeline: nil)

        let json = try Self.fromJSON(FiguresReport.render(figures, as: .json))
        let markdown = try Self.fromMarkdown(
            FiguresReport.render(figures, as: .md),
            monthKeys: Self.monthKeys(json: json.months))
        let csv = Self.fromCSV(try FiguresReport.render(figures, as: .csv))

        // The fixture holds what could go wrong: cents, three decimals, a weighted fraction of a cent, five currencies.
        #expect(json.figures["stage|Lead|value|USD"] == "11699990000")
        #expect(json.figures["stage|Negotiation|value|BHD"] == "125000")
        #expect(json.figures["total|won|GBP"] == "250750000")
        #expect(json.figures["stage|Qualified|weighted|USD"] == "970371000")
        #expect(json.figures.count > 80)

        Self.expectSame(markdown, json.figures, "Markdown")
        Self.expectSame(csv, json.figures.filter { !$0.key.hasPrefix("forecastTotal|") }, "CSV")
    }

    static func expectSame(_ rendered: [String: String], _ expected: [String: String], _ format: String) {
        for key in Set(rendered.keys).union(expected.keys).sorted() where rendered[key] != expected[key] {
            Issue.record("\(format) \(key): \(rendered[key] ?? "missing"), JSON \(expected[key] ?? "missing")")
        }
    }

    // MARK: JSON

    struct FromJSON { var figures: [String: String]; var months: [[String: Any]] }

    static func fromJSON(_ text: String) throws -> FromJSON {
        var figures: [String: String] = [:]
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        func amounts(_ value: Any?, _ key: String) {
            for (currency, decimal) in (value as? [String: String]) ?? [:] {
                figures["\(key)|\(currency)"] = micros(decimal, currency)
            }
        }
        amounts(object["open"], "total|open")
        amounts(object["weighted"], "total|weighted")
        figures["total|open_count"] = "\(object["open_count"] as? Int ?? -1)"
        for stage in (object["stages"] as? [[String: Any]]) ?? [] {
            let name = "stage|\(stage["name"] as? String ?? "?")"
            figures["\(name)|count"] = "\(stage["count"] as? Int ?? -1)"
            amounts(stage["value"], "\(name)|value")
            amounts(stage["open"], "\(name)|open")
            amounts(stage["weighted"], "\(name)|weighted")
            figures["\(name)|probability"] = percent(stage["probability"] as? Double)
            figures["\(name)|conversion"] = percent(stage["conversion"] as? Double)
            let days = stage["average_days_in_stage"] as? Double
            figures["\(name)|avg_days"] = days.map { String(format: "%.1f", $0) } ?? "—"
        }
        let forecast = try #require(object["forecast"] as? [String: Any])
        amounts(forecast["won"], "total|won")
        amounts(forecast["open"], "forecastTotal|open")
        amounts(forecast["weighted"], "forecastTotal|weighted")
        figures["forecastTotal|won_count"] = "\(forecast["won_count"] as? Int ?? -1)"
        let months = monthRows(forecast)
        for (key, month) in zip(monthKeys(json: months), months) {
            figures["forecast|\(key)|count"] = "\(month["count"] as? Int ?? -1)"
            amounts(month["open"], "forecast|\(key)|open")
            amounts(month["weighted"], "forecast|\(key)|weighted")
        }
        for week in (object["weeks"] as? [[String: Any]]) ?? [] {
            let name = "week|\(week["week_ending"] as? String ?? "?")"
            figures["\(name)|deals"] = "\((week["won_count"] as? Int ?? -100) + (week["lost_count"] as? Int ?? -100))"
            amounts(week["won"], "\(name)|won")
            amounts(week["lost"], "\(name)|lost")
        }
        return FromJSON(figures: figures, months: months)
    }

    /// The six months, then overdue and undated deals where there are any (as the other formats list them).
    static func monthRows(_ forecast: [String: Any]) -> [[String: Any]] {
        var rows = (forecast["months"] as? [[String: Any]]) ?? []
        for key in ["overdue", "undated"] {
            if let row = forecast[key] as? [String: Any], (row["count"] as? Int ?? 0) > 0 {
                rows.append(row.merging(["month": key == "overdue" ? "overdue" : "none"]) { _, new in new })
            }
        }
        return rows
    }

    static func monthKeys(json months: [[String: Any]]) -> [String] { months.map { $0["month"] as? String ?? "?" } }

    static func percent(_ value: Double?) -> String { value.map { "\(Int(($0 * 100).rounded()))%" } ?? "—" }

    /// An exact decimal amount as its micros, the unit every format is compared in.
    static func micros(_ decimal: String, _ currency: String) -> String {
        Money(decimal: decimal, currency: currency).map { String($0.micros) } ?? "not an amount: \(decimal)"
    }

    // MARK: CSV

    static func fromCSV(_ text: String) -> [String: String] {
        var figures: [String: String] = [:]
        let rows = text.split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        for row in rows where row.count == 12 {
            let (section, name, currency, count) = (row[0], row[1], row[2], row[3])
            func amount(_ column: Int, _ key: String) {
                guard !currency.isEmpty, !row[column].isEmpty else { return }
                figures["\(key)|\(currency)"] = micros(row[column], currency)
            }
            switch section {
            case "total":
                figures["total|open_count"] = count
                amount(5, "total|open")
                amount(6, "total|weighted")
                amount(10, "total|won")
            case "stage":
                figures["stage|\(name)|count"] = count
                amount(4, "stage|\(name)|value")
                amount(5, "stage|\(name)|open")
                amount(6, "stage|\(name)|weighted")
                figures["stage|\(name)|probability"] = percent(Double(row[7]))
                figures["stage|\(name)|conversion"] = percent(Double(row[8]))
                figures["stage|\(name)|avg_days"] = row[9].isEmpty ? "—" : row[9]
            case "forecast":
                figures["forecast|\(name)|count"] = count
                amount(5, "forecast|\(name)|open")
                amount(6, "forecast|\(name)|weighted")
            case "week":
                figures["week|\(name)|deals"] = count
                amount(10, "week|\(name)|won")
                amount(11, "week|\(name)|lost")
            default:
                Issue.record("unknown section \(section)")
            }
        }
        return figures
    }

    // MARK: Markdown

    static func fromMarkdown(_ text: String, monthKeys: [String]) throws -> [String: String] {
        var figures: [String: String] = [:]
        var section = ""
        var monthIndex = 0
        func amounts(_ list: String, _ key: String) {
            guard list != "—" else { return }
            for item in list.components(separatedBy: " + ") {
                let sign = item.hasPrefix("-") ? "-" : ""
                let unsigned = String(item.dropFirst(sign.count))
                guard let currency = currencies.first(where: { unsigned.hasPrefix(Money.symbol(for: $0)) }) else {
                    Issue.record("no currency in \(item)"); continue
                }
                let digits = unsigned.dropFirst(Money.symbol(for: currency).count)
                    .replacingOccurrences(of: ",", with: "")
                figures["\(key)|\(currency)"] = micros(sign + digits, currency)
            }
        }
        /// "- Open: $6,000 + €400 (4 deals)" → the list and the count.
        func bullet(_ line: String, _ label: String) -> (list: String, count: String?)? {
            guard line.hasPrefix("- \(label): ") else { return nil }
            var rest = String(line.dropFirst(label.count + 4))
            var count: String?
            for noun in [" deals)", " deal)"] where count == nil {
                if let open = rest.range(of: " (", options: .backwards), rest.hasSuffix(noun) {
                    count = String(rest[open.upperBound...].dropLast(noun.count))
                    rest = String(rest[..<open.lowerBound])
                }
            }
            return (rest, count)
        }
        for line in text.split(separator: "\n").map(String.init) {
            if line.hasPrefix("## ") { section = line; continue }
            let cells = line.hasPrefix("| ") ? line.dropFirst(2).dropLast(2).components(separatedBy: " | ") : []
            let isBody = !cells.isEmpty && !line.hasPrefix("|---") && Int(cells.count > 1 ? cells[1] : "") != nil
            if section.isEmpty {
                if let open = bullet(line, "Open") {
                    amounts(open.list, "total|open")
                    figures["total|open_count"] = open.count
                }
                if let weighted = bullet(line, "Weighted") { amounts(weighted.list, "total|weighted") }
            } else if section == "## Stages", isBody {
                let name = "stage|\(cells[0])"
                figures["\(name)|count"] = cells[1]
                amounts(cells[2], "\(name)|value")
                amounts(cells[3], "\(name)|open")
                amounts(cells[4], "\(name)|weighted")
                figures["\(name)|probability"] = cells[5]
                figures["\(name)|conversion"] = cells[6]
                figures["\(name)|avg_days"] = cells[7]
            } else if section.hasPrefix("## Forecast") {
                if isBody {
                    let key = monthIndex < monthKeys.count ? monthKeys[monthIndex] : "extra \(cells[0])"
                    monthIndex += 1
                    figures["forecast|\(key)|count"] = cells[1]
                    amounts(cells[2], "forecast|\(key)|open")
                    amounts(cells[3], "forecast|\(key)|weighted")
                }
                if let open = bullet(line, "Open") { amounts(open.list, "forecastTotal|open") }
                if let weighted = bullet(line, "Weighted") { amounts(weighted.list, "forecastTotal|weighted") }
                if let won = bullet(line, "Won") {
                    amounts(won.list, "total|won")
                    figures["forecastTotal|won_count"] = won.count
                }
            } else if section.hasPrefix("## Won and lost"), isBody {
                let name = "week|\(cells[0])"
                figures["\(name)|deals"] = "\((Int(cells[1]) ?? -100) + (Int(cells[3]) ?? -100))"
                amounts(cells[2], "\(name)|won")
                amounts(cells[4], "\(name)|lost")
            }
        }
        return figures
    }
}
