/// One line of `pipeboard doctor`: what was checked, how it stands and, for a problem, how to fix it.
struct Finding: Hashable {
    enum Level: String {
        /// Well.
        case ok
        /// Worth knowing, not wrong (output redirected, colour turned off on purpose).
        case note
        /// Wrong: `doctor` exits 1.
        case problem = "PROBLEM"
    }

    var level: Level
    var area: String
    var text: String
    var fix: String?

    static func ok(_ area: String, _ text: String) -> Finding { Finding(level: .ok, area: area, text: text) }
    static func note(_ area: String, _ text: String) -> Finding { Finding(level: .note, area: area, text: text) }
    static func problem(_ area: String, _ text: String, fix: String? = nil) -> Finding {
        Finding(level: .problem, area: area, text: text, fix: fix)
    }
}

extension [Finding] {
    var problems: Int { filter { $0.level == .problem }.count }

    /// One line per finding (`PROBLEM  provider     text`), its fix on the next line, and the verdict last.
    var report: String {
        var lines = map { finding in
            let head =
                finding.level.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                + finding.area.padding(toLength: 13, withPad: " ", startingAt: 0)
            let fix = finding.fix.map { "\n" + String(repeating: " ", count: 22) + "fix: " + $0 } ?? ""
            return head + finding.text + fix
        }
        switch problems {
        case 0: lines.append("All is well.")
        case 1: lines.append("1 problem; its fix is under it.")
        default: lines.append("\(problems) problems; each one's fix is under it.")
        }
        return lines.joined(separator: "\n")
    }
}
