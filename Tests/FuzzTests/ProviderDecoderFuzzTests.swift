import AsyncHTTPClient
import Foundation
import PipeboardCore
import PipeboardProviders
import ProviderFakes
import PropertyBased
import Testing

/// Every provider client against its fake over real HTTP, with the fake's answers rewritten into hostile or
/// broken bodies (generated mutations, then the corpus): a client returns records or throws a ProviderError
/// with a message; it never crashes, and what it returns can be made safe for the screen.
@Suite(.serialized, .timeLimit(.minutes(5))) struct ProviderDecoderFuzzTests {
    static let token = "fuzz-token-not-a-secret"

    /// A running fake with its client; `stop` ends both.
    struct Subject: Sendable {
        let name: String
        let provider: any OpportunityProvider
        let faults: FaultSwitches
        let stop: @Sendable () async -> Void
    }

    static let fast = RetryPolicy(
        maxAttempts: 1, baseDelay: .milliseconds(1), maxDelay: .milliseconds(1),
        longestWait: .seconds(1), requestTimeout: .seconds(10))
    static let wide = RateLimit(limit: 100_000, interval: .seconds(1))

    static func start(_ name: String) async throws -> Subject {
        let http = HTTPTransport.makeClient(connectTimeout: .seconds(2))
        let pacer = Pacer(limit: 100_000, per: .seconds(1))
        switch name {
        case "highlevel":
            let fake = try await HighLevelFake.start(token: token, count: 5, rateLimit: wide)
            let client = HighLevelClient(
                baseURL: fake.baseURL, token: token, locationID: fake.locationID, currency: "USD",
                http: http, pacer: pacer, retry: fast)
            return Subject(name: name, provider: client, faults: fake.faults) {
                try? await http.shutdown(); await fake.stop()
            }
        case "twenty":
            let fake = try await TwentyFake.start(token: token, count: 5, rateLimit: wide)
            let client = TwentyClient(
                baseURL: fake.baseURL, token: token, defaultCurrency: "USD", http: http, pacer: pacer, retry: fast)
            return Subject(name: name, provider: client, faults: fake.faults) {
                try? await http.shutdown(); await fake.stop()
            }
        default:
            throw ProviderError.invalidResponse("no fuzz subject \(name)")
        }
    }

    static let providers = ["highlevel", "twenty"]

    /// One round: pipelines, then the first page of the first pipeline, each answer rewritten.
    /// Returns how many of the two answers the client refused (with a ProviderError).
    @discardableResult
    static func round(
        _ subject: Subject, pipelines rewritePipelines: @escaping @Sendable (Data) -> Data,
        page rewritePage: @escaping @Sendable (Data) -> Data, pipelineID: String
    ) async -> Int {
        subject.faults.rewriteNext([rewritePipelines])
        let first = await expectCleanOutcome(subject.name) {
            try await subject.provider.fetchPipelines().map(\.sanitized).count
        }
        subject.faults.rewriteNext([rewritePage])
        let second = await expectCleanOutcome(subject.name) {
            let page = try await subject.provider.pull(pipelineID: pipelineID, after: nil)
            for record in page.opportunities.map(\.sanitized) {
                for text in [record.name, record.stageID]
                    + [record.contactName, record.companyName, record.owner].compactMap({ $0 })
                {
                    #expect(
                        !text.unicodeScalars.contains { ProviderText.isControlForTests($0.value) },
                        "\(text.debugDescription)")
                }
                // Any amount, down to Int64's extremes, can be shown and totalled without trapping.
                if let value = record.value {
                    var totals = MoneyTotals()
                    totals.add(value)
                    totals.add(value)
                    #expect(!totals.amounts.isEmpty)
                    #expect(!value.formatted.isEmpty && !value.compact.isEmpty && !value.decimalString.isEmpty)
                }
            }
            return page.opportunities.count
        }
        return (first ? 0 : 1) + (second ? 0 : 1)
    }

    /// True when the call returned; false when it threw a ProviderError (anything else is an issue).
    static func expectCleanOutcome(_ name: String, _ body: () async throws -> Int) async -> Bool {
        do {
            _ = try await body()
            return true
        } catch let error as ProviderError {
            #expect(!error.description.isEmpty)
            #expect(error.description.count < 600, "\(name): an error of \(error.description.count) characters")
            #expect(!error.description.contains(token))
        } catch {
            Issue.record("\(name) threw \(type(of: error)) instead of a ProviderError: \(error)")
        }
        return false
    }

    @Test(arguments: providers)
    func mutatedAnswers(_ name: String) async throws {
        let subject = try await Self.start(name)
        let pipelineID = try await subject.provider.fetchPipelines()[0].id
        let plans = Gen.int(in: 0...Int(Int32.max)).array(of: 1...5)
        let refused = Locked(0)
        await FuzzSeed.check("ProviderDecoderFuzzTests/mutatedAnswers", count: 150, input: zip(plans, plans)) {
            first, second in
            let count = await Self.round(
                subject, pipelines: { Mutator.mutate($0, with: first) }, page: { Mutator.mutate($0, with: second) },
                pipelineID: pipelineID)
            refused.withLock { $0 += count }
        }
        await subject.stop()
        // The mutations reached the client: most broken answers are refused, some still decode.
        let total = refused.withLock { $0 }
        #expect(total > 30 && total < 300, "\(total) of 300 answers refused")
    }

    /// Files named `<provider>-pipelines-*` or `<provider>-page-*` in Corpus/providers replace that answer whole.
    @Test(arguments: providers)
    func corpusAnswers(_ name: String) async throws {
        let subject = try await Self.start(name)
        let pipelineID = try await subject.provider.fetchPipelines()[0].id
        let files = Corpus.files("providers").filter { $0.name.hasPrefix(name + "-") }
        #expect(!files.isEmpty, "no corpus for \(name)")
        var refused = 0
        for file in files {
            let body = file.data
            let isPipelines = file.name.hasPrefix("\(name)-pipelines-")
            refused += await Self.round(
                subject, pipelines: { isPipelines ? body : $0 }, page: { isPipelines ? $0 : body },
                pipelineID: pipelineID)
        }
        #expect(refused > 0, "no corpus answer was refused: the rewrites did not reach the client")
        await subject.stop()
    }
}

/// A counter the property's closure can update.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T { lock.lock(); defer { lock.unlock() }; return body(&value) }
}

extension ProviderText {
    /// Controls, escapes and bidi overrides: what must never reach the screen.
    static func isControlForTests(_ value: UInt32) -> Bool {
        value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
    }
}
