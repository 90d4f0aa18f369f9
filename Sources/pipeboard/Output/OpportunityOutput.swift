import Foundation
import PipeboardCore

/// The JSON shape of an opportunity on the command line (documented in README). Every key is always present.
struct OpportunityOutput: Encodable {
    let opportunity: Opportunity
    let pipeline: Pipeline?
    let now: Date
    /// The deal's earliest open task; `next_step` is null without one.
    var nextStep: NextStep? = nil

    enum Key: String, CodingKey {
        case id, remote_id, account, name, pipeline, pipeline_id, stage, stage_id, status, provider_status
        case value, currency, contact, company, email, phone, owner, close_date, source, probability, tags
        case custom_fields, created_at, updated_at, stage_changed_at, days_in_stage, next_step
    }

    func encode(to encoder: Encoder) throws {
        let o = opportunity
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(o.id.uuidString.lowercased(), forKey: .id)
        try container.encode(o.remoteID, forKey: .remote_id)
        try container.encode(o.account, forKey: .account)
        try container.encode(o.name, forKey: .name)
        try container.encode(pipeline?.name, forKey: .pipeline)
        try container.encode(o.pipelineID, forKey: .pipeline_id)
        try container.encode(stageName, forKey: .stage)
        try container.encode(o.stageID, forKey: .stage_id)
        try container.encode(o.status.rawValue, forKey: .status)
        try container.encode(o.providerStatus, forKey: .provider_status)
        try container.encode(o.value?.decimalString, forKey: .value)
        try container.encode(o.value?.currency, forKey: .currency)
        try container.encode(o.contactName, forKey: .contact)
        try container.encode(o.companyName, forKey: .company)
        try container.encode(o.email, forKey: .email)
        try container.encode(o.phone, forKey: .phone)
        try container.encode(o.owner, forKey: .owner)
        try container.encode(o.closeDate, forKey: .close_date)
        try container.encode(o.source, forKey: .source)
        try container.encode(o.probability, forKey: .probability)
        try container.encode(o.tags, forKey: .tags)
        try container.encode(o.customFields, forKey: .custom_fields)
        try container.encode(ISOTime.string(from: o.createdAt), forKey: .created_at)
        try container.encode(ISOTime.string(from: o.updatedAt), forKey: .updated_at)
        try container.encode(ISOTime.string(from: o.stageChangedAt), forKey: .stage_changed_at)
        try container.encode(o.daysInStage(now: now), forKey: .days_in_stage)
        try container.encode(
            nextStep.map { NextStepOutput(step: $0, today: ISODay.string(from: now)) }, forKey: .next_step)
    }

    var stageName: String {
        pipeline?.stages.first { $0.id == opportunity.stageID }?.name ?? opportunity.stageID
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
