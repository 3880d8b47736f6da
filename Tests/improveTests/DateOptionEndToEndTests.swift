import Foundation
import PlanKit
import Testing

/// Date options typed as people type them, through the whole command line:
/// what is stored is ISO, and a bad value is a usage error naming the fix.
/// Runs in process, where today is the machine's (as `context.today` is).
@Suite("Date options as people type them")
struct DateOptionEndToEndTests {
    static let plan = "plans/blackpool-2019.json"

    static func planText(_ sandbox: Sandbox) throws -> String {
        try String(contentsOf: sandbox.folder.appendingPathComponent(plan), encoding: .utf8)
    }

    @Test func aDueDateWrittenDayMonthYearIsStoredAsISO() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        let result = try sandbox.run(["update", "lm8", "--due", "31/07/2019", "--reason", "x"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("LM 8  deadline Apr 2019 → 31 Jul 2019"))
        let text = try Self.planText(sandbox)
        #expect(text.contains("\"deadline\": \"2019-07-31\""))
        #expect(text.contains("\"to\": \"2019-07-31\""))
        #expect(!text.contains("31/07/2019"))
    }

    @Test func asOfYesterdayAnswersAsOfYesterdaysDate() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        let yesterday = Today.reading().date.adding(days: -1)
        let typed = try sandbox.run(["list", "--as-of", "yesterday"])
        let iso = try sandbox.run(["list", "--as-of", yesterday.description])
        #expect(typed.status == 0, "\(typed.stderr)")
        #expect(!typed.stdout.isEmpty)
        #expect(typed.stdout == iso.stdout)
        #expect(typed.status == iso.status)
    }

    @Test func doneTakesADateAsPeopleTypeItAndOnlyADate() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        let yesterday = Today.reading().date.adding(days: -1)
        // The id after the date: the look-ahead took "yesterday" as --done's value, not as an argument.
        let done = try sandbox.run(["update", "--milestone", "1", "--done", "yesterday", "lm8"])
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stdout.contains("LM 8  milestone 1 done \(yesterday)"))
        #expect(try Self.planText(sandbox).contains("\"completed\": \"\(yesterday)\""))
        // An id after --done is not a date: --done has no value and the id is the argument.
        #expect(try sandbox.run(["update", "--milestone", "1", "--reopen", "lm8"]).status == 0)
        let bare = try sandbox.run(["update", "--milestone", "1", "--done", "lm8"])
        #expect(bare.status == 0, "\(bare.stderr)")
        #expect(bare.stdout.contains("LM 8  milestone 1 done \(Today.reading().date)"))
    }

    @Test func logSinceAWeekAgoIsTheWeekBeforeToday() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        #expect(try sandbox.run(["update", "lm7", "--comment", "Typed dates work"]).status == 0)
        let typed = try sandbox.run(["log", "--since", "-1w"], environment: ["COLUMNS": "200"])
        #expect(typed.status == 0, "\(typed.stderr)")
        #expect(typed.stdout.contains("Typed dates work"))
        let weekAgo = Today.reading().date.adding(days: -7)
        #expect(typed.stdout == (try sandbox.run(["log", "--since", weekAgo.description], environment: ["COLUMNS": "200"])).stdout)
        // A bare number of days still counts back from --as-of.
        #expect(typed.stdout == (try sandbox.run(["log", "--since", "7d"], environment: ["COLUMNS": "200"])).stdout)
    }

    @Test("A date a week ago is a value, not an option, where the command takes it as an argument (board add -1w)")
    func aNegativeRelativeDateIsAnArgument() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        let result = try sandbox.run(["board", "add", "-1w", "--plan", Self.plan])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.planText(sandbox).contains("\"\(Today.reading().date.adding(days: -7))\""))
        // An option's look-alike is still refused as one.
        #expect(try sandbox.run(["board", "add", "-x", "--plan", Self.plan]).status == 64)
    }

    @Test func otherDateOptionsStoreWhatWasTypedAsISO() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        for command in [["board", "add", "18/7/19"],
                        ["edit", "lm8", "--milestone", "2", "--milestone-due", "Sep 2019", "--reason", "r"],
                        ["add", "action", "--id", "LM 99", "--theme", "LM", "--text", "Typed", "--deadline", "31 October 2019"],
                        ["new", "plans/typed.json", "--id", "typed", "--title", "T", "--organisation", "O", "--inspection-date", "Oct 2018"]] {
            let result = try sandbox.run(command + (command[0] == "new" ? [] : ["--plan", Self.plan]))
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        let text = try Self.planText(sandbox)
        #expect(text.contains("\"boardMeetings\": [\n    \"2019-07-18\"\n  ]"))
        #expect(text.contains("\"to\": \"2019-09\""))
        #expect(text.contains("\"deadline\": \"2019-10-31\""))
        let created = try String(contentsOf: sandbox.folder.appendingPathComponent("plans/typed.json"), encoding: .utf8)
        #expect(created.contains("\"date\": \"2018-10\""))
    }

    @Test(arguments: [
        (["update", "lm8", "--due", "07/31/2019", "--reason", "x"],
         "improve: invalid value '07/31/2019' for --due: reads as month/day; write 31/07/2019 (day/month/year) or 2019-07-31\n"),
        (["list", "--as-of", "01/02/03"],
         "improve: invalid value '01/02/03' for --as-of: it could be 1 Feb 2003 (day/month/year) or 2001-02-03 (year/month/day); "
            + "write 01/02/2003 or 2001-02-03\n"),
        (["update", "lm8", "--milestone", "1", "--done", "31/02/2019"],
         "improve: invalid value '31/02/2019' for --done: Feb 2019 has 28 days, not 31\n"),
        (["update", "lm8", "--milestone", "1", "--done", "tomorrow"], "is in the future; give the day it was done\n"),
        (["list", "--as-of", "Jul 2019"],
         "improve: invalid value 'Jul 2019' for --as-of: a month, not a day; write its first or last day (2019-07-01 or 2019-07-31)\n"),
        (["list", "--due-before", "1/2/75"],
         "improve: invalid value '1/2/75' for --due-before: 1975-02-01 is outside the years improve accepts (1990–2100)\n"),
        (["log", "--since", "next week"],
         "improve: invalid value 'next week' for --since: not a date; write a day (2019-07-31, 31/07/2019, 31 Jul 2019, today, +2w)\n"),
        (["edit", "lm8", "--milestone", "2", "--milestone-due", "2019-13", "--reason", "r"],
         "improve: invalid value '2019-13' for --milestone-due: there is no month 13\n"),
        (["list", "--as-of", String(repeating: "x", count: 100_000)],
         "improve: invalid value '\(String(repeating: "x", count: 39))…' for --as-of: not a date"),
        (["list", "--as-of", "a\nb"], "improve: invalid value 'a⏎b' for --as-of: not a date"),
        (["new", "plans/later.json", "--id", "later", "--title", "T", "--organisation", "O", "--inspection-date", "+1m"],
         "for --inspection-date: \(Today.reading().date.addingMonths(1)) is after today; give the day or month the inspection took place"),
        (["board", "add", "11/07/10"], "improve: invalid value '11/07/10' for add: it could be 11 Jul 2010 (day/month/year) or 2011-07-10"),
    ])
    func aBadDateExits64NamingTheOptionTheValueAndTheFix(arguments: [String], message: String) throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        let before = try Self.planText(sandbox)
        let result = try sandbox.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try Self.planText(sandbox) == before)
    }

    @Test func helpSaysWhichFormsADateTakes() throws {
        let sandbox = try Sandbox()
        let tool = try sandbox.run(["--help"])
        #expect(tool.stdout.contains("--as-of DATE"))
        #expect(tool.stdout.contains("DATE is 2019-07-31, 31/07/2019 or 31/7/19 (day/month/year), 31 Jul 2019, today"))
        #expect(try sandbox.run(["update", "--help"]).stdout.contains("+3d/+2w/+1m/-1w from today"))
    }
}
