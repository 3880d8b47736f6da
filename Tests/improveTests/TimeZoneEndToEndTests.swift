import Foundation
import Testing
@testable import improve
import PlanKit
import PlanReports

/// A change recorded in one time zone is read in another by every command,
/// through the built binary, with the zone set in its environment.
@Suite struct TimeZoneEndToEndTests {
    /// Every command that reads a plan, and the status it ends with on the bundled plan.
    static let readers: [(arguments: [String], status: Int32)] = [
        (["validate"], 0), (["list"], 0), (["show", "1.1"], 0), (["log"], 0), (["summary"], 0),
        (["report"], 0), (["overdue"], 1), (["export", "csv"], 0), (["board", "list"], 0),
    ]

    /// Written at UTC+14, read at UTC−12: the entry is dated one day (for two
    /// hours of the day, two days) after the reader's today, and every command
    /// accepts it, the ones that change the plan too.
    @Test func aPlanWrittenFarEastIsReadFarWestByEveryCommand() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let east = ["TZ": "Etc/GMT-14"], west = ["TZ": "Etc/GMT+12"]
        let written = try sandbox.runBinary(["update", "1.1", "--status", "amber", "--comment", "x", "--plan", plan], environment: east)
        #expect(written.status == 0, "\(written.stderr)")
        for (arguments, status) in Self.readers {
            let result = try sandbox.runBinary(arguments + ["--plan", plan], environment: west)
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("in the future"), "\(arguments)")
        }
        let changed = try sandbox.runBinary(["update", "1.2", "--comment", "y", "--plan", plan], environment: west)
        #expect(changed.status == 0, "\(changed.stderr)")
        let undone = try sandbox.runBinary(["undo", "--yes", "--plan", plan], environment: west)
        #expect(undone.status == 0, "\(undone.stderr)")
    }

    /// Two days after the reader's today in UTC is nowhere's today yet: every
    /// command refuses the plan the same way (validate with 1, the others with 65).
    @Test func twoDaysAheadIsRefusedByEveryCommandAlike() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let ahead = CalendarDate.today(in: TimeZone(identifier: "UTC")!, now: Date()).adding(days: 2)
        let file = sandbox.folder.appendingPathComponent(plan)
        var loaded = try PlanLoader.load(file: file.path, relativeTo: testFolder, today: testToday).plan
        loaded.actions[0].history.append(StatusChange(date: ahead, comment: "too soon"))
        try Data(JSONWriterBytes(loaded)).write(to: file)
        let utc = ["TZ": "UTC"]
        for (arguments, _) in Self.readers + [(["update", "1.2", "--comment", "y"], 0)] {
            let result = try sandbox.runBinary(arguments + ["--plan", plan], environment: utc)
            #expect(result.status == (arguments == ["validate"] ? 1 : 65), "\(arguments): \(result.stderr)")
            let said = arguments == ["validate"] ? result.stdout : result.stderr
            #expect(said.contains("history entry dated \(ahead) is in the future"), "\(arguments): \(said)")
        }
    }
}
