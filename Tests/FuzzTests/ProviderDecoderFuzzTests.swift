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
    struct Subject {
        let name: String
        let provider: any OpportunityProvider
        let faults: FaultSwitches
        let stop: () async -> Void
    }

    static let fast = RetryPolicy(maxAttempts: 1, baseDelay: .milliseconds(1), maxDelay: .milliseconds(1),
                                  longestWait: .seconds(1), requestTimeout: .seconds(10))
    static let wide = RateLimit(limit: 100_000, interval: .seconds(1))

    static func start(_ name: String) async throws -> Subject {
        let http = HTTPTransport.makeClient(connectTimeout: .seconds(2))
        let pacer = Pacer(limit: 100_000, per: .seconds(1))
        switch name {
        case "highlevel":
            let fake = try await HighLevelFake.start(token: token, count: 5, rateLimit: wide)
            let client = HighLevelClient(baseURL: fake.baseURL, token: token, locationID: fake.locationID, currency: "USD",
                                         http: http, pacer: pacer, retry: fast)
            return Subject(name: name, provider: client, faults: fake.faults) { try? await http.shutdown(); await fake.stop() }
        case "twenty":
            let fake = try await TwentyFake.start(token: token, count: 5, rateLimit: wide)
            let client = TwentyClient(baseURL: fake.baseURL, token: token, defaultCurrency: "USD", http: http, pacer: pacer, retry: fast)
            return Subject(name: name, provider: client, faults: fake.faults) { try? await http.shutdown(); await fake.stop() }
        default:
            throw ProviderError.invalidResponse("no fuzz subject \(name)")
        }
    }

    static let providers = ["highlevel", "twenty"]

    /// One round: pipelines, then the first page of the first pipeline, each answer rewritten.
    static func round(_ subject: Subject, pipelines rewritePipelines: @escaping @Sendable (Data) -> Data,
                      page rewritePage: @escaping @Sendable (Data) -> Data, pipelineID: String) async {
        subject.faults.rewriteNext([rewritePipelines])
        await expectCleanOutcome(subject.name) { try await subject.provider.fetchPipelines().map(\.sanitized).count }
        subject.faults.rewriteNext([rewritePage])
        await expectCleanOutcome(subject.name) {
            let page = try await subject.provider.pull(pipelineID: pipelineID, after: nil)
            for record in page.opportunities.map(\.sanitized) {
                for text in [record.name, record.stageID] + [record.contactName, record.companyName, record.owner].compactMap({ $0 }) {
                    #expect(!text.unicodeScalars.contains { ProviderText.isControlForTests($0.value) }, "\(text.debugDescription)")
                }
                if let value = record.value { #expect(value.micros != .min) }
            }
            return page.opportunities.count
        }
    }

    static func expectCleanOutcome(_ name: String, _ body: () async throws -> Int) async {
        do {
            _ = try await body()
        } catch let error as ProviderError {
            #expect(!error.description.isEmpty)
            #expect(error.description.count < 600, "\(name): an error of \(error.description.count) characters")
            #expect(!error.description.contains(token))
        } catch {
            Issue.record("\(name) threw \(type(of: error)) instead of a ProviderError: \(error)")
        }
    }

    @Test(arguments: providers)
    func mutatedAnswers(_ name: String) async throws {
        let subject = try await Self.start(name)
        let pipelineID = try await subject.provider.fetchPipelines()[0].id
        let plans = Gen.int(in: 0...Int(Int32.max)).array(of: 1...5)
        await propertyCheck(count: 150, input: plans, plans) { first, second in
            await Self.round(subject, pipelines: { Mutator.mutate($0, with: first) }, page: { Mutator.mutate($0, with: second) },
                             pipelineID: pipelineID)
        }
        await subject.stop()
    }

    /// Files named `<provider>-pipelines-*` or `<provider>-page-*` in Corpus/providers replace that answer whole.
    @Test(arguments: providers)
    func corpusAnswers(_ name: String) async throws {
        let subject = try await Self.start(name)
        let pipelineID = try await subject.provider.fetchPipelines()[0].id
        let files = Corpus.files("providers").filter { $0.name.hasPrefix(name + "-") }
        #expect(!files.isEmpty, "no corpus for \(name)")
        for file in files {
            let body = file.data
            let isPipelines = file.name.hasPrefix("\(name)-pipelines-")
            await Self.round(subject, pipelines: { isPipelines ? body : $0 }, page: { isPipelines ? $0 : body }, pipelineID: pipelineID)
        }
        await subject.stop()
    }
}

extension ProviderText {
    /// Controls, escapes and bidi overrides: what must never reach the screen.
    static func isControlForTests(_ value: UInt32) -> Bool {
        value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }
}
