import Foundation
import PipeboardCore

/// Twenty's timeline: an opportunity keeps a `timelineActivity` per event ("opportunity.updated": its
/// `properties.diff` holds each changed field's `before` and `after`), nested in the record read at depth 1.
extension TwentyClient: PublishesHistory {
    public var historyName: String { "Twenty's timeline" }

    public func history(remoteID: String) async throws -> [ProviderChange] {
        let data = try await transport.send(
            .GET, "/rest/opportunities/\(HTTPTransport.segment(remoteID))",
            query: [URLQueryItem(name: "depth", value: "1")])
        let record = try ProviderJSON.decode(TwentyTimelineResponse.self, from: data, what: "Twenty timeline")
            .data.opportunity
        return (record.timelineActivities ?? []).flatMap(changes(in:))
    }

    /// The board's fields an update changed, at the activity's time; nothing from other events.
    func changes(in activity: TwentyTimelineActivity) -> [ProviderChange] {
        guard activity.name == "opportunity.updated", let diff = activity.properties?.diff,
            let at = (activity.happensAt ?? activity.createdAt).flatMap(ProviderDate.parse)
        else { return [] }
        var found: [ProviderChange] = []
        func add(_ field: DealField, _ from: String?, _ to: String?) {
            if from != to { found.append(ProviderChange(field: field, from: from, to: to, at: at)) }
        }
        if let stage = diff.stage {
            add(.stage, stage.before.map(ProviderText.clean), stage.after.map(ProviderText.clean))
        }
        if let amount = diff.amount { add(.value, money(amount.before), money(amount.after)) }
        if let name = diff.name { add(.name, name.before.map(ProviderText.clean), name.after.map(ProviderText.clean)) }
        if let day = diff.closeDate {
            add(
                .closeDate, day.before.map { ProviderText.clean(String($0.prefix(10))) },
                day.after.map { ProviderText.clean(String($0.prefix(10))) })
        }
        return found
    }

    private func money(_ amount: TwentyAmount?) -> String? {
        guard let micros = amount?.amountMicros?.value else { return nil }
        let currency = ProviderText.clean(amount?.currencyCode?.nilIfBlank ?? defaultCurrency)
        return DealChange.text(of: Money(micros: micros, currency: currency))
    }
}

struct TwentyTimelineResponse: Decodable {
    struct Record: Decodable { let timelineActivities: [TwentyTimelineActivity]? }
    struct Payload: Decodable { let opportunity: Record }
    let data: Payload
}

/// One activity; what is not understood is left out rather than failing the whole timeline.
struct TwentyTimelineActivity: Decodable {
    let name: String?
    let happensAt: String?
    let createdAt: String?
    let properties: Properties?

    enum CodingKeys: String, CodingKey { case name, happensAt, createdAt, properties }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try? container.decodeIfPresent(String.self, forKey: .name)
        happensAt = try? container.decodeIfPresent(String.self, forKey: .happensAt)
        createdAt = try? container.decodeIfPresent(String.self, forKey: .createdAt)
        // A RAW_JSON field: an object, or (some servers) the object as text.
        if let object = try? container.decodeIfPresent(Properties.self, forKey: .properties) {
            properties = object
        } else if let text = try? container.decodeIfPresent(String.self, forKey: .properties) {
            properties = try? JSONDecoder().decode(Properties.self, from: Data(text.utf8))
        } else {
            properties = nil
        }
    }

    struct Properties: Decodable { let diff: Diff? }

    struct Pair<Value: Decodable>: Decodable {
        let before: Value?
        let after: Value?
    }

    struct Diff: Decodable {
        let stage: Pair<String>?
        let name: Pair<String>?
        let closeDate: Pair<String>?
        let amount: Pair<TwentyAmount>?

        enum CodingKeys: String, CodingKey { case stage, name, closeDate, amount }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            stage = try? container.decodeIfPresent(Pair<String>.self, forKey: .stage)
            name = try? container.decodeIfPresent(Pair<String>.self, forKey: .name)
            closeDate = try? container.decodeIfPresent(Pair<String>.self, forKey: .closeDate)
            amount = try? container.decodeIfPresent(Pair<TwentyAmount>.self, forKey: .amount)
        }
    }
}
