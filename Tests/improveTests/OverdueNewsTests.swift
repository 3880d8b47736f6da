import Foundation
import Testing
@testable import improve

/// The cron check that says only what is new (issue 26): `--new-since`, `--due-within`, `--stale`, an action once
/// per group, and a default lead that says it narrowed the list.
@Suite struct OverdueNewsTests {
    /// The example plan in a sandbox, and the check run on it.
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        try sandbox.copyExample("portsmouth-2014.json")
        return try sandbox.run(["overdue"] + arguments, environment: environment)
    }

    @Test func newSinceYesterdayListsOnlyWhatBecameOverdueAndExitsOneOnlyThen() throws {
        // 2019-05-01: April's deadlines fell due the day before.
        let news = try run(["--plan", "plans/blackpool-2019.json", "--as-of", "2019-05-01", "--new-since", "yesterday"])
        #expect(news.status == 1)
        #expect(news.stdout.hasPrefix("19 newly overdue since 2019-04-30, as of 2019-05-01: 5 actions, 14 milestones\n"), "\(news.stdout)")
        #expect(news.stdout.contains("LM 4  Apr 2019  1 day"))
        // Everything it lists is 1 day overdue: nothing older.
        #expect(!news.stdout.contains("days "))
        // The next day nothing more fell due: silent, exit 0, though much is overdue.
        let quiet = try run(["--plan", "plans/blackpool-2019.json", "--as-of", "2019-05-02", "--new-since", "yesterday"])
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty, "\(quiet.stdout)")
        let all = try run(["--plan", "plans/blackpool-2019.json", "--as-of", "2019-05-02", "-q"])
        #expect(all.status == 1)
        // --quiet counts what is new.
        let count = try run(["--plan", "plans/blackpool-2019.json", "--as-of", "2019-05-01", "--new-since", "2019-04-30", "-q"])
        #expect(count.status == 1 && count.stdout == "19 newly overdue since 2019-04-30, as of 2019-05-01: 5 actions, 14 milestones\n")
        let json = try run(["--plan", "plans/blackpool-2019.json", "--as-of", "2019-05-01", "--new-since", "yesterday", "--format", "json"])
        #expect(json.stdout.contains("\"newSince\": \"2019-04-30\"") || json.stdout.contains("\"newSince\":\"2019-04-30\""), "\(json.stdout.prefix(200))")
    }

    @Test(arguments: ["2019-05-01", "tomorrow", "2019-06-01"])
    func newSinceMustBeBeforeTheDayOfTheCheck(day: String) throws {
        let result = try run(["--plan", "plans/blackpool-2019.json", "--as-of", "2019-05-01", "--new-since", day])
        #expect(result.status == 64)
        #expect(result.stderr.contains("for --new-since: it must be before the day of the check (2019-05-01)"), "\(result.stderr)")
    }

    @Test func dueWithinAndStaleAreSectionsOfTheirOwn() throws {
        let result = try run(["--plan", "plans/portsmouth-2014.json", "--as-of", "2015-08-01", "--due-within", "14d", "--stale", "60d"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("No update for 60 days or more: 10 actions"), "\(result.stdout)")
        #expect(result.stdout.range(of: "1\\.9 +2015-03-31 +123 +AMBER +Develop an induction pack", options: .regularExpression) != nil, "\(result.stdout)")
        let json = try run(["--plan", "plans/portsmouth-2014.json", "--as-of", "2015-08-01", "--stale", "60d", "--format", "json"])
        #expect(json.stdout.contains("\"daysSinceUpdate\""))
        // --within is --due-within's other name; both at once is a mistake.
        let both = try run(["--plan", "plans/portsmouth-2014.json", "--within", "14d", "--due-within", "14d"])
        #expect(both.status == 64 && both.stderr.contains("--within and --due-within are the same option"))
        let within = try run(["--plan", "plans/blackpool-2019.json", "--as-of", "2019-04-10", "--within", "30d"])
        let dueWithin = try run(["--plan", "plans/blackpool-2019.json", "--as-of", "2019-04-10", "--due-within", "30d"])
        #expect(within.stdout == dueWithin.stdout && dueWithin.stdout.contains("Due by 2019-05-10"))
    }

    @Test func anActionWithSeveralLeadsIsListedOnceUnlessGroupedByLead() throws {
        // LM 7 has three leads.
        func lines(_ text: String) -> Int { text.split(separator: "\n").filter { $0.hasPrefix("  LM 7 ") }.count }
        let plain = try run(["--plan", "plans/blackpool-2019.json", "--as-of", "2019-04-10"])
        #expect(lines(plain.stdout) == 1, "\(plain.stdout)")
        let byLead = try run(["--plan", "plans/blackpool-2019.json", "--as-of", "2019-04-10", "--group", "lead"])
        #expect(lines(byLead.stdout) == 3)
    }

    @Test func aDefaultLeadSaysItNarrowedTheList() throws {
        let environment = ["IMPROVE_LEAD": "yot manager"]
        let quiet = try run(["--plan", "plans/blackpool-2019.json", "--as-of", "2019-04-10", "-q"], environment: environment)
        #expect(quiet.stdout == "29 overdue as of 2019-04-10: 7 actions, 22 milestones (lead \"yot manager\", the default from $IMPROVE_LEAD; --all for every lead)\n")
        let list = try run(["--plan", "plans/blackpool-2019.json", "--as-of", "2019-04-10"], environment: environment)
        #expect(list.stdout.hasSuffix("note: only the actions of lead \"yot manager\", the default from $IMPROVE_LEAD; give --all for every lead's\n"))
        let all = try run(["--plan", "plans/blackpool-2019.json", "--as-of", "2019-04-10", "-q", "--all"], environment: environment)
        #expect(all.stdout == "63 overdue as of 2019-04-10: 14 actions, 49 milestones\n")
        // A lead given on the line is the user's own choice: nothing to say.
        let given = try run(["--plan", "plans/blackpool-2019.json", "--as-of", "2019-04-10", "-q", "--lead", "yot manager"])
        #expect(given.stdout == "29 overdue as of 2019-04-10: 7 actions, 22 milestones\n")
    }
}

