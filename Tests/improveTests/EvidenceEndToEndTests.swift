import Foundation
import Testing
import PlanKit

/// An action's evidence (a link, or where the evidence is kept), from `edit` to
/// `show`, `log`, the plan file, the CSV export and back in by `import`.
@Suite("An action's evidence, end to end")
struct EvidenceEndToEndTests {
    func contents(_ sandbox: Sandbox, _ file: String) throws -> String {
        try String(contentsOf: sandbox.folder.appendingPathComponent(file), encoding: .utf8)
    }

    @Test func evidenceIsSetShownLoggedExportedAndRemoved() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let edit = try sandbox.run(["edit", "lm7", "--evidence", "https://example.org/audit", "--date", "2019-05-01", "--by", "Jo",
                                    "--plan", plan])
        #expect(edit.status == 0, "\(edit.stderr)")
        #expect(edit.stdout == "blackpool-2019  LM 7  evidence set: \"https://example.org/audit\"  recorded 2019-05-01 by Jo\n")

        // The plan file keeps it beside the success measure, reads back and is valid.
        let file = try contents(sandbox, plan)
        #expect(file.contains("\"evidence\": \"https://example.org/audit\""))
        #expect(file.contains("\"field\": \"evidence\""))
        #expect(try sandbox.run(["validate", "--plan", plan]).status == 0)

        let show = try sandbox.run(["show", "lm7", "--plan", plan, "--as-of", "2019-05-31"], environment: ["COLUMNS": "200"]).stdout
        #expect(show.contains("\nEvidence:         https://example.org/audit\n"), "\(show)")
        #expect(show.contains("  2019-05-01  evidence set: \"https://example.org/audit\"  by Jo\n"), "\(show)")
        let log = try sandbox.run(["log", "--plan", plan, "--as-of", "2019-05-31", "--since", "2019-04-30"]).stdout
        #expect(log.contains("evidence set: \"https://example.org/audit\""), "\(log)")

        let csv = try sandbox.run(["export", "csv", "--plan", plan, "--as-of", "2019-05-31"]).stdout
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines.first?.hasSuffix(",What success will look like,Evidence") == true, "\(lines.first ?? "")")
        #expect(lines.contains { $0.contains(",LM 7,") && $0.hasSuffix(",https://example.org/audit") })

        // Changed, then removed: each a history entry.
        let changed = try sandbox.run(["edit", "lm7", "--evidence", "Board minutes, June 2019", "--date", "2019-06-01", "--plan", plan])
        #expect(changed.status == 0, "\(changed.stderr)")
        let remove = try sandbox.run(["edit", "lm7", "--remove-evidence", "--date", "2019-06-02", "--plan", plan])
        #expect(remove.status == 0, "\(remove.stderr)")
        #expect(remove.stdout.contains("evidence removed: \"Board minutes, June 2019\""), "\(remove.stdout)")
        #expect(try !contents(sandbox, plan).contains("\"evidence\": \"Board"))
        let again = try sandbox.run(["edit", "lm7", "--remove-evidence", "--date", "2019-06-02", "--plan", plan])
        #expect(again.stderr.contains("the evidence is already that (or there is none to remove); nothing was changed"), "\(again.stderr)")
    }

    @Test func editNamesTheEvidenceOptions() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let help = try sandbox.run(["edit", "--help"]).stdout
        #expect(help.contains("[--evidence TEXT | --remove-evidence]"), "\(help)")
        #expect(help.contains("--evidence TEXT"))
        let both = try sandbox.run(["edit", "lm7", "--evidence", "x", "--remove-evidence", "--plan", plan])
        #expect(both.status == 64)
        #expect(both.stderr.contains("--evidence and --remove-evidence cannot be used together"), "\(both.stderr)")
        let nothing = try sandbox.run(["edit", "lm7", "--plan", plan])
        #expect(nothing.stderr.contains("give --text, --success or --remove-success, --evidence or --remove-evidence, "), "\(nothing.stderr)")
    }

    @Test func importReadsAnEvidenceColumn() throws {
        let sandbox = try Sandbox()
        try sandbox.write("plan.csv", "ID,Theme,Action,Evidence\n1.1,LM,Audit the cases,https://example.org/audit\n1.2,LM,Train the staff,\n")
        let result = try sandbox.run(["import", "plan.csv", "--out", "plan.json", "--organisation", "O", "--inspection-date", "2019-01"])
        #expect(result.status == 0, "\(result.stderr)")
        let file = try contents(sandbox, "plan.json")
        #expect(file.contains("\"evidence\": \"https://example.org/audit\""))
        #expect(file.components(separatedBy: "\"evidence\"").count == 2, "only the row that gives evidence has it")
        let show = try sandbox.run(["show", "1.1", "--plan", "plan.json"]).stdout
        #expect(show.contains("\nEvidence:         https://example.org/audit\n"), "\(show)")
    }
}

/// `add` takes the action's optional texts as the field declarations name them, so a new one needs no
/// change to the command.
@Suite("Adding an action with its optional texts")
struct AddOptionalTextsTests {
    @Test func addSetsEvidenceAndSuccessAndShowPrintsThem() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let added = try sandbox.run(["add", "action", "--id", "LM 40", "--theme", "LM", "--text", "Publish the plan",
                                     "--success", "Published by June", "--evidence", "https://example.org/plan.pdf", "--plan", plan])
        #expect(added.status == 0, "\(added.stderr)")
        let shown = try sandbox.run(["show", "lm40", "--plan", plan])
        #expect(shown.stdout.contains("Published by June"), "\(shown.stdout)")
        #expect(shown.stdout.contains("https://example.org/plan.pdf"), "\(shown.stdout)")
        let help = try sandbox.run(["add", "--help"]).stdout
        #expect(help.contains("--evidence TEXT") && help.contains("--success TEXT"), "\(help)")
        #expect(try sandbox.run(["validate", "--plan", plan]).status == 0)
    }
}

@Suite("list's text search reads the fields that declare it searched")
struct SearchedFieldsTests {
    @Test func aSearchFindsEvidenceAndSuccessMeasures() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        #expect(!(try sandbox.run(["list", "zebra-crossing-audit", "--plan", plan, "--format", "json"]).stdout.contains("\"LM 7\"")))
        #expect(try sandbox.run(["edit", "lm7", "--evidence", "See the zebra-crossing-audit folder", "--plan", plan]).status == 0)
        let found = try sandbox.run(["list", "ZEBRA-crossing", "--plan", plan, "--format", "json"])
        #expect(found.status == 0 && found.stdout.contains("\"LM 7\""), "\(found.stdout)\(found.stderr)")
        #expect(!found.stdout.contains("\"LM 8\""))
        #expect(Set(ActionField.allCases.filter { $0.facts.searched }) == Set<ActionField>([.id, .text, .subPoints, .leads, .successMeasure, .evidence]))
    }
}
