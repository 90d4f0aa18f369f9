import Foundation

/// Notes and tasks where a provider offers none: each call refuses with the provider's name and the operation,
/// so the board and the command line say "BrightMove's API does not offer adding notes".
extension OpportunityProvider {
    public func notes(of deal: Opportunity) async throws -> [RemoteNote] {
        throw ProviderError.unsupported(provider: displayName, operation: .listNotes)
    }

    public func addNote(_ note: Note, to deal: Opportunity) async throws -> RemoteNote {
        throw ProviderError.unsupported(provider: displayName, operation: .addNote)
    }

    public func deleteNote(remoteID: String, of deal: Opportunity) async throws {
        throw ProviderError.unsupported(provider: displayName, operation: .deleteNote)
    }

    public func tasks(of deal: Opportunity) async throws -> [RemoteTask] {
        throw ProviderError.unsupported(provider: displayName, operation: .listTasks)
    }

    public func task(remoteID: String, of deal: Opportunity) async throws -> RemoteTask? {
        try await tasks(of: deal).first { $0.remoteID == remoteID }
    }

    public func addTask(_ task: DealTask, to deal: Opportunity) async throws -> RemoteTask {
        throw ProviderError.unsupported(provider: displayName, operation: .addTask)
    }

    public func updateTask(remoteID: String, patch: TaskPatch, current: DealTask, of deal: Opportunity) async throws
        -> RemoteTask?
    {
        throw ProviderError.unsupported(provider: displayName, operation: .updateTask)
    }

    public func deleteTask(remoteID: String, of deal: Opportunity) async throws {
        throw ProviderError.unsupported(provider: displayName, operation: .deleteTask)
    }

    public func openTasks(pipelineID: String) async throws -> [String: [RemoteTask]] {
        throw ProviderError.unsupported(provider: displayName, operation: .listPipelineTasks)
    }
}
