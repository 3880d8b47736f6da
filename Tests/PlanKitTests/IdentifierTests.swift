import Foundation
import PlanKit
import Testing
import TestSupport

/// The characters an id may not hold, a few of each kind, for tests that insert them.
let refusedCharacterClasses: [(name: String, scalars: [UInt32])] = [
    ("zero-width space and joiners", [0x200B, 0x200C, 0x200D, 0x2060]),
    ("soft hyphen", [0x00AD]),
    ("bidirectional controls", Array(0x202A...0x202E) + Array(0x2066...0x2069) + [0x200E, 0x200F]),
    ("byte order mark", [0xFEFF]),
    ("C0 controls and DEL", Array(0x00...0x1F) + [0x7F]),
    ("C1 controls", Array(0x80...0x9F)),
    ("other format characters", [0x180E, 0x061C, 0xFFF9, 0xE0001]),
    ("line and paragraph separators", [0x2028, 0x2029]),
    ("other default-ignorable characters", [0xFE0F, 0x034F, 0x3164]),
]

@Suite("Ids compared as they are seen")
struct IdentifierTests {
    @Test func compatibilityFormsAndOtherSpacesAndDashesNameTheSameId() {
        for typed in ["ＬＭ１", "LM１", "ｌｍ　１", "LM\u{00A0}1", "LM\u{2009}1", "LM\u{2013}1", "LM\u{2011}1", "lm－1", "LM＿1"] {
            #expect(IdentifierMatcher.matches(typed, "LM 1"), "\(typed.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // Greek and Cyrillic capitals that pass for Latin ones, in either case.
        for typed in ["L\u{041C} 1", "\u{0421}af\u{0435} 2", "\u{0397}\u{039C}\u{0399}\u{03A1} 8", "h\u{03BC}ip 8"] {
            let key = IdentifierMatcher.normalise(typed)
            #expect(key.unicodeScalars.allSatisfy { $0.isASCII }, "\(typed)")
        }
        #expect(IdentifierMatcher.matches("L\u{041C} 1", "LM 1"))
        #expect(IdentifierMatcher.matches("\u{0397}\u{039C}\u{0399}\u{03A1} 8", "HMIP 8"))
        #expect(!IdentifierMatcher.matches("\u{0416} 1", "LM 1"), "Ж passes for no Latin letter")
        #expect(!IdentifierMatcher.matches("LM１1", "LM 1"))
        #expect(!IdentifierMatcher.matches("ＬＭ２", "LM 1"))
    }

    @Test func theASCIIPathAndTheUnicodePathAgree() {
        // The ASCII fast path must give what the Unicode path gives: an `é` sends an id down the Unicode path
        // and survives folding, so the key of `id + "é"` is the key of `id` followed by it.
        var generator = SeededGenerator(test: "theASCIIPathAndTheUnicodePathAgree")
        let alphabet = Array(" -_.:/aAzZ09lLmM\t\u{1B}\u{7F}!~")
        for _ in 0..<500 {
            let id = String((0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(IdentifierMatcher.normalise(id + "é") == IdentifierMatcher.normalise(id) + "é",
                    "seed \(generator.seed): \(id.debugDescription)")
        }
    }

    @Test func everyRefusedCharacterIsFoundWhereverItIsInserted() {
        var generator = SeededGenerator(test: "everyRefusedCharacterIsFoundWhereverItIsInserted")
        let ids = ["LM 1", "HMIP 8", "1.17", "Recommendation 4", "2a", "ＬＭ１", "Café 3", "LM\u{00A0}7"]
        for (kind, scalars) in refusedCharacterClasses {
            for value in scalars {
                let scalar = Unicode.Scalar(value)!
                let id = ids.randomElement(using: &generator)!
                var characters = Array(id.unicodeScalars)
                characters.insert(scalar, at: Int.random(in: 0...characters.count, using: &generator))
                let marked = String(String.UnicodeScalarView(characters))
                let context = "seed \(generator.seed): \(kind) \(String(value, radix: 16)) in \(marked.debugDescription)"
                #expect(IdentifierMatcher.refusedCharacter(in: marked) == scalar, "\(context)")
                #expect(IdentifierMatcher.withoutRefused(marked) == id, "\(context)")
                #expect(IdentifierMatcher.visible(marked).contains("<U+"), "\(context)")
                // A lookup typed with one still finds the id.
                #expect(IdentifierMatcher.matches(marked, id), "\(context)")
            }
        }
    }

    @Test func visibleTextAndOtherSpacesAreNotRefused() {
        for id in ["LM 1", "LM\u{00A0}1", "ＬＭ１", "Café", "Ångström-2", "Ωμέγα 1", "LM\u{3000}1", "A 1 ✓"] {
            #expect(IdentifierMatcher.refusedCharacter(in: id) == nil, "\(id)")
        }
    }

    @Test func charactersAreNamedByCodeAndName() {
        #expect(IdentifierMatcher.describe("\u{200B}") == "U+200B (ZERO WIDTH SPACE)")
        #expect(IdentifierMatcher.describe("\u{1B}") == "U+001B (ESCAPE)")
        #expect(IdentifierMatcher.describe("\u{85}").hasPrefix("U+0085 ("))
        #expect(IdentifierMatcher.describe("\u{E0001}") == "U+E0001 (LANGUAGE TAG)")
        #expect(IdentifierMatcher.visible("LM 1\u{202E}") == "LM 1<U+202E>")
    }
}

@Suite("Plan files: ids that read alike")
struct IdentifierValidationTests {
    func problems(_ actions: [(id: String, theme: String)], themes: [String] = ["LM"], file: String = "p.json") -> [PlanProblem] {
        func escaped(_ text: String) -> String {
            // Characters past the BMP as surrogate pairs, as JSON writes them.
            var result = ""
            for unit in text.utf16 {
                if unit >= 0x20, unit < 0x7F, unit != 0x22, unit != 0x5C { result.append(Character(Unicode.Scalar(unit)!)) } else { result += String(format: "\\u%04X", UInt32(unit)) }
            }
            return "\"" + result + "\""
        }
        let actionText = actions.map { "{\"id\": \(escaped($0.id)), \"theme\": \(escaped($0.theme)), \"text\": \"t\", \"leads\": [\"L\"]}" }.joined(separator: ", ")
        let text = """
            {"formatVersion": 1, "id": "p", "title": "T", "organisation": "O", "inspection": {"inspectorate": "H", "date": "2019-01"},
             "themes": [\(themes.map { "{\"id\": \(escaped($0)), \"title\": \"One\"}" }.joined(separator: ", "))], "recommendations": [], "actions": [\(actionText)]}
            """
        return PlanLoader.check(bytes: Array(text.utf8), file: file, today: testToday).problems.filter { $0.severity == .error }
    }

    @Test func anIdThatFoldsToAnotherIsADuplicate() {
        for other in ["ＬＭ１", "LM\u{00A0}1", "lm–1", "LM\u{3000}1", "L\u{041C} 1"] {
            let found = problems([("LM 1", "LM"), (other, "LM")])
            #expect(found.count == 1, "\(other): \(found)")
            #expect(found.first?.path == "actions[1].id")
            #expect(found.first?.message.contains("is typed the same as \"LM 1\"") == true)
            #expect(found.first?.message.contains("character width") == true)
            // The character that makes the difference is named, since the two read the same.
            let first = other.unicodeScalars.first { !$0.isASCII }!
            #expect(found.first?.message.contains("\"\(other)\" (with \(IdentifierMatcher.describe(first))) is typed") == true, "\(found)")
        }
    }

    @Test func anIdWithAnOtherSpaceAloneIsValid() {
        #expect(problems([("LM\u{00A0}1", "LM"), ("ＬＭ２", "LM")]).isEmpty)
    }

    @Test func eachRefusedCharacterInAnIdIsAnErrorNamingItAndTheFix() {
        var generator = SeededGenerator(test: "eachRefusedCharacterInAnIdIsAnErrorNamingItAndTheFix")
        for (kind, scalars) in refusedCharacterClasses {
            let value = scalars.randomElement(using: &generator)!
            let scalar = Unicode.Scalar(value)!
            var characters = Array("LM 1".unicodeScalars)
            characters.insert(scalar, at: Int.random(in: 0...characters.count, using: &generator))
            let id = String(String.UnicodeScalarView(characters))
            let context = "seed \(generator.seed): \(kind) U+\(String(value, radix: 16))"
            // Beside the clean id, it is refused once, as holding the character, not also as a duplicate.
            let found = problems([("LM 1", "LM"), (id, "LM")], file: "plans/p.json")
            #expect(found.count == 1, "\(context): \(found)")
            let problem = found.first
            #expect(problem?.file == "plans/p.json", "\(context)")
            #expect(problem?.path == "actions[1].id", "\(context)")
            #expect(problem?.message.contains(IdentifierMatcher.describe(scalar)) == true, "\(context): \(problem?.message ?? "")")
            #expect(problem?.message.hasSuffix("write \"LM 1\"") == true, "\(context)")
        }
    }

    @Test func aReferenceHoldingOneIsNamedForWhatItHolds() throws {
        let found = problems([("LM 1", "LM\u{200B}")])
        #expect(found.count == 1)
        let problem = try #require(found.first)
        #expect(problem.path == "actions[0].theme")
        #expect(problem.message.contains("U+200B (ZERO WIDTH SPACE)"))
        #expect(!problem.message.contains("did you mean"))
        let theme = problems([("LM 1", "LM")], themes: ["LM", "L\u{202E}M"])
        #expect(theme.map(\.path) == ["themes[1].id"])
        #expect(theme.first?.message.contains("U+202E (RIGHT-TO-LEFT OVERRIDE)") == true)
    }
}

@Suite("The JSON Schema's id rule")
struct IdentifierSchemaTests {
    /// The patterns the schema gives ids: the plan's, and its entries'.
    func idPatterns() throws -> [String] {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("plans/plan.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var objects = [schema]
        objects += ((schema["$defs"] as? [String: Any]) ?? [:]).values.compactMap { $0 as? [String: Any] }
        return objects.compactMap { (($0["properties"] as? [String: Any])?["id"] as? [String: Any])?["pattern"] as? String }
    }

    @Test func anEditorFlagsOnlyIdsTheValidatorRefuses() throws {
        let patterns = Set(try idPatterns())
        #expect(patterns.count == 2, "the plan id's (no ':') and the entries'")
        for pattern in patterns {
            let regex = try NSRegularExpression(pattern: pattern)
            func accepts(_ id: String) -> Bool {
                regex.firstMatch(in: id, range: NSRange(id.startIndex..., in: id)) != nil
            }
            for id in ["LM 1", "ＬＭ１", "LM\u{00A0}1", "Café 2", "L\u{041C} 1"] { #expect(accepts(id), "\(id)") }
            for value: UInt32 in [0x1B, 0x85, 0xAD, 0x200B, 0x200D, 0x202E, 0x2066, 0xFEFF, 0x2028, 0xFE0F] {
                #expect(!accepts("LM\(Unicode.Scalar(value)!) 1"), "U+\(String(value, radix: 16))")
            }
            // Never stricter than the validator: whatever the pattern flags, plan files refuse too.
            for value in UInt32(0x20)...0xFFFF {
                guard let scalar = Unicode.Scalar(value), scalar != ":" else { continue }
                let id = "A\(scalar)B"
                if !accepts(id) { #expect(IdentifierMatcher.refusedCharacter(in: id) == scalar, "U+\(String(value, radix: 16))") }
            }
        }
    }
}
