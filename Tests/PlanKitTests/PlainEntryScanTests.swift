@testable import PlanJSON
import Foundation
import Testing
@testable import PlanKit

@Suite("Recognising plain history entries from their bytes")
struct PlainEntryScanTests {
    /// What the scan makes of `text`: the date, the status and whether it ended at the end.
    func scan(_ text: String) -> (date: String, status: String?, atEnd: Bool)? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            PlainEntryScan.entry(in: buffer, at: 0).map { entry in
                (entry.date.description,
                 entry.status.map { String(decoding: buffer[$0], as: UTF8.self) },
                 entry.end == bytes.count)
            }
        }
    }

    @Test func readsTheWritersLayout() throws {
        let entry = StatusChange(date: date("2019-02-10"), status: "AMBER", by: "A Lead", comment: "Weekly meetings running")
        let text = String(decoding: JSONWriter.bytes(from: entry.jsonValue, indent: 5), as: UTF8.self)
        let result = try #require(scan(text))
        #expect(result.date == "2019-02-10" && result.status == "AMBER" && result.atEnd)
        let compact = try #require(scan(JSONWriter.compactString(from: entry.jsonValue)))
        #expect(compact.date == "2019-02-10" && compact.status == "AMBER" && compact.atEnd)
    }

    @Test(arguments: [
        (#"{"date": "2019-02-10", "status": "RED"}"#, "RED"),
        (#"{"date": "2019-02-10", "comment": "Note only"}"#, nil),
        (#"{ "date" : "2019-02-10" , "by" : "A" , "comment" : "Spaced out" }"#, nil),
        ("{\"date\": \"2019-02-10\", \"comment\": \"A comment long enough to be read eight bytes at a time, é and all\"}", nil),
    ] as [(String, String?)])
    func readsEveryPlainShape(text: String, status: String?) throws {
        let result = try #require(scan(text))
        #expect(result.date == "2019-02-10" && result.status == status && result.atEnd)
    }

    @Test(arguments: [
        #"{"date": "2019-02-10", "comment": "x", "by": "A"}"#,          // keys out of the writer's order
        #"{"date": "2019-02-10", "comment": "a \"quoted\" word"}"#,     // an escape
        #"{"date": "2019-02-10", "comment": "  "}"#,                    // blank
        #"{"date": "2019-02-10", "comment": " leading space"}"#,        // starts with a space
        #"{"date": "2019-02-10", "comment": "é first"}"#,               // starts with non-ASCII
        #"{"date": "2019-02-30", "status": "RED"}"#,                    // no such day
        #"{"date": "2019-2-10", "status": "RED"}"#,                     // not YYYY-MM-DD
        #"{"date": "2019-02-10", "by": "A"}"#,                          // records nothing
        #"{"date": "2019-02-10", "status": "RED", "mood": "fine"}"#,    // an unknown key
        #"{"date": "2019-02-10", "deadline": {"to": "2019-09", "reason": "x"}}"#,  // a change
        #"{"status": "RED", "date": "2019-02-10"}"#,                    // date not first
        "{\"date\": \"2019-02-10\", \"comment\": \"tab\there\"}",        // a control character
        #"{"date": "2019-02-10", "status": "RED""#,                     // unterminated
    ])
    func leavesEverythingElseToTheGeneralReader(text: String) {
        #expect(scan(text) == nil)
    }
}
