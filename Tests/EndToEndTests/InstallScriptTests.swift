import Foundation
import Testing

/// `scripts/install.sh` into a throwaway PREFIX with the debug binary (`--binary`, so no release build), then
/// `--uninstall`: the binary, the man page and the three shells' completions land where each looks, and go again.
@Suite(.serialized) struct InstallScriptTests {
    static let installed = [
        "bin/pipeboard",
        "share/man/man1/pipeboard.1",
        "share/bash-completion/completions/pipeboard",
        "share/zsh/site-functions/_pipeboard",
        "share/fish/vendor_completions.d/pipeboard.fish",
    ]

    @Test func installsWhereEachToolLooksAndUninstallsExactlyThat() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("pipeboard-install-\(UUID())")
        try FileManager.default.createDirectory(at: prefix, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: prefix) }
        // Something of the user's already under PREFIX: the uninstall leaves it, and the folder it is in.
        let theirs = prefix.appendingPathComponent("share/man/man1/other.1")
        try FileManager.default.createDirectory(
            at: theirs.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "theirs".write(to: theirs, atomically: true, encoding: .utf8)

        let install = try Self.script(["--prefix", prefix.path, "--binary", Harness.binary.path])
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stdout.contains("installed \(prefix.path)/bin/pipeboard (pipeboard "), "\(install.stdout)")
        for file in Self.installed {
            #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(file).path), "\(file)")
        }
        let binary = prefix.appendingPathComponent("bin/pipeboard").path
        #expect(FileManager.default.isExecutableFile(atPath: binary))
        let version = try Self.run(binary, ["--version"])
        #expect(version.stdout.hasPrefix("pipeboard "), "\(version.stdout)")

        // man finds the page under PREFIX/share/man from PREFIX/bin on PATH, and it documents the commands.
        let man = try Self.run(
            "/usr/bin/env",
            ["MANPATH=", "PATH=\(prefix.path)/bin:/usr/bin:/bin", "MANWIDTH=100", "man", "-P", "cat", "pipeboard"])
        #expect(man.status == 0, "\(man.stderr)")
        for text in ["PIPEBOARD(1)", "NAME", "pipeboard", "doctor", "list"] {
            #expect(man.stdout.contains(text), "\(text) not in the man page: \(man.stdout.prefix(400))")
        }

        // bash-completion's loader reads completions/NAME; sourcing it registers pipeboard's completion.
        let bash = try Self.run(
            "/bin/bash",
            ["-c", "source \(prefix.path)/share/bash-completion/completions/pipeboard; complete -p pipeboard"])
        #expect(bash.status == 0 && bash.stdout.contains("pipeboard"), "\(bash.stdout) \(bash.stderr)")
        let zsh = try String(contentsOf: prefix.appendingPathComponent(Self.installed[3]), encoding: .utf8)
        #expect(zsh.hasPrefix("#compdef pipeboard"), "\(zsh.prefix(80))")
        let fish = try String(contentsOf: prefix.appendingPathComponent(Self.installed[4]), encoding: .utf8)
        #expect(fish.contains("complete -c 'pipeboard'"), "\(fish.prefix(200))")

        // Installing again replaces the files; the manifest still lists each once.
        #expect(try Self.script(["--prefix", prefix.path, "--binary", Harness.binary.path]).status == 0)
        let manifest = try String(
            contentsOf: prefix.appendingPathComponent("share/pipeboard/install-manifest"), encoding: .utf8)
        let files = manifest.split(separator: "\n").filter { $0.hasPrefix("file ") }.map { $0.dropFirst(5) }
        #expect(files.sorted() == Self.installed.map { "\(prefix.path)/\($0)" }.sorted())

        let uninstall = try Self.script(["--prefix", prefix.path, "--uninstall"])
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        #expect(uninstall.stdout == "removed pipeboard (5 files) from \(prefix.path)\n")
        let left = try FileManager.default.subpathsOfDirectory(atPath: prefix.path).sorted()
        #expect(left == ["share", "share/man", "share/man/man1", "share/man/man1/other.1"])

        let again = try Self.script(["--prefix", prefix.path, "--uninstall"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("nothing installed in \(prefix.path)"), "\(again.stderr)")
    }

    @Test func anUnknownOptionIsAUsageError() throws {
        let result = try Self.script(["--prefx", "/tmp/x"])
        #expect(result.status == 64)
        #expect(result.stderr == "install.sh: unknown option '--prefx'; see scripts/install.sh --help\n")
    }

    static func script(_ arguments: [String]) throws -> Harness.Result {
        try run(
            "/usr/bin/env", ["PIPEBOARD_GENERATE_MANUAL=\(try manualTool())", scriptPath] + arguments)
    }

    static let scriptPath = Harness.packageRoot.appendingPathComponent("scripts/install.sh").path

    /// swift-argument-parser's generate-manual, as scripts/test.sh builds it before the tests. Built here if it is
    /// missing: swift test holds the build folder's lock while the tests run (nothing else builds then), so the
    /// script's own `swift build` would wait for ever.
    static func manualTool() throws -> String {
        let tool = Harness.packageRoot.appendingPathComponent(".build/debug/generate-manual").path
        if !FileManager.default.isExecutableFile(atPath: tool) {
            let built = try run(
                "/usr/bin/env",
                [
                    "swift", "build", "--ignore-lock", "--package-path", Harness.packageRoot.path, "--product",
                    "generate-manual",
                ])
            guard built.status == 0 else { throw HarnessError("cannot build generate-manual: \(built.stderr)") }
        }
        return tool
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Harness.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        // stderr to a file: a build's output there could fill a pipe while stdout is being read.
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("install-stderr-\(UUID())")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = try Data(contentsOf: errors)
        return Harness.Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}
