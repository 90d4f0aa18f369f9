import Foundation
import PipeboardCore
@testable import PipeboardStore

/// Runs `body` with a fresh folder under the system temp directory, removed afterwards.
func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeboard-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}

/// A fixed clock: dates in tests are built from it so they compare exactly.
let referenceNow = Date(timeIntervalSince1970: 1_767_225_600.123_456)

let salesPipeline = Pipeline(
    id: "sales", name: "Sales",
    stages: [
        Stage(id: "lead", name: "Lead", position: 0, probability: 0.1),
        Stage(id: "proposal", name: "Proposal", position: 1, probability: 0.5),
        Stage(id: "won", name: "Won", position: 2, probability: 1),
    ])

func card(
    _ name: String, account: String = "acme", stage: String = "lead", rank: Int64 = 0, value: Money? = nil,
    status: OpportunityStatus = .open, remoteID: String? = nil, pipeline: String = "sales", created: Date = referenceNow
) -> Opportunity {
    Opportunity(
        account: account, remoteID: remoteID, pipelineID: pipeline, stageID: stage, rank: rank, name: name,
        value: value, status: status, createdAt: created)
}

func usd(_ units: Int64) -> Money { Money(micros: units * Money.microsPerUnit, currency: "USD") }
func eur(_ units: Int64) -> Money { Money(micros: units * Money.microsPerUnit, currency: "EUR") }

extension CacheStore {
    /// Inserts cards in one transaction.
    func seed(_ cards: [Opportunity]) throws {
        try write { try $0.insertMany(cards) }
    }
}

struct ExpectedFailure: Error {}
