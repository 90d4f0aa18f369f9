import Foundation
import PackagePlugin

/// Gives the `pipeboard` target a BuildInfo.swift with the commit and the day it is built from, made at build time
/// (so nothing generated is committed to go stale) by scripts/build-info.sh; a source tree without git says
/// "unknown commit".
@main
struct BuildInfo: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildInfo")
        // A prebuild command runs before every build; the script rewrites the file only when its text changes,
        // so an unchanged commit and day rebuild nothing.
        return [
            .prebuildCommand(
                displayName: "Build info: commit and day",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [root.appending(path: "scripts/build-info.sh").path, root.path, output.path],
                outputFilesDirectory: output)
        ]
    }
}
