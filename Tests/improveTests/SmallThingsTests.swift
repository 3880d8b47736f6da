import Foundation
import Testing
@testable import improve
import PlanKit
import PlanReports

/// A milestone's done date moved, word-level change summaries, and the examples in `improve --help`.
@Suite struct SmallThingsTests {
    @Test func aDoneMilestoneMovesToAnotherDayWithAnEntry() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let done = try sandbox.run(["update", "lm8", "--milestone", "1", "--done", "2019-04-02", "--date", "2019-04-02", "--by", "Jo", "--plan", plan])
        #expect(done.status == 0, "\(done.stderr)")
        let moved = try sandbox.run(["update", "lm8", "--milestone", "1", "--done", "2019-03-28", "--date", "2019-04-09", "--by", "Jo", "--plan", plan])
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout == "blackpool-2019  LM 8  milestone 1 done 2019-03-28 (was 2019-04-02)  recorded 2019-04-09 by Jo\n")
        let loaded = try PlanLoader.load(file: sandbox.folder.appendingPathComponent(plan).path, relativeTo: testFolder, today: testToday).plan
        let action = try #require(loaded.action(id: "LM 8"))
        #expect(action.milestones[0].completed == CalendarDate(iso: "2019-03-28"))
        #expect(action.history.filter { $0.milestoneChange != nil }.map(\.date.description) == ["2019-04-02", "2019-04-09"])
        let show = try sandbox.run(["show", "lm8", "--plan", plan, "--as-of", "2019-04-30"], environment: ["COLUMNS": "200"]).stdout
        // The history says the day was moved, not that it was done twice.
        #expect(show.contains("2019-04-09  milestone \"Skills audit complete\" done date 2019-04-02 → 2019-03-28  by Jo"), "\(show)")
        #expect(show.contains("1. Skills audit complete – Feb 2019 – done 2019-03-28"), "\(show)")
        // As it stood before the day was moved, it was done on the day first recorded.
        let before = try sandbox.run(["show", "lm8", "--plan", plan, "--as-of", "2019-04-05"], environment: ["COLUMNS": "200"]).stdout
        #expect(before.contains("1. Skills audit complete – Feb 2019 – done 2019-04-02"), "\(before)")
        #expect(loaded.action(id: "LM 8")?.history.last?.milestoneChange?.completedBefore == CalendarDate(iso: "2019-04-02"))
        let log = try sandbox.run(["log", "--plan", plan, "--as-of", "2019-04-30", "--since", "2019-04-01"]).stdout
        #expect(log.contains("milestone \"Skills audit complete\" done date 2019-04-02 → 2019-03-28"), "\(log)")
        // A moved day without the day it moved to is no milestone change a plan can hold.
        let file = sandbox.folder.appendingPathComponent(plan)
        let written = try String(contentsOf: file, encoding: .utf8)
        try written.replacingOccurrences(of: "\"completed\": \"2019-03-28\",\n", with: "").write(to: file, atomically: true, encoding: .utf8)
        let broken = try sandbox.run(["validate", "--plan", plan])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("\"completedBefore\" goes with \"completed\""), "\(broken.stdout)")
        // Moved to the same day: no change, an error; done after the entry's own day: a warning.
        try written.replacingOccurrences(of: "\"completedBefore\": \"2019-04-02\"", with: "\"completedBefore\": \"2019-03-28\"")
            .write(to: file, atomically: true, encoding: .utf8)
        let same = try sandbox.run(["validate", "--plan", plan])
        #expect(same.status == 1 && same.stdout.contains("moved from 2019-03-28 to the same day"), "\(same.stdout)")
        try written.replacingOccurrences(of: "\"completed\": \"2019-03-28\"", with: "\"completed\": \"2019-04-20\"")
            .write(to: file, atomically: true, encoding: .utf8)
        let later = try sandbox.run(["validate", "--plan", plan])
        #expect(later.status == 0 && later.stdout.contains("warning: action LM 8: milestone \"Skills audit complete\" is recorded done on 2019-04-20, after the entry's own date 2019-04-09"), "\(later.stdout)")
        try written.write(to: file, atomically: true, encoding: .utf8)
        // The same day again, or --done with no day, has nothing to move.
        for again in [["--done", "2019-03-28"], ["--done"]] {
            let refused = try sandbox.run(["update", "lm8", "--milestone", "1"] + again + ["--plan", plan])
            #expect(refused.status == 64, "\(again)")
            #expect(refused.stderr == "improve: milestone \"Skills audit complete\" was already done on 2019-03-28; give --done YYYY-MM-DD with another day to move it, or --reopen\n")
        }
        // Done after the day it is recorded: a record made before the fact, refused.
        let early = try sandbox.run(["update", "lm8", "--milestone", "1", "--done", "2019-04-12", "--date", "2019-04-10", "--plan", plan])
        #expect(early.status == 64)
        #expect(early.stderr.hasPrefix("improve: invalid value '2019-04-12' for --done: 2019-04-12 is after the day this change is recorded (--date 2019-04-10); give --date 2019-04-12 or later\n"), "\(early.stderr)")
        let undo = try sandbox.run(["undo", "--plan", plan])
        #expect(undo.status == 0, "\(undo.stderr)")
        let restored = try PlanLoader.load(file: sandbox.folder.appendingPathComponent(plan).path, relativeTo: testFolder, today: testToday).plan
        #expect(restored.action(id: "LM 8")?.milestones[0].completed == CalendarDate(iso: "2019-04-02"))
    }
}

