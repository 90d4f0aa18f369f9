// Throwaway: where the time of a pull goes, stage by stage.
import AsyncHTTPClient
import Foundation
import PipeboardCore
import PipeboardProviders
import PipeboardService
import PipeboardStore
import ProviderFakes

func secs(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
let count = Int(CommandLine.arguments.dropFirst().first ?? "10000")!
let only = CommandLine.arguments.dropFirst(2).first ?? "all"
let token = "probe-token"
let unlimited = RateLimit(limit: 1_000_000_000, interval: .seconds(1))
let fake = try await HighLevelFake.start(token: token, count: count, rateLimit: unlimited)
let http = HTTPClient(eventLoopGroupProvider: .singleton)
let pacer = Pacer(limit: 1_000_000_000, per: .seconds(1))
let client = HighLevelClient(baseURL: fake.baseURL, token: token, locationID: fake.locationID, currency: "USD", http: http, pacer: pacer)
let pipelines = try await client.fetchPipelines()
print("pipelines", pipelines.count)

if only == "all" || only == "fake" {
    // A: the fake alone (raw HTTP, no decoding beyond the cursor)
    var t = ContinuousClock.now
    var cursor: (String, String)? = nil
    var pages = 0, bytes = 0
    repeat {
        var url = "\(fake.baseURL)/opportunities/search?location_id=\(fake.locationID)&pipeline_id=\(pipelines[0].id)&limit=100"
        if let c = cursor { url += "&startAfter=\(c.0)&startAfterId=\(c.1)" }
        var req = HTTPClientRequest(url: url)
        req.headers.add(name: "Authorization", value: "Bearer \(token)")
        req.headers.add(name: "Version", value: "2021-07-28")
        let resp = try await http.execute(req, timeout: .seconds(30))
        let body = try await resp.body.collect(upTo: 1 << 25)
        bytes += body.readableBytes
        pages += 1
        let obj = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as! [String: Any]
        let meta = obj["meta"] as! [String: Any]
        if meta["nextPage"] is NSNull || meta["nextPage"] == nil { cursor = nil } else {
            cursor = ("\(meta["startAfter"]!)", meta["startAfterId"] as! String)
        }
    } while cursor != nil
    let took = ContinuousClock.now - t
    print(String(format: "A fake+http raw: %d pages, %d KB/page, %.1f ms/page, %.0f rec/s", pages, bytes / pages / 1024, secs(took) * 1000 / Double(pages), Double(count) / secs(took)))
    _ = t; t = .now
}

var allPages: [[RemoteOpportunity]] = []
if only == "all" || only == "client" || only == "store" {
    // B: client pull (fetch + decode + map) without store
    let t = ContinuousClock.now
    var cursor: String? = nil
    repeat {
        let page = try await client.pull(pipelineID: pipelines[0].id, after: cursor)
        allPages.append(page.opportunities)
        cursor = page.next
    } while cursor != nil
    let took = ContinuousClock.now - t
    print(String(format: "B client pull: %.1f ms/page, %.0f rec/s", secs(took) * 1000 / Double(allPages.count), Double(count) / secs(took)))
    let t2 = ContinuousClock.now
    let clean = allPages.map { $0.map(\.sanitized) }
    let took2 = ContinuousClock.now - t2
    print(String(format: "B2 sanitize: %.2f ms/page", secs(took2) * 1000 / Double(clean.count)))
}
if only == "all" || only == "store" {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("probe-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
    let t = ContinuousClock.now
    for page in allPages { _ = try store.write { try $0.mergePulled(account: "highlevel", page.map(\.sanitized)) } }
    let took = ContinuousClock.now - t
    print(String(format: "C store merge (first): %.1f ms/page, %.0f rec/s", secs(took) * 1000 / Double(allPages.count), Double(count) / secs(took)))
    let t3 = ContinuousClock.now
    for page in allPages { _ = try store.write { try $0.mergePulled(account: "highlevel", page.map(\.sanitized)) } }
    let took3 = ContinuousClock.now - t3
    print(String(format: "C2 store merge (again): %.1f ms/page, %.0f rec/s", secs(took3) * 1000 / Double(allPages.count), Double(count) / secs(took3)))
    try? FileManager.default.removeItem(at: folder)
}
if only == "all" || only == "service" {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("probe-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let store = try CacheStore(path: folder.appendingPathComponent("cache.sqlite").path)
    let config = AccountConfig(name: "highlevel", provider: .highlevel, baseURL: fake.baseURL, settings: ["location_id": .text(fake.locationID)])
    let service = BoardService(store: store, accounts: [Account(config: config, provider: client)])
    let t = ContinuousClock.now
    let report = try await service.pull(account: "highlevel")
    let took = ContinuousClock.now - t
    print(String(format: "D service pull: %d written, %.2f s, %.0f rec/s", report.written, secs(took), Double(count) / secs(took)))
    try? FileManager.default.removeItem(at: folder)
}
try await http.shutdown()
await fake.stop()
