import Foundation
@testable import PipeboardProviders
import Testing

/// `RawJSON` writes each record as `JSONValue.rawText` (the Decoder-based way) would: same text, far cheaper.
@Suite("RawJSON: a record's own text, keys sorted")
struct RawJSONTests {
    struct Records: Decodable {
        let items: [Item]
        struct Item: Decodable {
            let raw: String?
            init(from decoder: any Decoder) throws { raw = JSONValue.rawText(from: decoder) }
        }
    }

    @Test("the same text as the Decoder-based way, for escapes, unicode, numbers, nesting and empty values")
    func sameTextAsTheDecoderBasedWay() throws {
        let data = Data(
            #"""
            {"items": [
              {"b": "x\"y\\z\n\t\u00e9\ud83d\ude00/ \u0001", "a": [1, -2.5, 1e3, true, false, null, {}, []],
               "Z": 0.1, "c": 12345678901234, "nested": {"y": {"k": "v"}, "x": [{"q": 1}]}, "e": ""},
              {"id": "r-2", "monetaryValue": 1500, "tags": ["a", "b"], "contact": null},
              {}
            ], "meta": {"total": 3}}
            """#.utf8)
        let expected = try JSONDecoder().decode(Records.self, from: data).items.map(\.raw)
        let texts = try #require(RawJSON.texts(of: data, arrayAt: "items"))
        #expect(texts == expected.compactMap { $0 })
        #expect(texts.count == 3)
        #expect(texts[1] == #"{"contact":null,"id":"r-2","monetaryValue":1500,"tags":["a","b"]}"#)
    }

    @Test(
        """
        keys sorted by their bytes (prefixes, capitals, non-ASCII); \
        a repeated key keeps its first value, as JSONDecoder
        """
    )
    func keyOrderAndRepeatedKeys() throws {
        let data = Data(
            #"""
            {"items": [
              {"ab": 1, "a": 2, "é": 3, "z": 4, "B": 5, "a": 6, "": 7, "abc": {"k": 1, "k": 2}, "ab": 8, "\u0001": 9}
            ]}
            """#.utf8)
        let expected = try JSONDecoder().decode(Records.self, from: data).items.map(\.raw)
        let texts = try #require(RawJSON.texts(of: data, arrayAt: "items"))
        #expect(texts == expected.compactMap { $0 })
        #expect(texts.first == #"{"":7,"\u0001":9,"B":5,"a":2,"ab":1,"abc":{"k":1},"z":4,"é":3}"#)
    }

    @Test("one object under a key; nothing for an answer that is not JSON or has no such array")
    func oneObjectAndMalformedAnswers() {
        #expect(
            RawJSON.text(of: Data(#"{"opportunity": {"name": "A", "id": "1"}}"#.utf8), objectAt: "opportunity")
                == #"{"id":"1","name":"A"}"#)
        #expect(RawJSON.texts(of: Data(#"{"items": [1, 2"#.utf8), arrayAt: "items") == nil)
        #expect(RawJSON.texts(of: Data(#"{"items": {}}"#.utf8), arrayAt: "items") == nil)
        #expect(RawJSON.texts(of: Data(#"{"items": [] } x"#.utf8), arrayAt: "items") == nil)
        #expect(RawJSON.texts(of: Data(#"{"items": ["\x"]}"#.utf8), arrayAt: "items") == nil)
        #expect(RawJSON.texts(of: Data(String(repeating: "[", count: 10_000).utf8), arrayAt: "items") == nil)
    }
}
