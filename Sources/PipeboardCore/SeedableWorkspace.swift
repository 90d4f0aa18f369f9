/// A provider whose data lives on this machine, so the app may fill it directly: the demo pipeline on a first
/// run, generated opportunities for `pipeboard demo`.
public protocol SeedableWorkspace: OpportunityProvider {
    /// True until a pipeline is saved.
    func isEmpty() throws -> Bool
    /// Adds or replaces a pipeline and its stages.
    func savePipeline(_ pipeline: Pipeline, position: Int) throws
    /// Stores many opportunities at once.
    func insertMany(_ opportunities: [Opportunity]) throws
}
