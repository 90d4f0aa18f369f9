import ArgumentParser
import Foundation
import PipeboardCore
import PipeboardService

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Add the deals of a CSV file (as `list --format csv` writes it, or mapped).",
        discussion: """
            Prints a preview first (rows, totals per currency, each bad row with its line and why), then makes the \
            new cards through the outbox as one change that one undo takes back. A file with a bad row imports \
            nothing. A row imported before is not made again (see docs/import.md).
            """)

    @OptionGroup var common: CommonOptions
    @Argument(help: "The CSV file (RFC 4180, UTF-8, a header line first).") var file: String
    @Option(help: "A column to a field: column=field (repeatable); column= leaves the column out.")
    var map: [String] = []
    @Flag(help: "Show the preview only; import nothing.") var dryRun = false

    /// From this many rows on, checking them shows its progress on stderr.
    static let progressFrom = 10_000
    /// From this many new deals on, delivering them shows its progress on stderr (a local workspace takes a few
    /// dozen a second, a CRM as many as its rate limit lets through).
    static let deliveryProgressFrom = 100

    func validate() throws {
        _ = try Self.mapping(map)
    }

    func run() async throws {
        try await reportingErrors {
            let mapping = try Self.mapping(map)
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIError("cannot read \(file); check the path and its permissions")
            }
            let importFile = try ImportFile.read(data, map: mapping)
            let context = try await AppContext.open(connect: .quick)
            let meter = ProgressMeter(handle: .standardError, descriptor: STDERR_FILENO, unit: "rows checked")
            let showProgress = importFile.rows.count >= Self.progressFrom
            let plan = try await context.service.planImport(importFile, account: common.account) { done, total in
                guard showProgress else { return }
                meter.update(done: done, fraction: Double(done) / Double(max(1, total)), force: done == total)
            }
            meter.finish()
            print(Self.preview(plan, file: importFile, name: file))
            guard plan.problems.isEmpty else {
                let rows = plan.problems.count == 1 ? "1 row" : "\(plan.problems.count) rows"
                throw CLIError(
                    "\(rows) cannot be imported (listed above); nothing was imported: fix them and run again")
            }
            if dryRun {
                print("dry run: nothing imported")
                return
            }
            let label = "import \(plan.creates.count) from \((file as NSString).lastPathComponent)"
            let made = try await context.service.commitImport(plan, label: label)
            let undo = made == 0 ? "" : " (`pipeboard undo` takes them all back)"
            print("imported \(made) \(made == 1 ? "deal" : "deals") into \(plan.account)\(undo)")
            if made >= Self.deliveryProgressFrom {
                // Saved already: Ctrl-C here leaves the rest waiting in the outbox for the board or `sync`.
                let meter = ProgressMeter(handle: .standardError, descriptor: STDERR_FILENO, unit: "deals delivered")
                try await context.service.push(account: plan.account) { report in
                    let done = report.delivered + report.failed + report.conflicts
                    meter.update(done: done, fraction: Double(done) / Double(made), force: done == made)
                }
                meter.finish()
            }
            if made > 0 { try await context.reportDelivery(account: plan.account) }
        }
    }

    /// `--map column=field` options as a dictionary; a repeated column is a usage error.
    static func mapping(_ options: [String]) throws -> [String: String] {
        var mapping: [String: String] = [:]
        for option in options {
            guard let equals = option.firstIndex(of: "="), equals != option.startIndex else {
                throw ValidationError("--map takes column=field, as Deal=name; got '\(option)'")
            }
            let column = String(option[..<equals])
            guard mapping[column] == nil else { throw ValidationError("--map names column '\(column)' twice") }
            mapping[column] = String(option[option.index(after: equals)...])
        }
        return mapping
    }

    /// What the import would do, for a person to read before it is done.
    static func preview(_ plan: ImportPlan, file: ImportFile, name: String) -> String {
        var lines = ["\(name) → account \(plan.account)"]
        let bad = plan.problems.count
        var counts = ["\(plan.rows + bad + plan.repeats.count) rows", "\(plan.creates.count) new"]
        if plan.alreadyThere > 0 { counts.append("\(plan.alreadyThere) already there") }
        if !plan.repeats.isEmpty { counts.append("\(plan.repeats.count) repeated") }
        if bad > 0 { counts.append("\(bad) bad") }
        lines.append("  " + counts.joined(separator: ", "))
        if !plan.creates.isEmpty {
            let totals = plan.totals.map(\.formatted).joined(separator: " + ")
            let none = plan.withoutValue > 0 ? "\(plan.withoutValue) without a value" : ""
            lines.append("  value of the new: " + [totals, none].filter { !$0.isEmpty }.joined(separator: "; "))
        }
        let used = file.columns.map { $0.name == $0.field ? $0.name : "\($0.name) → \($0.field)" }
        lines.append("  columns: " + used.joined(separator: ", "))
        if !file.leftOut.isEmpty { lines.append("  left out: " + file.leftOut.joined(separator: ", ")) }
        for repeated in plan.repeats.sorted(by: { $0.line < $1.line }) {
            lines.append("  \(repeated) (made once)")
        }
        for problem in plan.problems.sorted(by: { $0.line < $1.line }) {
            lines.append("  \(ProviderText.clean(problem.description))")
        }
        return lines.joined(separator: "\n")
    }
}
