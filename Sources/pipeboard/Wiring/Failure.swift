import ArgumentParser
import Foundation

/// Runs a command body and turns any error into one line on stderr and exit status 1.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        FileHandle.standardError.write(Data("pipeboard: \(SecretRedaction.shared(String(describing: error)))\n".utf8))
        throw ExitCode(1)
    }
}