extension SmallThingsTests {
    /// An edit that adds words at the end of a long text shows them, in its answer, `log` and `show`.
    @Test func anEditShowsTheWordsThatDiffer() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let text = try #require(try PlanLoader.load(file: sandbox.folder.appendingPathComponent(plan).path, relativeTo: testFolder, today: testToday).plan.action(id: "LM 8")?.text)
        #expect(text == "Carry out full skills audit of all staff in YOT to identify gaps in skills and training needs.")
        let summary = "text: added \", by team\" in \"…and training needs, by team.\""
        let edit = try sandbox.run(["edit", "lm8", "--text", String(text.dropLast()) + ", by team.", "--date", "2019-05-01", "--by", "Jo", "--plan", plan])
        #expect(edit.status == 0, "\(edit.stderr)")
        #expect(edit.stdout == "blackpool-2019  LM 8  \(summary)  recorded 2019-05-01 by Jo\n")
        let log = try sandbox.run(["log", "--plan", plan, "--since", "2019-04-01", "--as-of", "2019-05-31"], environment: ["COLUMNS": "200"])
        #expect(log.stdout.contains("2019-05-01  LM 8  Jo  \(summary)\n"), "\(log.stdout)")
        let show = try sandbox.run(["show", "lm8", "--plan", plan, "--as-of", "2019-05-31"], environment: ["COLUMNS": "200"])
        #expect(show.stdout.contains("2019-05-01  \(summary)  by Jo"), "\(show.stdout)")
        let json = try sandbox.run(["log", "--plan", plan, "--since", "2019-04-01", "--as-of", "2019-05-31", "--format", "json"])
        #expect(json.stdout.contains(#""text: added \", by team\" in \"…and training needs, by team.\"""#), "\(json.stdout)")
    }
}

extension SmallThingsTests {
    /// The words of a command line as a shell splits them: double quotes group, `> FILE` ends it.
    func words(_ line: String) -> [String] {
        var words: [String] = [], current = "", quoted = false, started = false
        for character in line {
            if character == "\"" {
                quoted.toggle()
                started = true
            } else if character == " ", !quoted {
                if started { words.append(current) }
                (current, started) = ("", false)
            } else {
                current.append(character)
                started = true
            }
        }
        if started { words.append(current) }
        return Array(words.prefix { $0 != ">" })
    }

    @Test func theToolsHelpEndsWithExamplesThatRun() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        try sandbox.copyExample("portsmouth-2014.json")
        let help = try sandbox.run(["--help"])
        #expect(help.status == 0)
        let examples = CommandRegistry.toolExamples
        #expect((4...6).contains(examples.count))
        #expect(help.stdout.hasSuffix("\nExamples:\n" + examples.map { "  \($0)\n" }.joined()))
        for example in examples {
            let arguments = words(example)
            #expect(arguments.first == "improve")
            let result = try sandbox.run(Array(arguments.dropFirst()))
            // 1 is a finding (overdue actions), not a failure.
            #expect([0, 1].contains(result.status), "\(example): \(result.stderr)")
            #expect(!result.stdout.isEmpty, "\(example)")
            #expect(result.stderr.isEmpty || result.stderr.hasPrefix("improve: note:"), "\(example): \(result.stderr)")
        }
        #expect(words(#"improve list --lead "yot manager" --overdue"#) == ["improve", "list", "--lead", "yot manager", "--overdue"])
    }
}
