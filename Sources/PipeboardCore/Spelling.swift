/// Nearness of words, for "did you mean" answers to a mistyped name.
public enum Spelling {
    /// Edits from one word to the other: an insertion, a deletion, a substitution or a swap of two neighbours
    /// ("lsit" for "list") each cost 1 (optimal string alignment). Capped work: names are short.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.prefix(64)), b = Array(b.prefix(64))
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var beforePrevious: [Int] = []
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            beforePrevious = previous
            previous = current
        }
        return previous[b.count]
    }

    /// The known word nearest to `word` (the first in sorted order on a tie), when it is near enough to be a
    /// slip of the fingers: at most 2 edits, or a third of the word's length for long words.
    public static func closest(to word: String, among known: some Sequence<String>) -> String? {
        let sorted = known.sorted()
        guard let close = sorted.min(by: { distance(word, $0) < distance(word, $1) }) else { return nil }
        return distance(word, close) <= max(2, word.count / 3) ? close : nil
    }
}
