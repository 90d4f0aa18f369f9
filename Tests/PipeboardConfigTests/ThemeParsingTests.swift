import Foundation
import PipeboardTUI
import Testing
@testable import PipeboardConfig

/// Theme files read into the TUI's Theme: the shipped ones, compiled in as they are, and the errors that name the
/// key at fault and the fix.
@Suite struct ThemeParsingTests {
    private static let themesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes")

    private static func themeFile(_ name: String) throws -> String {
        try String(contentsOf: themesFolder.appendingPathComponent(name), encoding: .utf8)
    }

    private static let themeFiles: [String] =
        (try? FileManager.default.contentsOfDirectory(atPath: themesFolder.path))?
        .filter { $0.hasSuffix(".toml") }.sorted() ?? []

    private func parseError(_ toml: String) -> ThemeError? {
        do {
            _ = try Theme.parse(toml: toml, name: "broken")
            return nil
        } catch {
            return error as? ThemeError
        }
    }

    // MARK: shipped themes

    @Test func defaultFileMatchesTheBuiltInTheme() throws {
        #expect(try Theme.parse(toml: Self.themeFile("default.toml"), name: "default") == Theme.builtInDefault)
    }

    /// The build compiles in exactly the files of themes/, byte for byte, and `T` cycles through all of them.
    @Test func everyFileInThemesIsCompiledInAsItIs() throws {
        let names = Self.themeFiles.map { String($0.dropLast(".toml".count)) }
        #expect(Set(Theme.shippedTOML.keys) == Set(names))
        #expect(Set(BoardDisplay.shippedThemes) == Set(names))
        for name in names {
            #expect(Theme.shippedTOML[name] == (try Self.themeFile(name + ".toml")), "\(name)")
        }
    }

    @Test func theDefaultThemeSetsEveryRole() {
        #expect(Set(Theme.builtInDefault.roles.keys) == Set(ColorRole.allCases))
    }

    @Test func themesFolderHoldsTheDefault() {
        #expect(Self.themeFiles.contains("default.toml"))
    }

    @Test(arguments: themeFiles)
    func everyShippedThemeParses(file: String) throws {
        let name = String(file.dropLast(".toml".count))
        let theme = try Theme.parse(toml: Self.themeFile(file), name: name)
        #expect(theme.name == name)
    }

    // MARK: parsing

    @Test func parsesTheDocumentedLayout() throws {
        let theme = try Theme.parse(
            toml: """
                name = "mine"
                [roles.text]
                fg = { truecolor = "#d0d0d0", ansi256 = 252, ansi16 = 7 }
                [roles.cardFocused]
                fg = { truecolor = "#FFFFFF", ansi256 = 231, ansi16 = 15 }
                bg = { truecolor = "#005f87", ansi256 = 24, ansi16 = 4 }
                bold = true
                reverse = false
                """, name: "file")
        #expect(theme.name == "mine")
        #expect(
            theme.roles[.text] == RoleColors(foreground: ThemeColor(truecolor: 0xD0D0D0, ansi256: 252, ansi16: 7)))
        #expect(
            theme.roles[.cardFocused]
                == RoleColors(
                    foreground: ThemeColor(truecolor: 0xFFFFFF, ansi256: 231, ansi16: 15),
                    background: ThemeColor(truecolor: 0x005F87, ansi256: 24, ansi16: 4), bold: true, reverse: false))
    }

    @Test func nameFallsBackToTheFileName() throws {
        #expect(try Theme.parse(toml: "", name: "empty").name == "empty")
    }

    @Test func errorsNameTheThemeTheKeyAndTheFix() {
        let error = parseError("[roles.cardFocus]\nbold = true")
        #expect(error?.theme == "broken")
        #expect(error?.key == "roles.cardFocus")
        #expect(error?.description.contains("cardFocused") == true)
    }

    @Test func rejectsUnknownKeys() {
        #expect(parseError("colour = 1")?.key == "colour")
        #expect(parseError("[roles.text]\nitalic = true")?.key == "roles.text.italic")
        #expect(
            parseError("[roles.text]\nfg = { truecolor = \"#000000\", ansi256 = 0, ansi16 = 0, ansi8 = 0 }")?.key
                == "roles.text.fg.ansi8")
    }

    @Test func rejectsWrongTypes() {
        #expect(parseError("name = 3")?.key == "name")
        #expect(parseError("roles = 1")?.key == "roles")
        #expect(parseError("[roles.text]\nbold = \"yes\"")?.key == "roles.text.bold")
        #expect(parseError("[roles.text]\nfg = \"#ffffff\"")?.key == "roles.text.fg")
        #expect(
            parseError("[roles.text]\nfg = { truecolor = \"#ffffff\", ansi256 = \"231\", ansi16 = 15 }")?.key
                == "roles.text.fg.ansi256")
    }

    @Test func rejectsBadHexAndOutOfRangeIndexes() {
        #expect(
            parseError("[roles.text]\nfg = { truecolor = \"#fffff\", ansi256 = 1, ansi16 = 1 }")?.key
                == "roles.text.fg.truecolor")
        #expect(
            parseError("[roles.text]\nfg = { truecolor = \"ffffff\", ansi256 = 1, ansi16 = 1 }")?.key
                == "roles.text.fg.truecolor")
        #expect(
            parseError("[roles.text]\nfg = { truecolor = \"#gggggg\", ansi256 = 1, ansi16 = 1 }")?.key
                == "roles.text.fg.truecolor")
        #expect(
            parseError("[roles.text]\nfg = { truecolor = \"#ffffff\", ansi256 = 256, ansi16 = 1 }")?.key
                == "roles.text.fg.ansi256")
        #expect(
            parseError("[roles.text]\nfg = { truecolor = \"#ffffff\", ansi256 = 1, ansi16 = 16 }")?.key
                == "roles.text.fg.ansi16")
        #expect(
            parseError("[roles.text]\nfg = { truecolor = \"#ffffff\", ansi256 = 1 }")?.key == "roles.text.fg.ansi16")
    }

    @Test func reportsTomlSyntaxErrors() {
        let error = parseError("[roles.text\nbold = true")
        #expect(error?.key == "")
        #expect(error?.description.contains("line 1") == true)
    }
}
