import Foundation
import Testing
@testable import PipeboardConfig

/// Where the user's own themes are looked for, and what an unknown theme's error says about it.
@Suite struct ThemeLoaderTests {
    private func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeboard-themes-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func anUnknownThemeNamesTheFolderThatIsLookedIn() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["HOME": "/nowhere", "XDG_CONFIG_HOME": folder.path]
        #expect {
            try ThemeLoader.load("nope", environment: environment)
        } throws: { error in
            "\(error)".hasSuffix("or put nope.toml in \(folder.path)/pipeboard/themes")
        }
    }

    @Test func anEmptyXDGConfigHomeIsUnsetAsForTheConfig() throws {
        let home = try scratch()
        defer { try? FileManager.default.removeItem(at: home) }
        let themes = home.appendingPathComponent(".config/pipeboard/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("themes/light.toml")
        let own = try String(contentsOf: shipped, encoding: .utf8)
        try own.write(to: themes.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        let environment = ["HOME": home.path, "XDG_CONFIG_HOME": ""]
        // Found in ~/.config/pipeboard/themes (the file names itself light), not looked for in /pipeboard/themes.
        #expect(try ThemeLoader.load("mine", environment: environment).name == "light")
        #expect(AppPaths.resolve(environment: environment).configFile == home.path + "/.config/pipeboard/config.toml")
    }
}
