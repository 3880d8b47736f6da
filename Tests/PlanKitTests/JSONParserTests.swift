@testable import PlanJSON
import Foundation
import Testing
@testable import PlanKit

/// The JSONTestSuite corpus, when this checkout sits beside `shared/`.
private let conformanceFolder = repositoryRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/json-conformance/test_parsing")
private let hasConformanceCorpus = FileManager.default.fileExists(atPath: conformanceFolder.path)

/// A JSONValue turned into what JSONSerialization gives, for comparison.
private func foundationShape(_ value: JSONValue) -> Any {
    switch value {
    case .null: return NSNull()
    case .bool(let flag): return NSNumber(value: flag)
    case .number(let text): return NSNumber(value: Double(text) ?? .nan)
    case .string(let text): return text
    case .array(let items): return items.map(foundationShape)
    case .object(let members):
        var dictionary: [String: Any] = [:]
        for member in members { dictionary[member.key] = foundationShape(member.value) }
        return dictionary
    }
}

private func sameValue(_ a: Any, _ b: Any) -> Bool {
    switch (a, b) {
    case (is NSNull, is NSNull): return true
    case (let x as String, let y as String): return x == y
    case (let x as [Any], let y as [Any]): return x.count == y.count && zip(x, y).allSatisfy(sameValue)
    case (let x as [String: Any], let y as [String: Any]):
        return x.count == y.count && x.allSatisfy { key, value in y[key].map { sameValue(value, $0) } ?? false }
    case (let x as NSNumber, let y as NSNumber):
        // Foundation may read a number as a decimal; allow for its last-digit rounding.
        let (u, v) = (x.doubleValue, y.doubleValue)
        return u == v || abs(u - v) <= 1e-12 * max(abs(u), abs(v))
    default: return false
    }
}

@Suite("JSON reading and writing")
struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONParser.parse(#"{"a": [1, -2.5e3, true, false, null], "b": "x\u00e9\n\"", "c": {}}"#)
        #expect(value["a"] == .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null]))
        #expect(value["b"] == .string("xé\n\""))
        #expect(value["c"] == .object([]))
    }

    @Test func keepsKeyOrderAndDuplicateKeys() throws {
        let value = try JSONParser.parse(#"{"z": 1, "a": 2, "z": 3}"#)
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["z", "a", "z"])
    }

    @Test(arguments: [
        ("[1,]", 1, 4, "trailing comma before ']'"),
        ("{\"a\" 1}", 1, 6, "unexpected '1'; expected ':' after the key \"a\""),
        ("\n\n  [01]", 3, 5, "invalid number: leading zeros are not allowed"),
        ("\"abc", 1, 1, "unterminated string"),
        ("[\"\\ud800\"]", 1, 3, "lone surrogate \\uD800 in a string"),
        ("", 1, 1, "the document is empty; a plan file holds one JSON object"),
        ("{} x", 1, 4, "unexpected 'x' after the end of the document"),
        ("[tru]", 1, 2, "unexpected 't'; expected a value (did you mean true?)"),
    ])
    func reportsSyntaxErrorsWithLineAndColumn(text: String, line: Int, column: Int, message: String) {
        #expect(throws: JSONSyntaxError(message: message, line: line, column: column)) {
            try JSONParser.parse(text)
        }
    }

    @Test func countsColumnsInCharactersNotBytes() {
        #expect(throws: JSONSyntaxError(message: "unexpected 'x'; expected ',' or ']' in an array", line: 1, column: 6)) {
            try JSONParser.parse("[\"é\" x]")
        }
    }

    @Test func rejectsDeepNestingWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
    }

    @Test func writesDeterministicReadableJSON() throws {
        let value = JSONValue.object([
            JSONMember("id", .string("LM 7")),
            JSONMember("list", .array([.string("a\"b"), .number("2")])),
            JSONMember("empty", .array([])),
            JSONMember("control", .string("tab\there\u{01}")),
        ])
        let text = JSONWriter.string(from: value)
        #expect(text == """
        {
          "id": "LM 7",
          "list": [
            "a\\"b",
            2
          ],
          "empty": [
          ],
          "control": "tab\\there\\u0001"
        }

        """)
        #expect(try JSONParser.parse(text) == value)
    }

    @Test(.enabled(if: hasConformanceCorpus, "needs ../shared/json-conformance beside the checkout"))
    func agreesWithTheConformanceCorpus() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: conformanceFolder.path).sorted()
        #expect(names.count > 300)
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: conformanceFolder.appendingPathComponent(name)))
            let result = Result { try JSONParser.parse(bytes) }
            if name.hasPrefix("y_") {
                guard case .success(let value) = result else {
                    Issue.record("\(name) should be accepted: \(result)")
                    continue
                }
                let expected = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
                #expect(sameValue(foundationShape(value), expected), "\(name) reads differently from JSONSerialization")
            } else if name.hasPrefix("n_") {
                guard case .failure(let error) = result else {
                    Issue.record("\(name) should be rejected")
                    continue
                }
                #expect(!"\(error)".isEmpty)
            }
            // i_ files: either outcome is allowed; reaching here means no crash.
        }
    }
}
