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
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
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
    }
}
