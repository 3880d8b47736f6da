import Foundation
import Testing

/// The expected output kept in `Tests/improveTests/Golden`.
func golden(_ name: String) throws -> String {
    try String(contentsOf: repositoryRoot.appendingPathComponent("Tests/improveTests/Golden/\(name)"), encoding: .utf8)
}

@Suite("The cron overdue check")
struct OverdueEndToEndTests {
    func sandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        try sandbox.copyExample("portsmouth-2014.json")
        return sandbox
    }

    @Test(arguments: [
        (["--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--within", "14d"], "overdue-portsmouth-2015-04-23.txt"),
        (["--plan", "plans/portsmouth-2014.json", "--as-of", "2015-03-31", "--group", "theme"], "overdue-portsmouth-2015-03-31-theme.txt"),
        (["--plan", "plans/blackpool-2019.json", "--as-of", "2019-03-01", "--within", "14d"], "overdue-blackpool-2019-03-01.txt"),
    ])
    func matchesTheGoldenOutput(arguments: [String], file: String) throws {
        let result = try sandbox().run(["overdue"] + arguments)
        #expect(result.status == 1)
        #expect(result.stderr == "")
        #expect(result.stdout == (try golden(file)))
    }

    @Test func isSilentWithExit0WhenNothingIsOverdue() throws {
        let result = try sandbox().run(["overdue", "--as-of", "2014-04-01"])
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(result.stderr == "")
        let quiet = try sandbox().run(["overdue", "--quiet", "--as-of", "2014-04-01"])
        #expect(quiet.status == 0)
        #expect(quiet.stdout == "")
    }

    @Test func quietPrintsOnlyTheCount() throws {
        let result = try sandbox().run(["overdue", "-q", "--as-of", "2015-04-23", "--plan", "plans/portsmouth-2014.json"])
        #expect(result.status == 1)
        #expect(result.stdout == "10 overdue as of 2015-04-23: 10 actions, 0 milestones\n")
    }

    @Test func aCompleteActionIsNotOverdueFromTheDayItIsRecorded() throws {
        let box = try sandbox()
        let plan = "plans/portsmouth-2014.json"
        let update = try box.run(["update", "10.7", "--status", "green", "--comment", "Waiting times within 3 months",
                                  "--date", "2015-05-20", "--plan", plan])
        #expect(update.status == 0)
        let before = try box.run(["overdue", "-q", "--as-of", "2015-05-19", "--plan", plan])
        #expect(before.stdout == "10 overdue as of 2015-05-19: 10 actions, 0 milestones\n")
        let after = try box.run(["overdue", "-q", "--as-of", "2015-05-20", "--plan", plan])
        #expect(after.stdout == "9 overdue as of 2015-05-20: 9 actions, 0 milestones\n")
    }

    @Test func writesJSONForScripts() throws {
        let result = try sandbox().run(["overdue", "--format", "json", "--as-of", "2015-04-23", "--plan", "plans/portsmouth-2014.json"])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["overdueCount"] as? Int == 10)
        let first = try #require((object["overdue"] as? [[String: Any]])?.first)
        #expect(first["id"] as? String == "2.4")
        #expect(first["daysOverdue"] as? Int == 327)
        #expect(first["kind"] as? String == "action")
        #expect(first["status"] as? String == "AMBER")
    }

    @Test func errorsKeepTheirOwnExitCodes() throws {
        let usage = try sandbox().run(["overdue", "--within", "two weeks"])
        #expect(usage.status == 64)
        let missing = try Sandbox().run(["overdue"])
        #expect(missing.status == 66)
        let broken = try Sandbox()
        try broken.write("plans/x.json", "{\"formatVersion\": 1,")
        let bad = try broken.run(["overdue"])
        #expect(bad.status == 65)
        #expect(bad.stdout == "")
    }
}
