import Foundation

/// A deterministic generator of believable opportunities, for the first run and `pipeboard demo`.
public enum DemoData {
    /// The open steps of a sale; won, lost and abandoned are statuses, as in the CRMs, not stages.
    public static let pipeline = Pipeline(
        id: "sales", name: "Sales",
        stages: [
            Stage(id: "lead", name: "Lead", position: 0, probability: 0.1),
            Stage(id: "qualified", name: "Qualified", position: 1, probability: 0.25),
            Stage(id: "proposal", name: "Proposal", position: 2, probability: 0.5),
            Stage(id: "negotiation", name: "Negotiation", position: 3, probability: 0.75),
        ])

    /// The size of the pipeline seeded on a first run.
    public static let starterCount = 25
    /// About this many tasks per starter deal, and half as many notes (`DemoActivity`).
    public static let starterTasks = 2

    /// `count` opportunities spread over the pipeline's stages, the same for the same seed and `now`.
    /// Ranks start at `firstRank` in every stage, so that batches made one after another keep their order.
    public static func opportunities(
        count: Int, seed: UInt64, account: String, pipeline: Pipeline = pipeline, now: Date, firstRank: Int64 = 0
    ) -> [Opportunity] {
        var maker = Maker(seed: seed, account: account, pipeline: pipeline, now: now, firstRank: firstRank)
        return (0..<count).map { maker.next(index: $0) }
    }

    /// The deals of `opportunities` one at a time: each batch of `batch` gets its own seed (`seed` plus the index of
    /// its first deal) and ranks that follow the batch before it, so a million are made without holding them all.
    public struct Stream: Sequence, IteratorProtocol {
        let count: Int, seed: UInt64, account: String, pipeline: Pipeline, now: Date, batch: Int
        private var made = 0
        private var maker: Maker?

        public init(
            count: Int, seed: UInt64, account: String, pipeline: Pipeline = DemoData.pipeline, now: Date,
            batch: Int = 10_000
        ) {
            (self.count, self.seed, self.account, self.pipeline, self.now) = (count, seed, account, pipeline, now)
            self.batch = Swift.max(1, batch)
        }

        public mutating func next() -> Opportunity? {
            guard made < count else { return nil }
            let index = made % batch
            if index == 0 {
                maker = Maker(
                    seed: seed &+ UInt64(made), account: account, pipeline: pipeline, now: now,
                    firstRank: Int64(made))
            }
            made += 1
            return maker?.next(index: index)
        }
    }

    /// One batch's generator: the random numbers and each stage's next rank.
    struct Maker {
        var random: SplitMix64
        var ranks: [String: Int64] = [:]
        let account: String, pipeline: Pipeline, now: Date, firstRank: Int64

        init(seed: UInt64, account: String, pipeline: Pipeline, now: Date, firstRank: Int64) {
            random = SplitMix64(seed: seed)
            (self.account, self.pipeline, self.now, self.firstRank) = (account, pipeline, now, firstRank)
        }

        /// The seed of the whole fill: a batch's seed and first rank are both counted from it (`Stream`).
        var fillSeed: UInt64 { random.seed &- UInt64(bitPattern: firstRank) }

        /// Where the deal at `index` of the batch comes in the whole fill.
        func position(_ index: Int) -> UInt64 { UInt64(bitPattern: firstRank) &+ UInt64(index) }

        /// The deal at `index` of the batch.
        mutating func next(index: Int) -> Opportunity {
            let stageAt = stageIndex(random.next(), stages: pipeline.stages.count)
            let stage = pipeline.stages[stageAt]
            let company = companies[Int(random.next() % UInt64(companies.count))]
            let deal = deals[Int(random.next() % UInt64(deals.count))]
            let first = firstNames[Int(random.next() % UInt64(firstNames.count))]
            let last = lastNames[Int(random.next() % UInt64(lastNames.count))]
            let currencyRoll = random.next() % 20
            let currency = currencyRoll == 0 ? "EUR" : (currencyRoll == 1 ? "GBP" : "USD")
            let hundreds = Int64(5 + random.next() % 1_500)
            let ageDays = Double(random.next() % 90)
            let inStageDays = Double(random.next() % UInt64(ageDays + 1))
            let created = now.addingTimeInterval(-(ageDays * 86_400 + Double(index % 3_600)))
            let rank = ranks[stage.id, default: firstRank]
            ranks[stage.id] = rank + 1
            // About one deal in three of the last two stages was won there; one in eleven anywhere was lost.
            let late = stageAt >= pipeline.stages.count - 2
            let status: OpportunityStatus = late && hundreds % 3 == 0 ? .won : (hundreds % 11 == 0 ? .lost : .open)
            let closeOffset = Double(random.next() % 120) - 30
            return Opportunity(
                id: UUID(position: position(index), fill: fillSeed, random: random.next(), random.next()),
                account: account, pipelineID: pipeline.id,
                stageID: stage.id, rank: rank, name: "\(company) — \(deal)",
                value: Money(micros: hundreds * 100 * Money.microsPerUnit, currency: currency),
                status: status, contactName: "\(first) \(last)", companyName: company,
                email: "\(first.lowercased()).\(last.lowercased())@example.com",
                owner: owners[Int(random.next() % UInt64(owners.count))],
                closeDate: ISODay.string(from: now.addingTimeInterval(closeOffset * 86_400)),
                source: sources[Int(random.next() % UInt64(sources.count))],
                tags: random.next() % 4 == 0 ? ["priority"] : [],
                createdAt: created, updatedAt: now.addingTimeInterval(-inStageDays * 86_400),
                stageChangedAt: now.addingTimeInterval(-inStageDays * 86_400)
            )
        }
    }

