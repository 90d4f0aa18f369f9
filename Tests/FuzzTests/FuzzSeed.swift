import Foundation
import PropertyBased
import Testing

/// The random part of the fuzz tests, reproducible from one number. The run's seed comes from
/// PIPEBOARD_FUZZ_SEED or is picked at random; it is written to stderr before a test's first input (so the log
/// of a run that crashed still shows it) and added to every failure with the number of the failing input.
/// Each test draws from its own generator, derived from the seed and the test's name, so running one test
/// alone replays the same inputs as running the whole suite.
enum FuzzSeed {
    static let variable = "PIPEBOARD_FUZZ_SEED"

    static let value: UInt64 = {
        guard let text = ProcessInfo.processInfo.environment[variable] else {
            return UInt64.random(in: 1...999_999_999)
        }
        guard let seed = UInt64(text) else {
            fatalError("\(variable)=\(text) is not a whole number; set it to the seed a failed run printed")
        }
        return seed
    }()

    /// A generator for `test`: the same seed and name give the same inputs.
    static func generator(for test: String) -> Xoshiro {
        // FNV-1a of the name (Swift's Hasher is seeded per process), then SplitMix64 to fill xoshiro's state.
        var mixed = value ^ test.utf8.reduce(0xCBF2_9CE4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
        func next() -> UInt64 {
            mixed &+= 0x9E37_79B9_7F4A_7C15
            var z = mixed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return Xoshiro(seed: (next(), next(), next(), next()))
    }

    /// Runs `body` on `count` inputs drawn from `input`; a failure inside names the seed and the input's number.
    static func check<Value: Sendable, Shrink>(
        _ test: String, count: Int, input: Generator<Value, Shrink>,
        _ body: @escaping @Sendable (Value) async -> Void
    ) async {
        let replay = "replay: \(variable)=\(value) swift test --no-parallel --filter \(test)"
        FileHandle.standardError.write(Data("fuzz \(test): \(count) inputs, \(variable)=\(value) (\(replay))\n".utf8))
        var rng = generator(for: test)
        let current = Locked(0)
        let annotate = IssueHandlingTrait.compactMapIssues { issue in
            var issue = issue
            issue.comments.append("input \(current.withLock { $0 }) of \(count) from \(variable)=\(value); \(replay)")
            return issue
        }
        var drawn: [Value] = []
        for _ in 0..<count { drawn.append(input.run(using: &rng)) }
        let values = drawn
        try? await annotate.provideScope(for: Test.current!, testCase: Test.Case.current) {
            for (number, value) in values.enumerated() {
                current.withLock { $0 = number + 1 }
                await body(value)
            }
        }
    }
}