/// The crontab lines docs/reports.md shows, run as cron runs them: `sh -c` in a bare environment whose PATH is
/// cron's (`/usr/bin:/bin`), with the binary where the line says and a default lead set for the account.
@Suite struct CronLineTests {
    /// The documented lines: a schedule of five fields, then the command.
    static func cronLines() throws -> [String] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/reports.md"), encoding: .utf8)
        return text.split(separator: "\n").map(String.init).filter { line in
            line.range(of: "^[0-9*][0-9*,/-]* [0-9*][0-9*,/-]* [0-9*][0-9*,/-]* [0-9*][0-9*,/-]* [0-9*][0-9*,/-]* +cd ", options: .regularExpression) != nil
        }
    }

    @Test func theDocumentedCronLinesRunUnderCronsPathAndSayNothingOnADayWithNothingNew() throws {
        let lines = try Self.cronLines()
        #expect(lines.count >= 2, "docs/reports.md shows the crontab lines")
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        // The binary where the line names it: a folder of the sandbox stands for /usr/local/bin.
        let bin = sandbox.folder.appendingPathComponent("usr-local-bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("improve"), withDestinationURL: improveBinary)
        // A sendmail that keeps what it is given, and the leads' addresses the reminders need.
        let mailbox = sandbox.folder.appendingPathComponent("mailbox")
        try sandbox.write("usr-local-bin/sendmail", "#!/bin/sh\ncat >> '\(mailbox.path)'\necho '--end--' >> '\(mailbox.path)'\n")
        chmod(bin.appendingPathComponent("sendmail").path, 0o755)
        try sandbox.write("plans/leads.json", #"{"YOT Manager": "yot.manager@example.gov.uk", "Board Chair": "chair@example.gov.uk"}"#)
        func run(_ line: String, today: String) throws -> CommandResult {
            let command = try #require(line.range(of: "cd ").map { String(line[$0.lowerBound...]) })
            #expect(command.contains(" /usr/local/bin/improve "), "a cron line names improve by its full path: \(line)")
            if command.contains(" overdue") { #expect(command.contains(" --all"), "a cron line sets a default lead aside: \(line)") }
            let local = command.replacingOccurrences(of: "/srv/yot", with: sandbox.folder.path)
                .replacingOccurrences(of: "/usr/local/bin/", with: bin.path + "/")
                .replacingOccurrences(of: "/usr/sbin/sendmail", with: bin.path + "/sendmail")
            // env -i: nothing of the test's environment but cron's PATH, a default lead of the account's
            // (which --all must set aside) and the day the check runs as.
            return try sandbox.runBinary(["-i", "PATH=/usr/bin:/bin", "IMPROVE_LEAD=YOT Manager", "IMPROVE_TODAY=\(today)", "/bin/sh", "-c", local],
                                         executable: "/usr/bin/env")
        }
        let daily = try #require(lines.first { $0.contains("--new-since yesterday") })
        // 2019-05-01: April's deadlines fell due the day before: a mail of what is new, for every lead.
        let news = try run(daily, today: "2019-05-01")
        #expect(news.status == 1, "\(news.stderr)")
        #expect(news.stdout.hasPrefix("19 newly overdue since 2019-04-30, as of 2019-05-01"), "\(news.stdout)")
        // 2019-05-02: nothing new, so nothing printed and cron sends no mail.
        let quiet = try run(daily, today: "2019-05-02")
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty, "\(quiet.stdout)\(quiet.stderr)")
        for line in lines where line != daily && !line.contains(" remind ") {
            let result = try run(line, today: "2019-05-06")
            #expect([0, 1].contains(result.status), "\(line): \(result.status) \(result.stderr)")
            #expect(result.stderr.isEmpty, "\(line): \(result.stderr)")
        }
        // The monthly line: one message a lead with an address, each to its lead.
        let remind = try #require(lines.first { $0.contains(" remind ") })
        let sent = try run(remind, today: "2019-05-01")
        #expect(sent.status == 0, "\(sent.stderr)")
        let mail = try String(contentsOf: mailbox, encoding: .utf8)
        #expect(mail.components(separatedBy: "--end--").count - 1 == 2, "\(mail.prefix(300))")
        #expect(mail.contains("To: \"YOT Manager\" <yot.manager@example.gov.uk>") && mail.contains("To: \"Board Chair\" <chair@example.gov.uk>"))
        // Nothing is sent twice for the same day.
        let again = try run(remind, today: "2019-05-01")
        #expect(again.status == 0)
        #expect(try String(contentsOf: mailbox, encoding: .utf8) == mail)
    }
}
