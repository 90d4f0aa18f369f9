import Foundation
import PipeboardTUI

/// Finds a theme by name (or path): the user's themes folder, then the themes shipped beside the binary, then
/// the ones compiled in.
package enum ThemeLoader {
    package static func load(
        _ nameOrPath: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Theme {
        if nameOrPath.hasSuffix(".toml") || nameOrPath.contains("/") {
            return try parse(
                file: nameOrPath, name: URL(fileURLWithPath: nameOrPath).deletingPathExtension().lastPathComponent)
        }
        for folder in searchFolders(environment: environment) {
            let file = folder + "/" + nameOrPath + ".toml"
            if FileManager.default.fileExists(atPath: file) { return try parse(file: file, name: nameOrPath) }
        }
        if nameOrPath == Theme.builtInDefault.name { return Theme.builtInDefault }
        if let text = Theme.shippedTOML[nameOrPath] { return try Theme.parse(toml: text, name: nameOrPath) }
        let known = Set(
            searchFolders(environment: environment).flatMap { folder in
                ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                    .filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
            } + [Theme.builtInDefault.name] + Theme.shippedTOML.keys
        ).sorted()
        throw ConfigError(
            file: nil,
            message: "unknown theme '\(nameOrPath)'; use one of \(known.joined(separator: ", ")), "
                + "or put \(nameOrPath).toml in \(userFolder(environment: environment))"
        )
    }

    /// Loads the config's theme once before anything starts, so a bad theme is a config error with its line.
    package static func check(_ config: AppConfig) throws {
        do {
            _ = try load(config.theme)
        } catch {
            throw config.error(at: "theme", "theme = \"\(config.theme)\": \(error)")
        }
    }

    /// The user's own themes: beside the config's default place, as AppPaths finds it (an empty variable is unset).
    static func userFolder(environment: [String: String]) -> String {
        let home = environment["HOME"]?.nilIfEmpty ?? NSHomeDirectory()
        return (environment["XDG_CONFIG_HOME"]?.nilIfEmpty ?? home + "/.config") + "/pipeboard/themes"
    }

    static func searchFolders(environment: [String: String]) -> [String] {
        let config = userFolder(environment: environment)
        // The themes/ folder of the checkout the binary was built in (it lives a few folders below), or of an
        // install prefix (bin/../share/pipeboard/themes).
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        var shipped: [String] = []
        for _ in 0..<4 {
            folder = folder.deletingLastPathComponent()
            shipped.append(folder.appendingPathComponent("themes").path)
            shipped.append(folder.appendingPathComponent("share/pipeboard/themes").path)
        }
        return [config] + shipped
    }

    static func parse(file: String, name: String) throws -> Theme {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigError(file: nil, message: "cannot read theme \(file)")
        }
        let text = String(decoding: data, as: UTF8.self)
        do {
            return try Theme.parse(toml: text, name: name)
        } catch let error as ThemeError {
            // The same key-path locator as the config: the theme file and the line of the key at fault.
            let line = error.key.isEmpty ? nil : TOMLKeyLocator(source: text).line(of: error.key)
            throw ConfigError(file: file, line: line, message: "\(error)")
        }
    }
}
