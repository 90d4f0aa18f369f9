import Foundation
import Testing

/// `pipeboard demo --serve` starts look-alike CRMs and writes a config that works as it is.
@Suite(.serialized) struct DemoServeTests {
    @Test func theServedAccountsSyncAndList() throws {
        var harness = try Harness()
        defer { harness.cleanUp() }
        let process = Process()
        process.executableURL = Harness.binary
        process.arguments = ["demo", "--serve", "--cards", "30"]
        process.environment = harness.environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }

        // Read what it prints until the instructions are complete.
        var printed = ""
        let deadline = Date().addingTimeInterval(20)
        while !printed.contains("Ctrl-C stops the servers") && Date() < deadline && process.isRunning {
            printed += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        }
        let config = try #require(
            printed.split(separator: "\n").first { $0.hasPrefix("config: ") }?.dropFirst("config: ".count))
        let token = try #require(
            printed.split(separator: " ").first { $0.hasPrefix("PIPEBOARD_DEMO_TOKEN=") }?.split(separator: "=").last)
        #expect(config.hasPrefix(harness.home.path))
        try FileManager.default.copyItem(atPath: String(config), toPath: harness.config.path)
        harness.extraEnvironment["PIPEBOARD_DEMO_TOKEN"] = String(token)

        for account in ["highlevel-demo", "twenty-demo", "brightmove-demo", "coperniq-demo", "coastline-demo"] {
            let sync = try harness.run(["sync", "--account", account])
            #expect(sync.status == 0, "\(sync.stderr)")
            #expect(sync.stdout.contains("pulled 30 opportunities"), "\(sync.stdout)")
        }

        // The printed command works as printed: from another folder, with pipeboard on no PATH and no
        // PIPEBOARD_* variables, it opens the demo's data folder and config (here: lists, for the board's place).
        let line = try #require(printed.split(separator: "\n").first { $0.contains(" --account highlevel-demo") })
        let command = line.trimmingCharacters(in: .whitespaces)
        #expect(command.hasPrefix("PIPEBOARD_HOME=\(harness.home.path) PIPEBOARD_CONFIG=\(config) "), "\(command)")
        let binary = Harness.binary.resolvingSymlinksInPath().path
        #expect(command.contains(" \(binary) --account highlevel-demo"), "\(command)")
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "cd / && \(command.replacingOccurrences(of: " --account", with: " list --account"))"]
        // A sanitizer's options still reach a sanitized binary (scripts/sanitize.sh turns leak reports off).
        let sanitizerOptions = ProcessInfo.processInfo.environment.filter { $0.key.hasSuffix("SAN_OPTIONS") }
        shell.environment = sanitizerOptions.merging(["PATH": "/usr/bin:/bin", "HOME": harness.home.path]) { $1 }
        let listed = Pipe()
        shell.standardOutput = listed
        try shell.run()
        let table = String(decoding: listed.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        #expect(table.split(separator: "\n").count == 31, "\(table)")

        // The servers' own log lines went to the log file, none to the terminal.
        process.terminate()
        process.waitUntilExit()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(errors.isEmpty, "\(errors)")
        let log = try String(contentsOf: harness.home.appendingPathComponent("pipeboard.log"), encoding: .utf8)
        #expect(log.contains("Server started and listening on 127.0.0.1:"), "\(log.prefix(500))")
    }
}
