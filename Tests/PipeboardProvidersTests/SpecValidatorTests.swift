import Foundation
import TestSupport
import Testing

/// The spec check catches each kind of departure, and lets a conforming request through.
@Suite struct SpecValidatorTests {
    static let bearer = ["Authorization": "Bearer test-token-not-a-real-secret"]
    static let highLevelHeaders = bearer.merging(["Version": "2021-07-28"]) { $1 }
    static let id = "5c1d6a52-1f0c-4c4e-9f57-3b1a2a0f6d10"

    let highLevel: SpecLibrary
    let twenty: SpecLibrary

    init() throws {
        highLevel = try ProviderSpecs.highLevel.get()
        twenty = try ProviderSpecs.twenty.get()
    }

    private func rules(_ library: SpecLibrary, _ request: SpecRequest) -> [SpecViolation.Rule] {
        library.violations(of: request).map(\.rule)
    }

    private func json(_ text: String) -> Data { Data(text.utf8) }

    @Test func conformingRequestsPass() {
        let requests = [
            SpecRequest(
                method: "GET", path: "/opportunities/pipelines", query: [.init(name: "locationId", value: "loc")],
                headers: Self.highLevelHeaders),
            SpecRequest(
                method: "POST", path: "/opportunities/", headers: Self.highLevelHeaders,
                body: json(
                    #"{"pipelineId":"p","locationId":"l","name":"Deal","status":"open","contactId":"c","#
                        + #""monetaryValue":1250.5}"#)),
            SpecRequest(
                method: "PUT", path: "/opportunities/abc/status", headers: Self.highLevelHeaders,
                body: json(#"{"status":"lost","lostReasonId":"r1"}"#)),
        ]
        for request in requests { #expect(highLevel.violations(of: request) == [], "\(request.line)") }
        let twentyRequests = [
            SpecRequest(
                method: "GET", path: "/rest/opportunities",
                query: [
                    .init(name: "limit", value: "200"),
                    .init(name: "depth", value: "0"), .init(name: "fields", value: "id,name"),
                ], headers: Self.bearer),
            SpecRequest(
                method: "DELETE", path: "/rest/opportunities/\(Self.id)",
                query: [.init(name: "soft_delete", value: "true")],
                headers: Self.bearer),
            SpecRequest(method: "PATCH", path: "/rest/restore/opportunities/\(Self.id)", headers: Self.bearer),
            SpecRequest(method: "GET", path: "/rest/metadata/objects", headers: Self.bearer),
            SpecRequest(
                method: "PATCH", path: "/rest/opportunities/\(Self.id)", headers: Self.bearer,
                body: json(#"{"stage":"MEETING","amount":{"amountMicros":99000000,"currencyCode":"USD"}}"#)),
        ]
        for request in twentyRequests { #expect(twenty.violations(of: request) == [], "\(request.line)") }
    }

    @Test func aWrongPathOrMethodIsCaught() {
        #expect(
            rules(highLevel, SpecRequest(method: "GET", path: "/opportunity/pipelines", headers: Self.highLevelHeaders))
                == [.unknownPath])
        // Twenty's paths live under the server's /rest.
        #expect(
            rules(twenty, SpecRequest(method: "GET", path: "/opportunities", headers: Self.bearer)) == [.unknownPath])
        #expect(
            rules(
                twenty,
                SpecRequest(
                    method: "PUT", path: "/rest/opportunities/\(Self.id)", headers: Self.bearer,
                    body: json("{}"))) == [.undeclaredMethod])
        #expect(
            rules(twenty, SpecRequest(method: "GET", path: "/rest/opportunities/42", headers: Self.bearer)) == [
                .pathParameter
            ])
    }

    @Test func anUndeclaredOrOutOfRangeQueryParameterIsCaught() {
        let undeclared = SpecRequest(
            method: "GET", path: "/opportunities/pipelines",
            query: [.init(name: "locationId", value: "l"), .init(name: "pipelineId", value: "p")],
            headers: Self.highLevelHeaders)
        #expect(rules(highLevel, undeclared) == [.undeclaredQuery])
        #expect(
            rules(
                highLevel, SpecRequest(method: "GET", path: "/opportunities/pipelines", headers: Self.highLevelHeaders))
                == [.missingQuery])
        let tooMany = SpecRequest(
            method: "GET", path: "/rest/opportunities", query: [.init(name: "limit", value: "500")],
            headers: Self.bearer)
        #expect(twenty.violations(of: tooMany).map(\.detail) == ["limit: 500.0 is above 200.0"])
        let notANumber = SpecRequest(
            method: "GET", path: "/rest/opportunities", query: [.init(name: "limit", value: "lots")],
            headers: Self.bearer)
        #expect(rules(twenty, notANumber) == [.queryValue])
    }

    @Test func aBadEnumIsCaughtInTheQueryAndTheBody() {
        let query = SpecRequest(
            method: "GET", path: "/opportunities/search",
            query: [.init(name: "location_id", value: "l"), .init(name: "status", value: "closed")],
            headers: Self.highLevelHeaders)
        #expect(rules(highLevel, query) == [.queryValue])
        let depth = SpecRequest(
            method: "GET", path: "/rest/opportunities", query: [.init(name: "depth", value: "2")],
            headers: Self.bearer)
        #expect(rules(twenty, depth) == [.queryValue])
        let body = SpecRequest(
            method: "PUT", path: "/opportunities/abc/status", headers: Self.highLevelHeaders,
            body: json(#"{"status":"closed"}"#))
        let found = highLevel.violations(of: body)
        #expect(found.map(\.rule) == [.body])
        #expect(found.first?.description.contains("update-opportunity-status") == true, "\(found)")
        let stage = SpecRequest(
            method: "PATCH", path: "/rest/opportunities/\(Self.id)", headers: Self.bearer,
            body: json(#"{"stage":"WON"}"#))
        #expect(rules(twenty, stage) == [.body])
    }

    @Test func aMissingRequiredBodyFieldOrAWrongTypeIsCaught() {
        let missing = SpecRequest(
            method: "POST", path: "/opportunities/", headers: Self.highLevelHeaders,
            body: json(#"{"pipelineId":"p","locationId":"l","name":"Deal","status":"open"}"#))
        #expect(highLevel.violations(of: missing).map(\.detail) == [#"body: required field "contactId" is missing"#])
        let wrongType = SpecRequest(
            method: "PATCH", path: "/rest/opportunities/\(Self.id)", headers: Self.bearer,
            body: json(#"{"amount":{"amountMicros":"99000000","currencyCode":"USD"}}"#))
        #expect(rules(twenty, wrongType) == [.body])
        let noBody = SpecRequest(method: "POST", path: "/opportunities/", headers: Self.highLevelHeaders)
        #expect(rules(highLevel, noBody) == [.missingBody])
    }

    @Test func aDeprecatedOperationIsCaught() {
        let lookup = SpecRequest(
            method: "GET", path: "/contacts/",
            query: [.init(name: "locationId", value: "l"), .init(name: "query", value: "pat@example.com")],
            headers: Self.highLevelHeaders)
        let found = highLevel.violations(of: lookup)
        #expect(found.map(\.rule) == [.deprecated])
        #expect(found.first?.operation == "get-contacts")
    }

    @Test func aMissingOrWrongVersionHeaderAndMissingCredentialsAreCaught() {
        let query = [URLQueryItem(name: "locationId", value: "l")]
        #expect(
            rules(
                highLevel,
                SpecRequest(method: "GET", path: "/opportunities/pipelines", query: query, headers: Self.bearer))
                == [.missingHeader])
        let old = Self.bearer.merging(["Version": "2021-04-15"]) { $1 }
        #expect(
            rules(highLevel, SpecRequest(method: "GET", path: "/opportunities/pipelines", query: query, headers: old))
                == [.headerValue])
        #expect(rules(twenty, SpecRequest(method: "GET", path: "/rest/opportunities")) == [.unauthenticated])
    }

    /// HighLevel's error answers refer to common/common-schemas.json: the reference is followed across files.
    @Test func answersAreCheckedWithReferencesAcrossFiles() {
        let request = SpecRequest(
            method: "POST", path: "/opportunities/", headers: Self.highLevelHeaders, body: json("{}"))
        let good = json(#"{"statusCode":422,"message":["name should not be empty"],"error":"Unprocessable Entity"}"#)
        #expect(highLevel.violations(ofAnswer: good, status: 422, to: request) == [])
        let bad = json(#"{"statusCode":"422","message":"name should not be empty"}"#)
        let found = highLevel.violations(ofAnswer: bad, status: 422, to: request)
        #expect(found.map(\.rule) == [.answer, .answer], "\(found)")
    }

    @Test func aMissingSpecFolderIsAClearError() {
        let nowhere = FileManager.default.temporaryDirectory.appendingPathComponent("no-specs-\(UUID().uuidString)")
        #expect(throws: SpecLibrary.LoadError.self) { try SpecLibrary.load(nowhere) }
    }
}
