/// Where a card stands on the board: its account, pipeline and stage, and its index in that column among the
/// cards the board shows (nil when the search or filters hide it). What a jump to a card needs to load its window.
public struct CardPlace: Hashable, Sendable {
    public var account: String
    public var pipelineID: String
    public var stageID: String
    public var name: String
    public var index: Int?

    public init(account: String, pipelineID: String, stageID: String, name: String, index: Int?) {
        self.account = account
        self.pipelineID = pipelineID
        self.stageID = stageID
        self.name = name
        self.index = index
    }
}
