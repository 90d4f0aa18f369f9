import Foundation

/// A record's place in search order: creation time in epoch ms, then id.
struct SearchKey: Hashable {
    let millis: Int64
    let id: String
}

/// The filters of GET /opportunities/search.
struct SearchFilter: Hashable {
    let pipelineID: String?
    let stageID: String?
    let contactID: String?
    let status: String?
    let text: String?

    init(_ query: [String: String]) {
        pipelineID = query["pipeline_id"]
        stageID = query["pipeline_stage_id"]
        contactID = query["contact_id"]
        status = query["status"]
        text = query["q"]?.lowercased()
    }

    func matches(_ record: HighLevelFake.Opportunity, contact: HighLevelFake.Contact?) -> Bool {
        if let pipelineID, record.pipelineId != pipelineID { return false }
        if let stageID, record.pipelineStageId != stageID { return false }
        if let contactID, record.contactId != contactID { return false }
        if let status, status != "all", record.status != status { return false }
        if let text, !text.isEmpty {
            let haystack = [record.name, contact?.name, contact?.companyName, contact?.email].compactMap {
                $0?.lowercased()
            }
            if !haystack.contains(where: { $0.contains(text) }) { return false }
        }
        return true
    }
}
