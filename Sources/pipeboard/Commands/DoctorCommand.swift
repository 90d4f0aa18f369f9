import ArgumentParser
import Foundation
import Logging
import PipeboardConfig
import PipeboardService

struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the config, credentials, cache, each account's provider and the terminal.",
        discussion: """
            Prints what is wrong and how to fix each; exits 0 only when all is well. Sends one request to each \
            CRM account and changes nothing.
            """)

    func run() async throws {
        let paths = AppPaths.resolve()
        // Provider clients log network errors: into the log where there is a data folder, never onto the screen.
        if FileManager.default.fileExists(atPath: paths.dataFolder) {
            FileLogHandler.bootstrap(path: paths.logFile)
        } else {
            LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
        }
        let findings = await Doctor(paths: paths, environment: ProcessInfo.processInfo.environment).run()
        print(findings.report)
        if findings.problems > 0 { throw ExitCode(1) }
    }
}
