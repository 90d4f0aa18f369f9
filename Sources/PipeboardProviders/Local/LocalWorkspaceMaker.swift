extension LocalWorkspaceProvider {
    /// Opens (or creates) the account's workspace file; a local workspace has no other settings.
    package static func make(settings: ProviderSettings) throws -> LocalWorkspaceProvider {
        try LocalWorkspaceProvider(path: settings.workspaceFile)
    }
}
