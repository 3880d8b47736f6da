import Foundation
import PlanJSON
import Testing
@testable import PlanKit
@testable import PlanInterchange

/// Each field of ``Action/Fields`` is declared once with its facts
/// (``ActionField/facts``): a field added to the model and not to the
/// declarations, or declared with the key path of another field, fails here.
@Suite("Every action field is declared once, with its facts")
struct ActionFieldFactsTests {
    /// The model's fields, by name.
    static let modelFields = Mirror(reflecting: Action.Fields(id: "x", theme: "1", text: "t")).children.compactMap(\.label)

    @Test func everyFieldOfTheModelIsDeclaredAndEveryDeclarationIsAField() {
        #expect(Set(Self.modelFields) == Set(ActionField.allCases.map(\.key)))
        #expect(Self.modelFields.count == ActionField.allCases.count)
    }

    /// Setting a field through its declared key path changes the model's field of the same name, and only it.
    @Test func eachDeclaredKeyPathReachesTheFieldOfItsKey() {
        let base = Action.Fields(id: "x", theme: "1", text: "t")
        for field in ActionField.allCases {
            guard case .other = field.facts.value else {
                var changed = base
                field.facts.value.set(["A value no field has"], in: &changed)
                #expect(field.facts.value.texts(of: changed) == ["A value no field has"], "\(field.key)")
                let differing = zip(Mirror(reflecting: base).children, Mirror(reflecting: changed).children)
                    .filter { "\($0.0.value)" != "\($0.1.value)" }.compactMap(\.0.label)
                #expect(differing == [field.key], "\(field.key)")
                continue
            }
        }
    }

    /// The fields the round trip leaves alone: they name other entries of the plan.
    static let references: [ActionField] = [.id, .theme, .recommendations]

    /// A field read and written through its declaration comes back from a plan file as it was.
    @Test func eachTextFieldRoundTripsThroughAPlanFile() throws {
        var plan = try loadExample("blackpool-2019.json")
        for field in ActionField.allCases where !Self.references.contains(field) {
            switch field.facts.value {
            case .optionalText, .texts, .text:
                field.facts.value.set(["Written for \(field.key)"], in: &plan.actions[0].fields)
            case .other:
                continue
            }
        }
        let reread = try #require(PlanLoader.check(bytes: JSONWriter.bytes(from: plan.jsonValue()), file: "p.json", today: testToday).plan)
        #expect(reread.actions[0] == plan.actions[0])
        for field in ActionField.allCases where !Self.references.contains(field) {
            guard case .other = field.facts.value else {
                #expect(field.facts.value.texts(of: reread.actions[0].fields).contains("Written for \(field.key)"), "\(field.key)")
                continue
            }
        }
    }

    /// Two actions that differ in any one field are unequal (so that a write never skips the change).
    @Test func actionsDifferingInOneFieldAreUnequal() {
        let base = Action(id: "1", theme: "1", text: "t")
        for field in ActionField.allCases {
            guard case .other = field.facts.value else {
                var changed = base
                field.facts.value.set(["Changed"], in: &changed.fields)
                #expect(changed != base, "\(field.key)")
                continue
            }
        }
        var copy = base
        #expect(copy == base)
        copy.afterDeadline = .ongoing
        #expect(copy != base)
    }

    /// The facts every field needs: a noun, and a label for those `show` prints by declaration.
    @Test func theFactsAreComplete() {
        for field in ActionField.allCases {
            let facts = field.facts
            #expect(!facts.noun.isEmpty, "\(field.key)")
            if facts.editOption != nil { #expect(facts.edit == .single, "\(field.key): an edit option sets one text") }
            if case .line = facts.shown, case .optionalText = facts.value {} else if case .line = facts.shown {
                Issue.record("\(field.key): show prints a line only for a text the action may lack")
            }
        }
        #expect(TextEdit.editable[.successMeasure] == true)
        #expect(TextEdit.editable[.subPoints] == false)
        #expect(TextEdit.editable[.leads] == nil)
    }
}

@Suite("An action's evidence")
struct EvidenceFieldTests {
    @Test func importKnowsTheHeadersPlansUseForEvidence() {
        for header in ["Evidence", "Evidence of impact", "Evidence link", "Evidence/link", "EVIDENCE:"] {
            #expect(ImportField.recognise(header)?.actionField == .evidence, "\(header)")
        }
        #expect(ImportField(rawValue: "evidence")?.actionField == .evidence)
    }

    @Test func evidenceIsAnOptionalTextAPlanFileKeeps() throws {
        var plan = try loadExample("blackpool-2019.json")
        plan.actions[0].evidence = "https://example.org/audit"
        let bytes = JSONWriter.bytes(from: plan.jsonValue())
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"evidence\": \"https://example.org/audit\""))
        let reread = try #require(PlanLoader.check(bytes: bytes, file: "p.json", today: testToday).plan)
        #expect(reread.actions[0].evidence == "https://example.org/audit")
        #expect(reread == plan)
        #expect(TextEdit.editable[.evidence] == true)
    }
}
