import AsyncHTTPClient
import Foundation
import NIOCore
import PipeboardProviders
import ProviderFakes
import TestSupport
import Testing

/// The fakes' notes and tasks, driven with plain HTTP (no client): the validation the specs document, and answers
/// in the specs' shapes.
@Suite struct ActivityFakeTests {
    static let token = Harness.token

    /// One request as sent over HTTP: status and body.
    static func send(
        _ method: String, _ url: String, headers: [(String, String)], body: String? = nil
    ) async throws -> (status: Int, body: String) {
        let http = HTTPTransport.makeClient(connectTimeout: .seconds(2))
        defer { _ = http.shutdown() }
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await http.execute(request, timeout: .seconds(5))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: bytes))
    }

    static func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    static func expectConforming(_ requests: [RecordedRequest], to library: Result<SpecLibrary, any Error>) throws {
        for violation in try library.get().violations(of: requests) {
            Issue.record("departs from the spec: \(violation)")
        }
    }

    // MARK: HighLevel

    static let highLevelHeaders = [("Authorization", "Bearer \(token)"), ("Version", HighLevelFake.version)]

    @Test func highLevelNotesAndTasksLiveOnTheContact() async throws {
        let fake = try await HighLevelFake.start(token: Self.token, count: 2)
        defer { Task { await fake.stop() } }
        fake.keepsAnswers = true
        let contact = try #require(fake.opportunities.first?.contactId)
        let base = fake.baseURL + "/contacts/\(contact)"
        let note = try await Self.send(
            "POST", base + "/notes", headers: Self.highLevelHeaders, body: #"{"body":"Called, wants a quote"}"#)
        #expect(note.status == 201)
        let noteID = try #require((Self.object(note.body)["note"] as? [String: Any])?["id"] as? String)
        let task = try await Self.send(
            "POST", base + "/tasks", headers: Self.highLevelHeaders,
            body: #"{"title":"Send quote","dueDate":"2026-03-14T15:30:00Z","completed":false}"#)
        #expect(task.status == 201)
        let taskID = try #require((Self.object(task.body)["task"] as? [String: Any])?["id"] as? String)
        #expect(fake.task(id: taskID)?.dueDate == "2026-03-14T15:30:00.000Z")

        let done = try await Self.send(
            "PUT", base + "/tasks/\(taskID)/completed", headers: Self.highLevelHeaders, body: #"{"completed":true}"#)
        #expect(done.status == 200)
        #expect(fake.task(id: taskID)?.completed == true)
        let list = try await Self.send("GET", base + "/tasks", headers: Self.highLevelHeaders)
        #expect((Self.object(list.body)["tasks"] as? [Any])?.count == 1)
        let notes = try await Self.send("GET", base + "/notes", headers: Self.highLevelHeaders)
        #expect((Self.object(notes.body)["notes"] as? [Any])?.count == 1)

        // Another contact's list holds none of them.
        let other = try #require(fake.opportunities.map(\.contactId).first { $0 != contact })
        let elsewhere = try await Self.send(
            "GET", fake.baseURL + "/contacts/\(other)/tasks", headers: Self.highLevelHeaders)
        #expect((Self.object(elsewhere.body)["tasks"] as? [Any])?.isEmpty == true)

        let deleted = try await Self.send("DELETE", base + "/notes/\(noteID)", headers: Self.highLevelHeaders)
        #expect(deleted.status == 200 && Self.object(deleted.body)["succeded"] as? Bool == true)
        #expect(fake.notes.isEmpty)
        let deletedTask = try await Self.send("DELETE", base + "/tasks/\(taskID)", headers: Self.highLevelHeaders)
        #expect(deletedTask.status == 200)
        #expect(fake.tasks.isEmpty)
        try Self.expectConforming(fake.requests, to: ProviderSpecs.highLevel)
        await fake.stop()
    }

    @Test func highLevelRefusesWhatItsSpecRefuses() async throws {
        let fake = try await HighLevelFake.start(token: Self.token, count: 1)
        defer { Task { await fake.stop() } }
        let contact = try #require(fake.opportunities.first?.contactId)
        let base = fake.baseURL + "/contacts/\(contact)"
        // CreateTaskParams requires title, dueDate and completed.
        let missing = try await Self.send(
            "POST", base + "/tasks", headers: Self.highLevelHeaders, body: #"{"title":"x"}"#)
        #expect(missing.status == 422)
        let messages = Self.object(missing.body)["message"] as? [String] ?? []
        #expect(messages.contains("dueDate should not be empty"))
        #expect(messages.contains("completed must be a boolean value"))
        let badDate = try await Self.send(
            "POST", base + "/tasks", headers: Self.highLevelHeaders,
            body: #"{"title":"x","dueDate":"next tuesday","completed":false}"#)
        #expect(badDate.status == 422)
        #expect(badDate.body.contains("dueDate must be a valid ISO 8601 date string"))
        let numberForBoolean = try await Self.send(
            "POST", base + "/tasks", headers: Self.highLevelHeaders,
            body: #"{"title":"x","dueDate":"2026-03-14T00:00:00Z","completed":1}"#)
        #expect(numberForBoolean.status == 422)
        // NotesDTO requires body and takes no other keys than its own.
        let noBody = try await Self.send(
            "POST", base + "/notes", headers: Self.highLevelHeaders, body: #"{"text":"x"}"#)
        #expect(noBody.status == 422)
        #expect(noBody.body.contains("property text should not exist"))
        #expect(noBody.body.contains("body should not be empty"))
        let completed = try await Self.send(
            "PUT", base + "/tasks/nope/completed", headers: Self.highLevelHeaders, body: #"{"completed":"yes"}"#)
        #expect(completed.status == 422)
        // No 404 is documented for these paths: an unknown contact or task is a 400.
        let unknownTask = try await Self.send(
            "PUT", base + "/tasks/nope/completed", headers: Self.highLevelHeaders, body: #"{"completed":true}"#)
        #expect(unknownTask.status == 400)
        let unknownContact = try await Self.send(
            "GET", fake.baseURL + "/contacts/nobody/notes", headers: Self.highLevelHeaders)
        #expect(unknownContact.status == 400)
        // Auth and the Version header come first.
        let noVersion = try await Self.send(
            "GET", base + "/notes", headers: [("Authorization", "Bearer \(Self.token)")])
        #expect(noVersion.status == 400)
        let badToken = try await Self.send(
            "GET", base + "/notes", headers: [("Authorization", "Bearer wrong"), ("Version", HighLevelFake.version)])
        #expect(badToken.status == 401)
        // The search's getTasks / getNotes flags are booleans.
        let flag = try await Self.send(
            "GET", fake.baseURL + "/opportunities/search?location_id=\(fake.locationID)&getTasks=yes",
            headers: Self.highLevelHeaders)
        #expect(flag.status == 422)
        await fake.stop()
    }

    // MARK: Coperniq

    @Test func coperniqNotesNeedABodyAndAnOpportunity() async throws {
        let fake = try await CoperniqFake.start(apiKey: Self.token, count: 1)
        defer { Task { await fake.stop() } }
        let key = [("x-api-key", Self.token)]
        let deal = try #require(fake.opportunities.first?.id)
        let base = fake.baseURL + "/opportunities/\(deal)/notes"
        let empty = try await Self.send("POST", base, headers: key, body: #"{"body":""}"#)
        #expect(empty.status == 400 && Self.object(empty.body)["field"] as? String == "body")
        let unknown = try await Self.send("POST", base, headers: key, body: #"{"text":"x"}"#)
        #expect(unknown.status == 400 && Self.object(unknown.body)["field"] as? String == "text")
        let nowhere = try await Self.send(
            "GET", fake.baseURL + "/opportunities/999999/notes", headers: key)
        #expect(nowhere.status == 404)
        let made = try await Self.send("POST", base, headers: key, body: #"{"body":"Site visit booked"}"#)
        #expect(made.status == 201 && Self.object(made.body)["note"] as? String == "Site visit booked")
        let listed = try await Self.send("GET", base, headers: key)
        #expect(Self.object(listed.body)["totalCount"] as? Int == 1)
        let noKey = try await Self.send("GET", base, headers: [])
        #expect(noKey.status == 401)
        await fake.stop()
    }

    // MARK: Twenty

    static let twentyHeaders = [("Authorization", "Bearer \(token)")]

    /// The link fields of a workspace's noteTarget object, as its metadata API reports them (join column names).
    static func targetColumns(_ fake: TwentyFake) async throws -> Set<String> {
        let answer = try await send("GET", fake.baseURL + "/rest/metadata/objects", headers: twentyHeaders)
        let objects = (object(answer.body)["data"] as? [String: Any])?["objects"] as? [[String: Any]] ?? []
        let target = objects.first { $0["nameSingular"] as? String == "noteTarget" }
        let edges = (target?["fields"] as? [String: Any])?["edges"] as? [[String: Any]] ?? []
        return Set(
            edges.compactMap {
                (($0["node"] as? [String: Any])?["settings"] as? [String: Any])?["joinColumnName"] as? String
            })
    }

    @Test(arguments: [TwentyFake.TargetFields.current, .legacy])
    func twentyLinksANoteToADealByTheWorkspacesFieldNames(_ naming: TwentyFake.TargetFields) async throws {
        let fake = try await TwentyFake.start(token: Self.token, count: 2)
        defer { Task { await fake.stop() } }
        fake.targetFields = naming
        fake.keepsAnswers = true
        let (link, other) =
            naming == .current ? ("targetOpportunityId", "opportunityId") : ("opportunityId", "targetOpportunityId")
        let columns: Set<String> =
            naming == .current
            ? ["noteId", "targetPersonId", "targetCompanyId", "targetOpportunityId"]
            : ["noteId", "personId", "companyId", "opportunityId"]
        #expect(try await Self.targetColumns(fake) == columns)
        let deal = try #require(fake.opportunities.first?.id)
        let rest = fake.baseURL + "/rest"
        let note = try await Self.send(
            "POST", rest + "/notes", headers: Self.twentyHeaders,
            body: #"{"title":"Call","bodyV2":{"markdown":"Wants a **quote**"}}"#)
        #expect(note.status == 201)
        let noteID = try #require(
            ((Self.object(note.body)["data"] as? [String: Any])?["createNote"] as? [String: Any])?["id"] as? String)

        let wrong = try await Self.send(
            "POST", rest + "/noteTargets", headers: Self.twentyHeaders,
            body: #"{"noteId":"\#(noteID)","\#(other)":"\#(deal)"}"#)
        #expect(wrong.status == 400)
        #expect(wrong.body.contains("unknown fields \(other) in objectMetadataItem noteTarget"))
        let linked = try await Self.send(
            "POST", rest + "/noteTargets", headers: Self.twentyHeaders,
            body: #"{"noteId":"\#(noteID)","\#(link)":"\#(deal)"}"#)
        #expect(linked.status == 201)

        // One request finds the deal's notes: its targets, each with its note (depth 1).
        let filter = "\(link)[eq]:\"\(deal)\""
        var query = URLComponents()
        query.queryItems = [URLQueryItem(name: "filter", value: filter), URLQueryItem(name: "depth", value: "1")]
        let found = try await Self.send(
            "GET", rest + "/noteTargets?" + query.percentEncodedQuery!, headers: Self.twentyHeaders)
        let targets = (Self.object(found.body)["data"] as? [String: Any])?["noteTargets"] as? [[String: Any]] ?? []
        #expect(targets.count == 1)
        #expect(targets.first?[link] as? String == deal)
        #expect(
            ((targets.first?["note"] as? [String: Any])?["bodyV2"] as? [String: Any])?["markdown"] as? String
                == "Wants a **quote**")
        try Self.expectConforming(naming == .current ? fake.requests : [], to: ProviderSpecs.twenty)
        await fake.stop()
    }

    @Test func twentyRefusesBadTasks() async throws {
        let fake = try await TwentyFake.start(token: Self.token, count: 1)
        defer { Task { await fake.stop() } }
        let rest = fake.baseURL + "/rest"
        let status = try await Self.send(
            "POST", rest + "/tasks", headers: Self.twentyHeaders, body: #"{"title":"x","status":"OPEN"}"#)
        #expect(status.status == 400 && status.body.contains("status"))
        let due = try await Self.send(
            "POST", rest + "/tasks", headers: Self.twentyHeaders, body: #"{"title":"x","dueAt":"soon"}"#)
        #expect(due.status == 400 && due.body.contains("dueAt"))
        let body = try await Self.send(
            "POST", rest + "/tasks", headers: Self.twentyHeaders, body: #"{"bodyV2":"text"}"#)
        #expect(body.status == 400 && body.body.contains("bodyV2"))
        let nowhere = try await Self.send(
            "POST", rest + "/taskTargets", headers: Self.twentyHeaders,
            body: #"{"taskId":"\#(UUID().uuidString.lowercased())"}"#)
        #expect(nowhere.status == 400)
        let filter = try await Self.send("GET", rest + "/tasks?filter=colour%5Beq%5D:red", headers: Self.twentyHeaders)
        #expect(filter.status == 400)
        let unauthorised = try await Self.send("GET", rest + "/tasks", headers: [("Authorization", "Bearer wrong")])
        #expect(unauthorised.status == 401)
        let made = try await Self.send(
            "POST", rest + "/tasks", headers: Self.twentyHeaders,
            body: #"{"title":"Send quote","dueAt":"2026-03-14T15:30:00.000Z"}"#)
        #expect(made.status == 201)
        #expect(made.body.contains(#""status":"TODO""#))
        let open = try await Self.send("GET", rest + "/tasks?filter=status%5Bneq%5D:DONE", headers: Self.twentyHeaders)
        #expect((((Self.object(open.body)["data"] as? [String: Any])?["tasks"]) as? [Any])?.count == 1)
        await fake.stop()
    }
}
