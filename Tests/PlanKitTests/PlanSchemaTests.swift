@testable import PlanJSON
import Foundation
import Testing
@testable import PlanKit

/// `plans/plan.schema.json` is checked against the format's declaration
/// (`PlanFormat.swift`) key by key, so that a field added to one and not the
/// other fails here, without Python or a JSON Schema validator.
@Suite("The JSON Schema says what the format declaration says")
struct PlanSchemaTests {
    let schema: JSONValue

    init() throws {
        let bytes = [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent("plans/plan.schema.json")))
        schema = try JSONParser.parse(bytes)
    }

    /// The schema at a JSON pointer (`#/$defs/action`).
    func resolve(_ pointer: String) -> JSONValue? {
        var value: JSONValue? = schema
        for step in pointer.split(separator: "/").dropFirst() {
            value = value?[String(step)]
        }
        return value
    }

    func keys(_ value: JSONValue?) -> [String] {
        guard case .object(let members)? = value else { return [] }
        return members.map(\.key)
    }

    func strings(_ value: JSONValue?) -> [String] {
        guard case .array(let items)? = value else { return [] }
        return items.compactMap { if case .string(let text) = $0 { return text } else { return nil } }
    }

    @Test func everyObjectHasTheDeclaredKeysInOrderAndTheDeclaredRequiredOnes() throws {
        for object in FormatObjects.all {
            let described = try #require(resolve(object.pointer), "\(object.pointer) is not in the schema")
            #expect(keys(described["properties"]) == object.keys, "\(object.pointer): properties")
            #expect(Set(strings(described["required"])) == Set(object.required), "\(object.pointer): required")
            #expect(described["additionalProperties"] == .bool(false), "\(object.pointer) allows other keys")
        }
    }

    @Test func everyFieldHoldsTheDeclaredKindOfValue() throws {
        for object in FormatObjects.all {
            for (key, kind) in zip(object.keys, object.kinds) {
                let pointer = "\(object.pointer)/properties/\(key)"
                let property = try #require(resolve(pointer), "\(pointer) is missing")
                let reference = property["$ref"]
                switch kind {
                case .text: #expect(reference == .string("#/$defs/text"), "\(pointer)")
                case .texts: #expect(reference == .string("#/$defs/texts"), "\(pointer)")
                case .deadline: #expect(reference == .string("#/$defs/deadline"), "\(pointer)")
                case .day: #expect(reference == .string("#/$defs/day"), "\(pointer)")
                case .days:
                    #expect(property["type"] == .string("array"), "\(pointer)")
                    #expect(property["items"]?["pattern"] == resolve("#/$defs/day")?["pattern"], "\(pointer)")
                case .dayOrMonth: #expect(property["type"] == .string("string"), "\(pointer)")
                case .colour: #expect(strings(property["enum"]) == RAGColour.allCases.map(\.rawValue), "\(pointer)")
                case .flag:
                    #expect(property["type"] == .string("boolean") || property["const"] == .bool(true), "\(pointer)")
                case .formatVersion: #expect(property["const"] == .number(String(PlanFormat.version)), "\(pointer)")
                case .object(let target): #expect(pointer == target || reference == .string(target), "\(pointer)")
                case .objects(let target):
                    #expect(property["type"] == .string("array"), "\(pointer)")
                    #expect("\(pointer)/items" == target || property["items"]?["$ref"] == .string(target), "\(pointer)")
                }
            }
        }
    }

    @Test func theExamplePlansAndFixturesUseOnlyDeclaredKeys() throws {
        // Every key in a valid plan is one the declaration knows (and so the schema, by the tests above).
        let declared = Set(FormatObjects.all.flatMap(\.keys))
        func walk(_ value: JSONValue, _ found: inout Set<String>) {
            switch value {
            case .object(let members):
                for member in members {
                    found.insert(member.key)
                    walk(member.value, &found)
                }
            case .array(let items): for item in items { walk(item, &found) }
            default: break
            }
        }
        for name in ["blackpool-2019.json", "portsmouth-2014.json"] {
            var found = Set<String>()
            walk(try JSONParser.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: examplePlanPath(name))))), &found)
            #expect(found.subtracting(declared).isEmpty, "\(name)")
        }
    }

    /// The format's keys are spelled in one source file: `Format/PlanFormat.swift`.
    /// Report JSON, import column names and prose are not the file format, so
    /// `PlanReports`, `PlanInterchange`, the action fields' facts and the words deadlines are written in
    /// (`DeadlineCell`: "from March") are not searched for common words; keys
    /// that are not words (`formatVersion`, `ragScheme`) are searched everywhere.
    @Test func theFormatsKeysAreSpelledOnlyInItsDeclaration() throws {
        let sources = repositoryRoot.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)!.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") && !$0.hasSuffix("Format/PlanFormat.swift") }
            // The undo journal's records are a format of their own ("kind", "id", "before", "after").
            .filter { !$0.hasSuffix("/UndoJournal.swift") }
        let keys = Set(FormatObjects.all.flatMap(\.keys))
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            // The action fields' facts are the words people see (labels, nouns, column headers), not keys.
            let isFormatLayer = file.hasPrefix("PlanKit/") && !file.hasSuffix("/DeadlineCell.swift")
                && !file.hasSuffix("Format/ActionField+Facts.swift")
            for key in keys where isFormatLayer || key.contains(where: { $0.isUppercase || $0 == "$" }) {
                for literal in ["\"\(key)\"", "\"\(key)[", "\"\(key).", ".\(key)\""] {
                    let spelled = text.contains(literal)
                    #expect(!spelled, "\(file) spells the format key \(literal)")
                }
            }
        }
    }
}
