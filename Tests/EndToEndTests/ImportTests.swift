import Foundation
import Testing

/// `pipeboard import` on the real binary, between two local workspaces.
@Suite(.serialized) struct ImportTests {
    /// The columns a `list --format csv` row keeps when its deal is imported elsewhere (not its id, account or age).
    static let kept = ["name", "pipeline", "stage", "status", "value", "currency", "contact", "company", "owner"]

    static func twoWorkspaces() throws -> Harness {
        let harness = try Harness()
        let accounts = ["local", "branch"].map { "[[accounts]]\nname = \"\($0)\"\nprovider = \"local\"\n" }
        try accounts.joined(separator: "\n").write(to: harness.config, atomically: true, encoding: .utf8)
        return harness
    }

    func write(_ text: String, in harness: Harness, name: String = "deals.csv") throws -> String {
        let file = harness.home.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    @Test func aListedFileImportsBackToTheSameDealsOnceAndOneUndoTakesThemBack() throws {
        let harness = try Self.twoWorkspaces()
        defer { harness.cleanUp() }
        // Deals with every kind of value a CSV must carry: a comma, quotes, a line break, a non-ASCII name.
        for (name, value, currency) in [
            ("Acme, Inc. \"north\"", "12500.5", "USD"), ("Zürich\nRetrofit", "2000", "EUR"), ("Tokyo 東京", "300", "JPY"),
        ] {
            let added = try harness.run(
                [
                    "add", "--account", "local", "--name", name, "--value", value, "--currency", currency,
                    "--set", "owner=ana", "--set", "close_date=2027-01-31", "--set", "company=Q, \"R\"",
                ])
            #expect(added.status == 0, "\(added.stderr)")
        }
        #expect(try harness.run(["status", try Self.id(of: "Tokyo 東京", in: harness), "won"]).status == 0)
        let listed = try harness.run(["list", "--account", "local", "--status", "open,won,lost", "--format", "csv"])
        let file = try write(listed.stdout, in: harness)
        let source = try Self.rows(listed.stdout)
        let before = try Self.rows(
            harness.run(["list", "--account", "branch", "--status", "open,won,lost", "--format", "csv"]).stdout)

        let imported = try harness.run(["import", file, "--account", "branch"])
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        let lines = imported.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(file) → account branch")
        #expect(lines.contains("  \(source.count) rows, \(source.count) new"), "\(lines)")
        // One total per currency, never added across: the workspace's starter deals are in $, € and £; ¥ is ours.
        let totals = try #require(lines.first { $0.hasPrefix("  value of the new: ") })
        let currencies = Set(source.compactMap { $0["currency"] }.filter { !$0.isEmpty })
        #expect(totals.dropFirst("  value of the new: ".count).components(separatedBy: " + ").count == currencies.count)
        #expect(totals.contains("¥300"), "\(totals)")
        #expect(lines.contains("  left out: days_in_stage (worked out, not set)"), "\(lines)")
        #expect(lines.last == "imported \(source.count) deals into branch (`pipeboard undo` takes them all back)")

        let after = try Self.rows(
            harness.run(["list", "--account", "branch", "--status", "open,won,lost", "--format", "csv"]).stdout)
        let new = after.filter { row in !before.contains { $0["id"] == row["id"] } }
        #expect(Self.projected(new) == Self.projected(source))

        // The same file again: nothing new, nothing changed.
        let again = try harness.run(["import", file, "--account", "branch"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(
            again.stdout.contains("  \(source.count) rows, 0 new, \(source.count) already there\n"), "\(again.stdout)")
        #expect(again.stdout.hasSuffix("imported 0 deals into branch\n"), "\(again.stdout)")
        // Into the account it was listed from: each row is the listed card itself.
        let home = try harness.run(["import", file, "--account", "local"])
        #expect(home.stdout.contains("0 new, \(source.count) already there"), "\(home.stdout)")
        #expect(
            try Self.rows(
                harness.run(["list", "--account", "branch", "--status", "open,won,lost", "--format", "csv"]).stdout
            ).count == after.count)

        let undo = try harness.run(["undo"])
        #expect(undo.stdout == "undid: import \(source.count) from deals.csv\n", "\(undo.stdout)\(undo.stderr)")
        let undone = try Self.rows(
            harness.run(["list", "--account", "branch", "--status", "open,won,lost", "--format", "csv"]).stdout)
        #expect(undone.map { $0["id"] } == before.map { $0["id"] })
    }

    @Test func badRowsAreEachNamedByLineAndNothingIsImported() throws {
        let harness = try Self.twoWorkspaces()
        defer { harness.cleanUp() }
        // Lines 1-9 (the quoted line break makes line 4 two lines); CRLF as RFC 4180 has it.
        let records = [
            "Deal,Amount,Stage,Notes", #""Quoted, with comma",100,Lead,"says ""hi""""#, "Negative,-5,Lead,",
            "\"Two\nlines\",200,Nowhere,x", "Short,1", "Fine,300,Qualified,ok", #"Stray "quote",1,Lead,"#,
            #""Never closed,5,Lead,"#,
        ]
        let file = try write(records.joined(separator: "\r\n") + "\r\n", in: harness, name: "bad.csv")
        let count = try harness.list().count
        let result = try harness.run(
            [
                "import", file, "--account", "local", "--map", "Deal=name", "--map", "Amount=value", "--map",
                "Notes=custom.notes",
            ])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("  7 rows, 2 new, 5 bad"), "\(lines)")
        #expect(
            lines.contains("  columns: Deal → name, Amount → value, Stage → stage, Notes → custom.notes"), "\(lines)")
        #expect(lines.contains("  line 3: value: must be a non-negative amount, e.g. 12500 or 1,250.50"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("  line 4: stage: unknown stage 'Nowhere'; stages are ") }, "\(lines)")
        #expect(lines.contains("  line 6: 2 fields where the header has 4"), "\(lines)")
        #expect(lines.contains("  line 8: a \" inside a field that is not quoted; quote the field and double the \""))
        #expect(lines.contains("  line 9: a quoted field starts here and is never closed (a \" is missing)"))
        #expect(
            result.stderr
                == "pipeboard: 5 rows cannot be imported (listed above); nothing was imported: fix them and run again\n"
        )
        #expect(try harness.list().count == count)

