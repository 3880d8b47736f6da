import Foundation
import Testing
@testable import improve
import PlanKit
import PlanReports

/// As of a day before a plan's inspection there was no plan: commands that
/// answer for a day over several plans leave it out and say so on stderr,
/// keeping stdout valid for JSON and CSV.
@Suite struct AsOfBeforeAPlanTests {
    /// Before Blackpool's inspection (Oct 2018), after Portsmouth's (Nov 2013).
    static let day = "2015-04-23"
    static let note = "improve: note: blackpool-2019 is left out: its inspection (2018-10) is after \(day), so it had no plan yet\n"

    func sandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        try sandbox.copyExample("portsmouth-2014.json")
        return sandbox
    }

    /// The JSON written, parsed: it must be one valid document.
    func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test(arguments: [["summary"], ["summary", "--trend"], ["report"], ["overdue"], ["list"], ["list", "--overdue"]])
    func aPlanInspectedAfterTheDayIsLeftOutWithANote(command: [String]) throws {
        let sandbox = try sandbox()
        let text = try sandbox.run(command + ["--as-of", Self.day])
        #expect([0, 1].contains(text.status), "\(text.stderr)")
        #expect(text.stderr == Self.note)
        #expect(!text.stdout.lowercased().contains("blackpool"), "\(command)")
        #expect(text.stdout.contains("PORTSMOUTH") || text.stdout.contains("2.4"), "\(command): \(text.stdout)")
        let json = try sandbox.run(command + ["--as-of", Self.day, "--format", "json"])
        #expect(json.stderr == Self.note)
        #expect(!json.stdout.contains("blackpool-2019"))
        #expect(try self.json(json.stdout) is [String: Any] || (try self.json(json.stdout)) is [Any])
    }

    @Test func theCountsAreThoseOfThePlansThatExisted() throws {
        let sandbox = try sandbox()
        let summary = try sandbox.run(["summary", "--as-of", Self.day, "--format", "json"])
        let plans = try #require((try json(summary.stdout) as? [String: Any])?["plans"] as? [[String: Any]])
        #expect(plans.map { $0["plan"] as? String } == ["portsmouth-2014"])
        let quiet = try sandbox.run(["overdue", "--quiet", "--as-of", Self.day])
        #expect(quiet.stdout == "10 overdue as of \(Self.day): 10 actions, 0 milestones\n")
        // Quiet is for cron: the count line or nothing.
        #expect(quiet.stderr.isEmpty)
        let csv = try sandbox.run(["list", "--as-of", Self.day, "--format", "csv"])
        #expect(csv.stderr == Self.note)
        #expect(!csv.stdout.contains("blackpool-2019,"))
        #expect(csv.stdout.contains("portsmouth-2014,"))
    }

    /// In the inspection's month the plan is kept: the month may be all that is known of the day.
    @Test func aPlanIsKeptFromItsInspectionsMonth() throws {
        let sandbox = try sandbox()
        let summary = try sandbox.run(["summary", "--as-of", "2018-10-01"])
        #expect(summary.stderr.isEmpty, "\(summary.stderr)")
        #expect(summary.stdout.contains("BLACKPOOL"))
        let before = try sandbox.run(["summary", "--as-of", "2018-09-30"])
        #expect(before.stderr.contains("blackpool-2019 is left out"))
        #expect(!before.stdout.contains("BLACKPOOL"))
    }

    /// A named action is still shown: the question is about that action, not the day's portfolio.
    @Test func showStillAnswersForANamedAction() throws {
        let sandbox = try sandbox()
        let show = try sandbox.run(["show", "blackpool-2019:lm7", "--as-of", Self.day])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("LM 7"))
        #expect(show.stderr.isEmpty)
    }

    @Test func theRuleIsTheInspectionsFirstDay() throws {
        var plan = try PlanLoader.load(file: repositoryRoot.appendingPathComponent("plans/blackpool-2019.json").path, relativeTo: testFolder, today: testToday).plan
        #expect(plan.exists(on: CalendarDate(iso: "2018-10-01")!))
        #expect(!plan.exists(on: CalendarDate(iso: "2018-09-30")!))
        plan.inspection.date = .day(CalendarDate(iso: "2018-10-15")!)
        #expect(!plan.exists(on: CalendarDate(iso: "2018-10-14")!))
        #expect(plan.exists(on: CalendarDate(iso: "2018-10-15")!))
    }
}
