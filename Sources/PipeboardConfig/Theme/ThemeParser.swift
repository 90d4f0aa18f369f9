import PipeboardCore
import PipeboardTUI
import TOMLKit

extension Theme {
    /// Reads a theme from TOML:
    ///
    ///     name = "default"
    ///     [roles.cardFocused]
    ///     fg = { truecolor = "#ffffff", ansi256 = 231, ansi16 = 15 }
    ///     bg = { truecolor = "#005f87", ansi256 = 24, ansi16 = 4 }
    ///     bold = true
    ///
    /// `name` names the theme in errors and is used when the file has no `name` key. Strict on purpose:
    /// a typo in a role or key would otherwise silently leave the default look.
    package static func parse(toml: String, name: String) throws -> Theme {
        if let problem = TOMLPrecheck.problem(in: toml) {
            throw ThemeError(theme: name, key: "", problem: "line \(problem.line) \(problem.message).")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: toml)
        } catch let error as TOMLParseError {
            throw ThemeError(
                theme: name, key: "",
                problem:
                    "is not valid TOML (\(error.description) at line \(error.source.begin.line)); fix the syntax there."
            )
        }
        return try ThemeParser(theme: name).theme(from: table)
    }
}

private struct ThemeParser {
    let theme: String

    private static let topKeys = ["name", "roles"]
    private static let roleKeys = ["fg", "bg", "bold", "underline", "reverse", "dim"]
    private static let colorKeys = ["truecolor", "ansi256", "ansi16"]

    func theme(from table: TOMLTable) throws -> Theme {
        try rejectUnknownKeys(in: table, allowed: Self.topKeys, at: "")
        var themeName = theme
        if let value = table["name"] {
            guard let string = value.string, !string.isEmpty else {
                throw error("name", "must be a non-empty string; write name = \"\(theme)\".")
            }
            themeName = string
        }
        var roles: [ColorRole: RoleColors] = [:]
        if let value = table["roles"] {
            guard let rolesTable = value.table else {
                throw error("roles", "must be a table of roles; write [roles.text] and so on.")
            }
            for key in rolesTable.keys {
                guard let role = ColorRole(rawValue: key) else {
                    throw error(
                        "roles.\(key)",
                        "is not a role; use one of \(ColorRole.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                guard let roleTable = rolesTable[key]?.table else {
                    throw error(
                        "roles.\(key)",
                        "must be a table; write [roles.\(key)] with fg, bg, bold, underline, reverse or dim.")
                }
                roles[role] = try roleColors(from: roleTable, at: "roles.\(key)")
            }
        }
        return Theme(name: themeName, roles: roles)
    }

    private func roleColors(from table: TOMLTable, at path: String) throws -> RoleColors {
        try rejectUnknownKeys(in: table, allowed: Self.roleKeys, at: path)
        return RoleColors(
            foreground: try color(table["fg"], at: "\(path).fg"),
            background: try color(table["bg"], at: "\(path).bg"),
            bold: try flag(table["bold"], at: "\(path).bold"),
            underline: try flag(table["underline"], at: "\(path).underline"),
            reverse: try flag(table["reverse"], at: "\(path).reverse"),
            dim: try flag(table["dim"], at: "\(path).dim")
        )
    }

    private func color(_ value: TOMLValueConvertible?, at path: String) throws -> ThemeColor? {
        guard let value else { return nil }
        let example = "{ truecolor = \"#d0d0d0\", ansi256 = 252, ansi16 = 7 }"
        guard let table = value.table else {
            throw error(path, "must be a colour table; write \(path.split(separator: ".").last!) = \(example).")
        }
        try rejectUnknownKeys(in: table, allowed: Self.colorKeys, at: path)
        guard let hexValue = table["truecolor"] else {
            throw error("\(path).truecolor", "is missing; add truecolor = \"#rrggbb\".")
        }
        guard let hex = hexValue.string, let rgb = ThemeColor.rgb(hex: hex) else {
            throw error("\(path).truecolor", "must be a string \"#rrggbb\" with six hex digits, e.g. \"#005f87\".")
        }
        return ThemeColor(
            truecolor: rgb,
            ansi256: try index(table["ansi256"], below: 256, at: "\(path).ansi256"),
            ansi16: try index(table["ansi16"], below: 16, at: "\(path).ansi16")
        )
    }

    private func index(_ value: TOMLValueConvertible?, below limit: Int, at path: String) throws -> Int {
        guard let value else { throw error(path, "is missing; add a palette index from 0 to \(limit - 1).") }
        guard let number = value.int, (0..<limit).contains(number) else {
            throw error(path, "must be a whole number from 0 to \(limit - 1).")
        }
        return number
    }

    private func flag(_ value: TOMLValueConvertible?, at path: String) throws -> Bool? {
        guard let value else { return nil }
        guard let bool = value.bool else { throw error(path, "must be true or false.") }
        return bool
    }

    private func rejectUnknownKeys(in table: TOMLTable, allowed: [String], at path: String) throws {
        for key in table.keys where !allowed.contains(key) {
            let full = path.isEmpty ? key : "\(path).\(key)"
            throw error(full, "is not a theme key; remove it or use one of \(allowed.joined(separator: ", ")).")
        }
    }

    private func error(_ key: String, _ problem: String) -> ThemeError {
        ThemeError(theme: theme, key: key, problem: problem)
    }
}
