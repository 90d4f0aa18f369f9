import Foundation
import GRDB

extension SearchMirror {
    /// What a search of words alone finds in the copy: the sums per (stage, status, currency) as `GroupSums` reads
    /// them, and the rowids of each stage with at most `sparseLimit` matches (a stage with more is read along its
    /// order, where its matches soon fill the window).
    struct Matches {
        var groups: [Row]
        var sparse: [String: [Int64]]
    }

    /// The cards holding each of `words` in one of their three fields, as `FilterSQL`'s LIKEs mean it, whose status
    /// is in `statuses` (nil: any); nil when a sum leaves what SQLite's integers hold (SQL says so, in its words).
    func matches(words: [[UInt8]], statuses: Set<String>?, sparseLimit: Int) -> Matches? {
        let found = cards(holding: words)
        let allowed = groups.map { group in
            statuses.map { $0.contains(String(decoding: group.status, as: UTF8.self)) } ?? true
        }
        var stages: [[UInt8]] = []
        let stageOf = groups.map { group -> Int in
            if let index = stages.firstIndex(of: group.stage) { return index }
            stages.append(group.stage)
            return stages.count - 1
        }
        var sums = [GroupTotal](repeating: GroupTotal(), count: groups.count)
        var order: [Int] = []
        var stageRows = [[Int64]](repeating: [], count: stages.count)
        var stageCounts = [Int](repeating: 0, count: stages.count)
        for (wordIndex, var bits) in found.enumerated() {
            while bits != 0 {
                let slot = wordIndex << 6 | bits.trailingZeroBitCount
                bits &= bits - 1
                let group = Int(groupOf[slot])
                guard allowed[group] else { continue }
                if sums[group].count == 0 { order.append(group) }
                guard sums[group].add(micros[slot], probability[slot], entered[slot], nulls: nulls[slot]) else {
                    return nil
                }
                let stage = stageOf[group]
                stageCounts[stage] += 1
                if stageCounts[stage] <= sparseLimit { stageRows[stage].append(rowIDs[slot]) }
            }
        }
        var sparse: [String: [Int64]] = [:]
        for (index, stage) in stages.enumerated() where stageCounts[index] <= sparseLimit {
            sparse[String(decoding: stage, as: UTF8.self)] = stageRows[index]
        }
        return Matches(groups: order.map { sums[$0].row(groups[$0]) }, sparse: sparse)
    }

    /// The cards (a bit per card, in rowid order) whose text holds every word.
    private func cards(holding words: [[UInt8]]) -> [UInt64] {
        var blobs: [UInt64]?
        for word in words {
            let holding = self.blobs(holding: word)
            blobs = blobs.map { zip($0, holding).map { $0 & $1 } } ?? holding
        }
        var cards = [UInt64](repeating: 0, count: (rowIDs.count + 63) / 64)
        for (wordIndex, var bits) in (blobs ?? []).enumerated() {
            while bits != 0 {
                let blob = wordIndex << 6 | bits.trailingZeroBitCount
                bits &= bits - 1
                let card = Int(ownerOf[blob])
                if card >= 0 { cards[card >> 6] |= 1 << UInt64(card & 63) }
            }
        }
        return cards
    }

    /// The blobs (a bit per blob) that hold `word`: a search over the whole text, skipping to the next blob after
    /// each find. Fields end in a NUL and words hold none, so a find never spans two fields.
    private func blobs(holding word: [UInt8]) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: (ownerOf.count + 63) / 64)
        text.withUnsafeBufferPointer { text in
            blobStart.withUnsafeBufferPointer { starts in
                word.withUnsafeBufferPointer { word in
                    guard let base = text.baseAddress, let needle = word.baseAddress else { return }
                    let anchor = word.indices.min { byteSample[Int(word[$0])] < byteSample[Int(word[$1])] } ?? 0
                    var from = 0
                    var blob = 0
                    while let at = Self.find(needle, word.count, anchor: anchor, in: base, text.count, from: from) {
                        while starts[blob + 1] <= at { blob += 1 }
                        bits[blob >> 6] |= 1 << UInt64(blob & 63)
                        from = Int(starts[blob + 1])
                    }
                }
            }
        }
        return bits
    }

    /// Where `needle` next occurs in `text` at or after `from`: `memchr` finds its byte at `anchor` (its rarest in the
    /// text: the first letter of `acme` is in most cards), `memcmp` checks the whole.
    private static func find(
        _ needle: UnsafePointer<UInt8>, _ length: Int, anchor: Int, in text: UnsafePointer<UInt8>, _ count: Int,
        from: Int
    ) -> Int? {
        var from = from + anchor
        let last = count - length + anchor
        while from <= last {
            guard let hit = memchr(text + from, Int32(needle[anchor]), last + 1 - from) else { return nil }
            let start = UnsafeRawPointer(hit) - UnsafeRawPointer(text) - anchor
            if memcmp(text + start, needle, length) == 0 { return start }
            from = start + anchor + 1
        }
        return nil
    }

    /// A search word as the copy holds text: its UTF-8 with ASCII letters in lower case, as LIKE compares them.
    static func folded(_ word: String) -> [UInt8] {
        word.utf8.map { $0 &- 65 < 26 ? $0 | 0x20 : $0 }
    }
}

/// One group's sums, each as SQLite's `SUM` gives it (see `GroupSums`): exact over integers, NULL when nothing was
/// summed; reals added in rowid order, as the table scan hands them over.
private struct GroupTotal {
    var count = 0
    var micros: Int64 = 0
    var valued = false
    var ownWeighted = 0.0
    var weighted = false
    var withoutOwn: Int64 = 0
    var unweighted = false
    var entered = 0.0

    /// False when an integer sum overflows.
    mutating func add(_ value: Int64, _ probability: Double, _ entered: Double, nulls: UInt8) -> Bool {
        count += 1
        self.entered += entered
        guard nulls & 1 == 0 else { return true }
        let (sum, overflow) = micros.addingReportingOverflow(value)
        guard !overflow else { return false }
        micros = sum
        valued = true
        if nulls & 2 == 0 {
            ownWeighted += Double(value) * probability
            weighted = true
        } else {
            let (sum, overflow) = withoutOwn.addingReportingOverflow(value)
            guard !overflow else { return false }
            withoutOwn = sum
            unweighted = true
        }
        return true
    }

    func row(_ key: SearchMirror.GroupKey) -> Row {
        [
            "stage_id": String(decoding: key.stage, as: UTF8.self),
            "status": String(decoding: key.status, as: UTF8.self),
            "currency": key.currency.map { String(decoding: $0, as: UTF8.self) }, "count": count,
            "micros": valued ? micros.databaseValue : .null,
            "own_weighted": weighted ? ownWeighted.databaseValue : .null,
            "without_own": unweighted ? withoutOwn.databaseValue : .null, "entered": entered.databaseValue,
        ]
    }
}
