import Foundation

/// A provider whose data lives on this machine, so the app may fill it directly: the demo pipeline on a first
/// run, generated opportunities for `pipeboard demo`.
public protocol SeedableWorkspace: OpportunityProvider {
    /// True until a pipeline is saved.
    func isEmpty() throws -> Bool
    /// Adds or replaces a pipeline and its stages.
    func savePipeline(_ pipeline: Pipeline, position: Int) throws
    /// Stores many opportunities, taken one at a time (a generator need not hold them all), in a few large
    /// commits; `progress` hears how many are stored so far.
    func insertMany<Deals: Sequence<Opportunity>>(_ opportunities: Deals, progress: ((Int) -> Void)?) throws
    /// `insertMany` for a fill added to what is there: a deal whose id the workspace already has is left as it is
    /// (the same seed makes the same ids), never overwritten; returns how many were stored.
    func insertNew<Deals: Sequence<Opportunity>>(_ opportunities: Deals, progress: ((Int) -> Void)?) throws -> Int
    /// Stores generated notes and tasks in one commit, each on the deal whose remote id `dealRemoteIDs` gives for
    /// its deal; returns them as stored, with their remote ids (those of deals not listed are left out).
    func insertActivity(notes: [Note], tasks: [DealTask], dealRemoteIDs: [UUID: String]) throws
        -> (notes: [Note], tasks: [DealTask])
}

extension SeedableWorkspace {
    /// Stores many opportunities at once.
    public func insertMany(_ opportunities: [Opportunity]) throws { try insertMany(opportunities, progress: nil) }
}
