import Foundation
import PlanJSON
import PlanKit
import Testing
import TestSupport

/// The plan id read from the head of a file (``PlanLoader/planID(head:)``),
/// which lets `show PLAN:ID` and a change find their file without reading the
/// other plans: it must never name a plan the file is not, whatever comes
/// before the id, and must say when it cannot tell.
@Suite("A plan's id from the head of its file")
struct PlanHeadIDTests {
    @Test func theExamplePlansAndAWrittenPlanAreFoundAsTheLoaderReadsThem() throws {
        for name in ["blackpool-2019.json", "portsmouth-2014.json"] {
            let path = repositoryRoot.appendingPathComponent("plans/\(name)").path
            let loaded = try PlanLoader.load(file: path, relativeTo: testFolder, today: testToday).plan
            #expect(try PlanLoader.planID(file: path, relativeTo: testFolder) == .found(loaded.id))
            // The id is within the first bytes the writer writes.
            let head = try Array(Data(contentsOf: URL(fileURLWithPath: path)).prefix(PlanLoader.headLength))
            #expect(PlanLoader.planID(head: head[...]) == .found(loaded.id))
        }
    }

    @Test func whatItCannotBeSureOfIsUnknownNeverAGuess() {
        let cases: [(String, PlanHeadID)] = [
            (#"{"id": "a-1", "title": "x"}"#, .found("a-1")),
            (#"{"formatVersion": 1, "id":"a-1"}"#, .found("a-1")),
            (#"  {  "$schema" : "./plan.schema.json" ,"id" : "Zoë 2019" , "#, .found("Zoë 2019")),
            (#"{"note": {"id": "inner"}, "id": "outer"}"#, .found("outer")),
            (#"{"note": "\"id\": \"fake\"", "id": "real"}"#, .found("real")),
            (#"{"list": [{"id": "x"}, "]}"], "id": "real"}"#, .found("real")),
            (#"{"id": "a\u002d1"}"#, .unknown),         // an escape: the loader decodes it, this reader does not
            (#"{"i\u0064": "a-1"}"#, .unknown),         // an escaped key
            (#"{"id": 7}"#, .unknown),                 // not a string: the loader refuses it
            (#"{"title": "x"}"#, .unknown),            // no id at all
            (#"["id", "a-1"]"#, .unknown),             // not an object
            ("\u{FEFF}{\"id\": \"a-1\"}", .unknown),   // a byte-order mark
            (#"{"id": "a-1" "title"}"#, .unknown),     // not JSON after the id
            (#"{"title": "x", "id": "a-"#, .incomplete),
            (#"{"id": "a-1""#, .incomplete),           // the value may go on: not yet known to be whole
            ("", .incomplete),
        ]
        for (text, expected) in cases {
            #expect(PlanLoader.planID(head: Array(text.utf8)[...]) == expected, "\(text)")
        }
    }

    /// Generated objects, checked against the project's JSON parser: the
    /// reader's answer is the parser's first top-level `id`, or "unknown" /
    /// "incomplete" – never another value – for the whole text and every start of it.
    @Test func generatedObjectsAgreeWithTheJSONParserOnEveryPrefix() throws {
        var random = SeededGenerator(test: "PlanHeadIDTests.generated")
        var found = 0
        for round in 0..<300 {
            let text = Self.object(&random, depth: 0, topLevel: true)
            let bytes = Array(text.utf8)
            let parsed = try JSONParser.parse(bytes)
            let expected: String? = if case .string(let id)? = parsed["id"] { id } else { nil }
            let answer = PlanLoader.planID(head: bytes[...])
            switch answer {
            case .found(let id):
                found += 1
                #expect(id == expected, "round \(round), seed \(random.seed): \(text)")
            case .unknown: break
            case .incomplete: Issue.record("a whole object is never incomplete: round \(round), seed \(random.seed): \(text)")
            }
            if !text.contains("\\"), expected != nil {
                #expect(answer == .found(expected!), "no escapes: the id is found; round \(round), seed \(random.seed): \(text)")
            }
            for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 40)) {
                if case .found(let id) = PlanLoader.planID(head: bytes[..<cut]) {
                    #expect(id == expected, "prefix \(cut), round \(round), seed \(random.seed): \(text)")
                }
            }
        }
        #expect(found > 100, "most generated objects have a plain id: \(found) of 300, seed \(random.seed)")
    }

    static func spaces(_ random: inout SeededGenerator) -> String {
        [" ", "", "\n  ", "\t", "\r\n"].randomElement(using: &random)!
    }

    static func string(_ random: inout SeededGenerator) -> String {
        let pieces = ["a", "id", "Zoë", "{", "}", "[", "]", ",", ":", "\\\"", "\\\\", "\\u0069d", " ", "1.2", "\\n"]
        return "\"" + (0..<Int.random(in: 0...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined() + "\""
    }

    static func value(_ random: inout SeededGenerator, depth: Int) -> String {
        switch Int.random(in: 0..<(depth > 2 ? 4 : 6), using: &random) {
        case 0: return string(&random)
        case 1: return ["0", "-1.5e3", "12", "true", "false", "null"].randomElement(using: &random)!
        case 2: return "\"\(["yot-1", "bl", "x y"].randomElement(using: &random)!)\""
        case 3: return string(&random)
        case 4: return object(&random, depth: depth + 1, topLevel: false)
        default:
            let items = (0..<Int.random(in: 0...3, using: &random)).map { _ in spaces(&random) + value(&random, depth: depth + 1) + spaces(&random) }
            return "[" + items.joined(separator: ",") + "]"
        }
    }

    /// An object whose keys include `id` (often), nested `id`s and escaped keys.
    static func object(_ random: inout SeededGenerator, depth: Int, topLevel: Bool) -> String {
        var keys = (0..<Int.random(in: 0...4, using: &random)).map { _ in ["title", "note", "\\u0069d", "i\\\"d", "formatVersion", "$schema"].randomElement(using: &random)! }
        if topLevel ? Int.random(in: 0..<5, using: &random) > 0 : Bool.random(using: &random) {
            keys.insert("id", at: Int.random(in: 0...keys.count, using: &random))
        }
        let members = keys.map { key in
            let value = key == "id" && Int.random(in: 0..<4, using: &random) > 0 ? "\"yot-\(Int.random(in: 1...999, using: &random))\"" : value(&random, depth: depth)
            return spaces(&random) + "\"\(key)\"" + spaces(&random) + ":" + spaces(&random) + value + spaces(&random)
        }
        return spaces(&random) + "{" + members.joined(separator: ",") + "}" + spaces(&random)
    }
}
