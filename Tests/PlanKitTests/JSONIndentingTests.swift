import PlanJSON
import Testing
import TestSupport

/// `list --format json` keeps each row compact and indents it as it writes it (``JSONWriter/indenting(compact:indent:)``).
@Suite("Compact JSON indented afterwards")
struct JSONIndentingTests {
    static func randomString(_ random: inout SeededGenerator) -> String {
        let pieces = ["a", "é", " ", "\"", "\\", "{", "}", "[", "]", ",", ":", "\n", "\u{1}", "\u{1B}[31m", "🙂", "null", "1"]
        return (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    static func randomValue(_ random: inout SeededGenerator, depth: Int) -> JSONValue {
        switch Int.random(in: 0...(depth > 3 ? 3 : 5), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .number(String(Int.random(in: -1000...1000, using: &random)))
        case 3: return .string(randomString(&random))
        case 4: return .array((0..<Int.random(in: 0...3, using: &random)).map { _ in randomValue(&random, depth: depth + 1) })
        default:
            return .object((0..<Int.random(in: 0...3, using: &random)).map { _ in
                JSONMember(randomString(&random), randomValue(&random, depth: depth + 1))
            })
        }
    }

    @Test("gives the bytes JSONWriter writes of the value at any depth, for random values")
    func sameAsWriting() {
        var random = SeededGenerator(test: "JSONIndentingTests.sameAsWriting")
        for _ in 0..<500 {
            let value = Self.randomValue(&random, depth: 0)
            let indent = Int.random(in: 0...3, using: &random)
            let expected = String(decoding: JSONWriter.bytes(from: value, indent: indent), as: UTF8.self)
            #expect(JSONWriter.indenting(compact: JSONWriter.compactString(from: value), indent: indent) == expected, "\(value)")
        }
    }
}
