import Foundation
import PipeboardConfig
import PipeboardService
import ProviderFakes

/// `pipeboard demo --serve`: the HighLevel, Twenty, BrightMove, Coperniq and Coastline fakes with sample data on
/// loopback, and a config that points at them, so a person can try CRM accounts without having one. Runs until
/// interrupted.
enum DemoServer {
    static let tokenVariable = "PIPEBOARD_DEMO_TOKEN"
    static let lifetime: Duration = .seconds(12 * 3_600)

    static func run(count: Int) async throws {
        let paths = AppPaths.resolve()
        try DataFolder.prepare(paths.dataFolder)
        // The servers' own log lines (the HTTP server's start, each request's errors) go to the log, not the screen.
        FileLogHandler.bootstrap(path: paths.logFile)
        let token = "demo-" + UUID().uuidString.lowercased()
        let highLevel = try await HighLevelFake.start(token: token, count: count, lifetime: lifetime)
        let twenty = try await TwentyFake.start(token: token, count: count, lifetime: lifetime)
        let brightMove = try await BrightMoveFake.start(
            companyKey: token, userKey: token, count: count, lifetime: lifetime)
        let coperniq = try await CoperniqFake.start(apiKey: token, count: count, lifetime: lifetime)
        let coastline = try await CoastlineFake.start(token: token, count: count, lifetime: lifetime)
        let brightMoveStages = BrightMoveFake.Seed.sampleSetup.stages.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let brightMoveTypes = BrightMoveFake.Seed.sampleSetup.types.map { "\"\($0)\"" }.joined(separator: ", ")
        let brightMoveSources = BrightMoveFake.Seed.sampleSetup.leadSources.map { "\"\($0)\"" }.joined(separator: ", ")
        let coastlineStages = CoastlineFake.Seed.sampleStages.map { "\"\($0.id)=\($0.name)\"" }.joined(separator: ", ")
        let config = absolute(paths.dataFolder + "/demo-serve.toml")
        try """
        # Written by `pipeboard demo --serve`: accounts on local look-alikes of the five CRMs.
        [[accounts]]
        name = "highlevel-demo"
        provider = "highlevel"
        token_env = "\(tokenVariable)"
        location_id = "\(highLevel.locationID)"
        base_url = "\(highLevel.baseURL)"

        [[accounts]]
        name = "twenty-demo"
        provider = "twenty"
        token_env = "\(tokenVariable)"
        base_url = "\(twenty.baseURL)"

        [[accounts]]
        name = "brightmove-demo"
        provider = "brightmove"
        company_key_env = "\(tokenVariable)"
        user_key_env = "\(tokenVariable)"
        base_url = "\(brightMove.baseURL)"
        stages = [\(brightMoveStages)]
        types = [\(brightMoveTypes)]
        lead_sources = [\(brightMoveSources)]

        [[accounts]]
        name = "coperniq-demo"
        provider = "coperniq"
        api_key_env = "\(tokenVariable)"
        base_url = "\(coperniq.baseURL)"

        [[accounts]]
        name = "coastline-demo"
        provider = "coastline"
        token_env = "\(tokenVariable)"
        base_url = "\(coastline.baseURL)"
        stages = [\(coastlineStages)]
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let instructions = """
            HighLevel look-alike at \(highLevel.baseURL), Twenty look-alike at \(twenty.baseURL)
            BrightMove at \(brightMove.baseURL), Coperniq at \(coperniq.baseURL), Coastline at \(coastline.baseURL)
            config: \(config)
            log: \(paths.logFile)
            In another terminal:
              \(command(config: config, dataFolder: paths.dataFolder, token: token)) --account highlevel-demo
            Ctrl-C stops the servers.

            """
        // Written straight to the descriptor, so a script reading the pipe sees it before the long wait.
        FileHandle.standardOutput.write(Data(instructions.utf8))
        try await Task.sleep(for: lifetime)
    }

    /// The command line that opens the demo as printed, from any folder: this very binary by its full path, and
    /// the data folder and config this run uses.
    static func command(config: String, dataFolder: String, token: String) -> String {
        [
            "PIPEBOARD_HOME=" + shellQuoted(absolute(dataFolder)), "PIPEBOARD_CONFIG=" + shellQuoted(absolute(config)),
            "\(tokenVariable)=\(token)", shellQuoted(executablePath),
        ].joined(separator: " ")
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// A word the shell reads back as `text`: as it is when plain, else in single quotes.
    static func shellQuoted(_ text: String) -> String {
        text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-+:=@".contains($0)) }
            ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// This binary's full path (Linux: /proc/self/exe), else the name it was started by.
    static var executablePath: String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        let started = CommandLine.arguments[0]
        guard started.contains("/") else { return started }
        return absolute(started)
    }
}
