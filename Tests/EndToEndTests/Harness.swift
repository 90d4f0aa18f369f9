import Foundation

/// Runs the real `pipeboard` binary (built by `swift build` before the tests) in a throwaway data folder.
struct Harness {
    let home: URL
    let config: URL
    /// More variables for the binary's environment (credentials named by a test config).
    var extraEnvironment: [String: String] = [:]

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The debug binary `swift build` leaves (or PIPEBOARD_TEST_BINARY, as scripts/sanitize.sh sets it to the
    /// sanitized build's); the tests say clearly when it is missing.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["PIPEBOARD_TEST_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path, relativeTo: packageRoot)
        }
        return packageRoot.appendingPathComponent(".build/debug/pipeboard")
    }

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("pipeboard-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        config = home.appendingPathComponent("config.toml")
    }

    func cleanUp() { try? FileManager.default.removeItem(at: home) }

    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["PIPEBOARD_HOME"] = home.path
        environment["PIPEBOARD_CONFIG"] = config.path
        return environment.merging(extraEnvironment) { _, extra in extra }
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `pipeboard` with `arguments` and waits for it.
    @discardableResult
    func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = Harness.binary
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// `pipeboard list --format json`, decoded.
    func list() throws -> [[String: Any]] {
        let result = try run(["list", "--format", "json"])
        guard result.status == 0 else { throw HarnessError("list failed: \(result.stderr)") }
        guard let items = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] else {
            throw HarnessError("list printed no JSON array: \(result.stdout)")
        }
        return items
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