    /// Earlier stages hold more deals, as in a real funnel.
    static func stageIndex(_ roll: UInt64, stages: Int) -> Int {
        let weights = (0..<stages).map { stages - $0 + 1 }
        var pick = Int(roll % UInt64(weights.reduce(0, +)))
        for (index, weight) in weights.enumerated() {
            if pick < weight { return index }
            pick -= weight
        }
        return stages - 1
    }

    static let companies = [
        "Acme Corp", "Globex", "Initech", "Umbrella Health", "Stark Industries", "Wayne Logistics", "Hooli",
        "Vandelay Imports", "Soylent Foods", "Tyrell Systems", "Cyberdyne", "Aperture Labs", "Wonka Confections",
        "Nakatomi Trading", "Oceanic Air", "Massive Dynamic", "Pied Piper", "Dunder Mifflin", "Gringotts",
        "Monarch Solar",
    ]
    static let deals = [
        "CRM rollout", "Annual renewal", "Pilot", "Q1 staffing", "Data migration", "Support plan", "Expansion",
        "Security audit", "Training", "Website rebuild", "Roof replacement", "Solar install", "Consulting retainer",
    ]
    static let firstNames = [
        "Ana", "Ben", "Chloé", "Dev", "Emeka", "Fatima", "Greta", "Hiro", "Ines", "Jonas", "Kenji", "Lena", "Mateo",
        "Noor", "Olga", "Priya",
    ]
    static let lastNames = [
        "Alvarez", "Brown", "Chen", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen", "Kowalski",
        "Lopez", "Müller", "Nakamura", "Okafor", "Patel",
    ]
    static let owners = ["sam", "alex", "jordan", "taylor"]
    static let sources = ["Referral", "Website", "Cold call", "Event", "Partner"]
}

/// A small, fast, seedable generator (SplitMix64), so demo data is reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    /// The seed it was made with.
    let seed: UInt64
    public init(seed: UInt64) { (state, self.seed) = (seed, seed) }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension UUID {
    /// A demo deal's id, which sorts in the order the deals are made: its first four bytes are the deal's `position`
    /// in the fill, counted from a start that the fill's seed picks; the rest is random (`high`, `low`). The cache and
    /// the workspace index their cards by id, and a million random ids rewrote pages all over those indexes at every
    /// commit; ids in order only ever add to one place. The first eight hex digits (the short id the command line
    /// shows) still differ from deal to deal. Version 8 (RFC 9562): a layout of its own, not a random UUID.
    init(position: UInt64, fill seed: UInt64, random high: UInt64, _ low: UInt64) {
        var start = SplitMix64(seed: seed)
        let first = UInt32(truncatingIfNeeded: start.next() >> 32) &+ UInt32(truncatingIfNeeded: position)
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<4 { bytes[index] = UInt8(truncatingIfNeeded: first >> (8 * (3 - index))) }
        for index in 0..<6 {
            bytes[4 + index] = UInt8(truncatingIfNeeded: high >> (8 * index))
            bytes[10 + index] = UInt8(truncatingIfNeeded: low >> (8 * index))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        self.init(demoBytes: bytes)
    }

    /// A version-4-shaped UUID from two random words, for reproducible demo data.
    init(seed high: UInt64, _ low: UInt64) {
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (8 * index))
            bytes[index + 8] = UInt8(truncatingIfNeeded: low >> (8 * index))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        self.init(demoBytes: bytes)
    }

    private init(demoBytes bytes: [UInt8]) {
        self.init(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}