        // The good rows alone, previewed: quoting kept, nothing made by a dry run; then imported.
        let good = try write(
            ["Deal,Amount,Stage,Notes", records[1], "Fine,300,Qualified,ok", ""].joined(separator: "\r\n"),
            in: harness, name: "good.csv")
        let arguments = [
            "import", good, "--account", "local", "--map", "Deal=name", "--map", "Amount=value", "--map",
            "Notes=custom.notes",
        ]
        let dry = try harness.run(arguments + ["--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("  2 rows, 2 new\n  value of the new: $400\n"), "\(dry.stdout)")
        #expect(dry.stdout.hasSuffix("dry run: nothing imported\n"))
        #expect(try harness.list().count == count)
        #expect(try harness.run(arguments).status == 0)
        let quoted = try #require(try harness.list().first { $0["name"] as? String == "Quoted, with comma" })
        #expect(quoted["custom_fields"] as? [String: String] == ["notes": "says \"hi\""])
        #expect(quoted["value"] as? String == "100")
    }

    @Test func aFileWithoutANameColumnOrAWrongMapSaysWhatToDo() throws {
        let harness = try Self.twoWorkspaces()
        defer { harness.cleanUp() }
        let file = try write("Deal,Amount\nA,1\n", in: harness)
        let noName = try harness.run(["import", file])
        #expect(noName.status == 1)
        let hint = "name one with --map COLUMN=name (the columns are Deal, Amount)"
        #expect(noName.stderr == "pipeboard: no column gives the name; \(hint)\n")
        let wrong = try harness.run(["import", file, "--map", "Dael=name"])
        #expect(wrong.stderr == "pipeboard: --map names no column 'dael'; the columns are Deal, Amount\n")
        let badMap = try harness.run(["import", file, "--map", "Deal"])
        #expect(badMap.status == 64)
    }

    @Test func aLargeFileShowsItsProgressCheckingAndDelivering() throws {
        let harness = try Self.twoWorkspaces()
        defer { harness.cleanUp() }
        func deals(_ count: Int) -> String {
            (0..<count).map { "Deal \($0),\($0),Lead\n" }.joined()
        }
        let large = try write("name,value,stage\n" + deals(12_000), in: harness, name: "large.csv")
        let checked = try harness.run(["import", large, "--account", "branch", "--dry-run"])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.contains("  12000 rows, 12000 new\n"), "\(checked.stdout)")
        // Not a terminal: plain progress lines on stderr, the last one complete.
        #expect(checked.stderr.contains("100%: 12000 rows checked"), "\(checked.stderr)")

        // Delivering to the local workspace takes a few dozen a second: from 100 deals on it shows too.
        let some = try write("name,value,stage\n" + deals(120), in: harness, name: "some.csv")
        let delivered = try harness.run(["import", some, "--account", "branch"])
        #expect(delivered.status == 0, "\(delivered.stderr)")
        #expect(delivered.stderr.contains("100%: 120 deals delivered"), "\(delivered.stderr)")
        let outbox = try harness.run(["outbox", "--account", "branch", "--format", "json"])
        let waiting = try JSONSerialization.jsonObject(with: Data(outbox.stdout.utf8)) as? [String: Any]
        #expect((waiting?["changes"] as? [Any])?.isEmpty == true, "\(outbox.stdout)")
    }

    static func id(of name: String, in harness: Harness) throws -> String {
        try #require(try harness.list().first { $0["name"] as? String == name }?["id"] as? String)
    }

    /// A `list --format csv` text as rows of named cells (read by the import's own reader's rules: RFC 4180).
    static func rows(_ csv: String) throws -> [[String: String]] {
        var records: [[String]] = []
        var field = "", record: [String] = [], quoted = false, index = csv.startIndex
        while index < csv.endIndex {
            let character = csv[index]
            if quoted {
                if character == "\"" {
                    let next = csv.index(after: index)
                    if next < csv.endIndex && csv[next] == "\"" {
                        field.append("\""); index = next
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                record.append(field); field = ""
            } else if character == "\n" {
                record.append(field); records.append(record); field = ""; record = []
            } else {
                field.append(character)
            }
            index = csv.index(after: index)
        }
        let header = try #require(records.first)
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    static func projected(_ rows: [[String: String]]) -> [[String]] {
        rows.map { row in kept.map { row[$0] ?? "" } + [row["close_date"] ?? ""] }.sorted { $0[0] < $1[0] }
    }
}
