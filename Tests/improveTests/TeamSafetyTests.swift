import Foundation
import Testing
@testable import PlanJSON
@testable import PlanKit
@testable import PlanReports
@testable import PlanStorage

/// Nothing a command writes may fail the rules a plan is read with.
@Suite("No command writes a plan that cannot be read back")
struct WritingRulesTests {
    static let blank = ["", "   ", "\n", "\t \r\n"]

    /// Commands given a blank value, each with what it needs besides; run in a
    /// sandbox holding the Blackpool plan as plans/p.json.
    static let blankValuePaths: [(arguments: [String], option: String)] = [
        (["update", "lm7", "--comment", "BLANK"], "--comment"),
        (["update", "lm7", "--status", "amber", "--comment", "ok", "--by", "BLANK"], "--by"),
        (["update", "lm14", "--due", "2019-09", "--reason", "BLANK"], "--reason"),
        (["add", "action", "--id", "LM 99", "--theme", "LM", "--text", "t", "--lead", "BLANK"], "--lead"),
        (["add", "action", "--id", "LM 99", "--theme", "LM", "--text", "t", "--success", "BLANK"], "--success"),
        (["add", "action", "--id", "BLANK", "--theme", "LM", "--text", "t"], "--id"),
        (["add", "recommendation", "--id", "HMIP 99", "--text", "t", "--addressed-to", "BLANK"], "--addressed-to"),
        (["add", "recommendation", "--id", "HMIP 99", "--text", "t", "--response", "BLANK"], "--response"),
        (["add", "theme", "--id", "9", "--title", "t", "--lead", "BLANK"], "--lead"),
        (["reassign", "--from", "Board Chair", "--to", "BLANK"], "--to"),
        (["reassign", "--from", "Board Chair", "--to", "X", "--comment", "BLANK"], "--comment"),
        (["reassign", "--from", "Board Chair", "--to", "X", "--by", "BLANK"], "--by"),
    ]

    @Test(arguments: blankValuePaths)
    func aBlankValueIsAUsageErrorAndChangesNothing(arguments: [String], option: String) throws {
        for value in Self.blank {
            let sandbox = try Sandbox()
            try sandbox.copyExample("blackpool-2019.json")
            let file = sandbox.folder.appendingPathComponent("plans/blackpool-2019.json")
            let before = try Data(contentsOf: file)
            let result = try sandbox.run(arguments.map { $0 == "BLANK" ? value : $0 })
            #expect(result.status == 64, "\(arguments) with \(value.debugDescription): \(result.stderr)")
            #expect(result.stderr.contains("for \(option): it is blank"), "\(result.stderr)")
            #expect(try Data(contentsOf: file) == before)
        }
    }

    @Test func aBlankMilestoneTitleIsAUsageError() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        let result = try sandbox.run(["add", "action", "--id", "LM 99", "--theme", "LM", "--text", "t", "--milestone", " =2019-01"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("for --milestone"))
    }

    @Test func newAndImportRefuseBlankValues() throws {
        let sandbox = try Sandbox()
        for (arguments, option) in [
            (["new", "plans/x.json", "--id", "x", "--title", "T", "--organisation", "O", "--inspection-date", "2019-01", "--rating", " "], "--rating"),
            (["new", "plans/x.json", "--id", "x", "--title", "T", "--organisation", "O", "--inspection-date", "2019-01", "--inspectorate", ""], "--inspectorate"),
            (["import", "a.csv", "--out", "plans/x.json", "--organisation", "O", "--inspection-date", "2019-01", "--title", ""], "--title"),
            (["import", "a.csv", "--out", "plans/x.json", "--organisation", "O", "--inspection-date", "2019-01", "--by", " "], "--by"),
            (["import", "a.csv", "--out", "plans/x.json", "--organisation", "O", "--inspection-date", "2019-01", "--rating", "\n"], "--rating"),
        ] {
            let result = try sandbox.run(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains("for \(option): it is blank"))
            #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("plans/x.json").path))
        }
    }

    @Test func aBlankImproveUserFallsBackToTheLoginName() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let result = try sandbox.run(["update", "lm7", "--comment", "Booked", "--plan", plan],
                                     environment: ["IMPROVE_USER": "  ", "USER": "login"])
        #expect(result.status == 0)
        let loaded = try PlanLoader.load(file: sandbox.folder.appendingPathComponent(plan).path, relativeTo: testFolder, today: testToday).plan
        #expect(loaded.action(id: "LM 7")?.history.last?.by == "login")
    }

    @Test func theStoreRefusesWhatTheReaderWouldRefuseAndWritesNothing() throws {
        let sandbox = try Sandbox()
        let plan = sandbox.folder.appendingPathComponent(try sandbox.copyExample("blackpool-2019.json")).path
        let before = try Data(contentsOf: URL(fileURLWithPath: plan))
        for breakIt in [
            { (plan: inout Plan) in plan.actions[3].history.append(StatusChange(date: CalendarDate(iso: "2019-04-01")!, comment: " ")) },
            { (plan: inout Plan) in plan.actions[0].text = "" },
            { (plan: inout Plan) in plan.title = "\n" },
            { (plan: inout Plan) in plan.themes[0].lead = "" },
        ] {
            #expect(throws: PlanWriteError.self) {
                try PlanStore(today: testToday, workingFolder: testFolder).update(file: plan) { plan in
                    breakIt(&plan)
                    return RecordedChange(result: (), description: "break it")
                }
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: plan)) == before)
        }
        #expect(throws: PlanWriteError.self) {
            var empty = try PlanLoader.load(file: plan, relativeTo: testFolder, today: testToday).plan
            empty.organisation = " "
            try PlanStore(today: testToday, workingFolder: testFolder).create(empty, at: sandbox.folder.appendingPathComponent("plans/new.json").path)
        }
    }
}

/// The undo journal says what happened, whatever fails or is killed.
@Suite("An honest undo journal")
struct JournalHonestyTests {
    @Test func aJournalThatCannotBeWrittenLeavesThePlanAsItWas() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let file = sandbox.folder.appendingPathComponent(plan)
        let before = try Data(contentsOf: file)
        try FileManager.default.createDirectory(at: sandbox.folder.appendingPathComponent("plans/.blackpool-2019.json.undo"),
                                                withIntermediateDirectories: true)
        let result = try sandbox.run(["update", "lm7", "--comment", "x", "--plan", plan])
        #expect(result.status == 73)
        #expect(result.stderr == "improve: plans/.blackpool-2019.json.undo is not a regular file; nothing was changed (remove it, and run the command again)\n")
        #expect(try Data(contentsOf: file) == before)
    }

    @Test("A record that never landed is not listed, even with later changes recorded after it")
    func aRecordThatNeverLandedIsNotListedWhereverItLies() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let path = PlanFile(sandbox.folder.appendingPathComponent(plan).path, relativeTo: testFolder).realPath
        #expect(try sandbox.run(["update", "lm7", "--comment", "first", "--plan", plan]).status == 0)
        // A crash after the record was synced and before the plan was replaced …
        let current = try PlanLoader.load(file: path, relativeTo: testFolder, today: testToday).plan
        var never = current
        never.actions[0].text = "never written"
        _ = try UndoJournal.append(JournalRecord(recorded: "2019-05-01T00:00:00Z", description: "never landed",
                                                 changes: UndoJournal.changes(from: current, to: never)), for: path)
        // … then changes that did land, one of them to the same action.
        #expect(try sandbox.run(["update", "lm8", "--comment", "second", "--plan", plan]).status == 0)
        #expect(try sandbox.run(["edit", current.actions[0].id, "--text", "Edited for real", "--plan", plan]).status == 0)
        let listed = try sandbox.run(["undo", "--list", "--plan", plan])
        #expect(!listed.stdout.contains("never landed"), "\(listed.stdout)")
        #expect(try PlanStore(today: testToday, workingFolder: testFolder).recordedChanges(file: path).count == 3)
        // Undone one by one, the plan comes back to what it was, and the record that never landed is never undone.
        for _ in 0..<3 { #expect(try sandbox.run(["undo", "--plan", plan]).status == 0) }
        let after = try PlanLoader.load(file: path, relativeTo: testFolder, today: testToday).plan
        #expect(after.actions[0].text == current.actions[0].text)
        #expect(try sandbox.run(["undo", "--plan", plan]).status == 1)
    }

    @Test func aRecordWhoseChangeNeverLandedIsDroppedNotUndone() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let path = PlanFile(sandbox.folder.appendingPathComponent(plan).path, relativeTo: testFolder).realPath
        #expect(try sandbox.run(["update", "lm7", "--comment", "landed", "--plan", plan]).status == 0)
        let landed = try Data(contentsOf: URL(fileURLWithPath: path))
        let latest = try #require(try PlanStore(today: testToday, workingFolder: testFolder).latestChange(file: path))
        // A crash after the record was synced and before the plan was replaced.
        let current = try PlanLoader.load(file: path, relativeTo: testFolder, today: testToday).plan
        var never = current
        never.actions[0].text = "never written"
        _ = try UndoJournal.append(JournalRecord(recorded: "2019-05-01T00:00:00Z", description: "never landed",
                                                 changes: UndoJournal.changes(from: current, to: never)), for: path)
        #expect(try PlanStore(today: testToday, workingFolder: testFolder).latestChange(file: path)?.description == latest.description)
        let undo = try sandbox.run(["undo", "--plan", plan])
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(!undo.stdout.contains("never landed"))
        let after = try PlanLoader.load(file: path, relativeTo: testFolder, today: testToday).plan
        #expect(after.action(id: "LM 7")?.history.contains { $0.comment == "landed" } == false)
        #expect(after.actions[0].text == current.actions[0].text)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) != landed)
    }

    @Test func theJournalIsAsPrivateAsThePlan() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let path = sandbox.folder.appendingPathComponent(plan).path
        chmod(path, 0o600)
        #expect(try sandbox.run(["update", "lm7", "--comment", "private", "--plan", plan]).status == 0)
        for sidecar in [".blackpool-2019.json.undo", ".blackpool-2019.json.lock"] {
            var info = stat()
            #expect(stat(sandbox.folder.appendingPathComponent("plans/\(sidecar)").path, &info) == 0)
            #expect(info.st_mode & 0o777 == 0o600, "\(sidecar): \(String(info.st_mode & 0o777, radix: 8))")
        }
        #expect(try sandbox.run(["undo", "--plan", plan]).status == 0)
        var info = stat()
        #expect(stat(sandbox.folder.appendingPathComponent("plans/.blackpool-2019.json.undo").path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
    }
}

/// Two real Unix users in one group share a plans folder (needs root to switch users).
@Suite("A plans folder shared by a team")
struct SharedFolderTests {
    static let canSwitchUsers = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
        && getpwnam("daemon") != nil && getpwnam("bin") != nil && getgrnam("users") != nil && binaryIsReachableByOthers

    /// Whether other users can reach the built binary (every folder above it may be entered by anyone).
    static var binaryIsReachableByOthers: Bool {
        sequence(first: improveBinary.deletingLastPathComponent(), next: { $0.path == "/" ? nil : $0.deletingLastPathComponent() })
            .allSatisfy { folder in
                var info = stat()
                return stat(folder.path, &info) == 0 && info.st_mode & 0o001 != 0
            }
    }

    /// Runs the built binary as another user, in the group `users`.
    func run(as user: String, _ arguments: [String], in sandbox: Sandbox) throws -> CommandResult {
        try sandbox.runBinary(["--reuid=\(user)", "--regid=users", "--groups=users", "--reset-env",
                               improveBinary.path] + arguments, executable: "/usr/bin/setpriv",
                              environment: ["IMPROVE_USER": user])
    }

    @Test(.enabled(if: canSwitchUsers, "needs root, setpriv, the users daemon and bin, the group users, and a binary they can reach"))
    func twoUsersInOneGroupUpdateAndUndoEachOthersChanges() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let folder = sandbox.folder.appendingPathComponent("plans").path
        let users = getgrnam("users")!.pointee.gr_gid
        // The sandbox must be reachable by the two users; the plans folder is a setgid group folder.
        chmod(sandbox.folder.path, 0o755)
        chown(folder, 0, users)
        chmod(folder, 0o2775)
        chown(sandbox.folder.appendingPathComponent(plan).path, 0, users)
        chmod(sandbox.folder.appendingPathComponent(plan).path, 0o664)
        let first = try run(as: "daemon", ["update", "lm7", "--comment", "from daemon", "--plan", plan], in: sandbox)
        #expect(first.status == 0, "\(first.stderr)")
        let second = try run(as: "bin", ["update", "lm8", "--comment", "from bin", "--plan", plan], in: sandbox)
        #expect(second.status == 0, "\(second.stderr)")
        // Undoing another account's change is refused until confirmed, and changes nothing.
        let before = try Data(contentsOf: sandbox.folder.appendingPathComponent(plan))
        let refused = try run(as: "daemon", ["undo", "--plan", plan], in: sandbox)
        #expect(refused.status == 64, "\(refused.stderr)")
        #expect(refused.stderr.contains("was recorded by bin, not you"), "\(refused.stderr)")
        #expect(refused.stderr.contains("undo it anyway with --yes"))
        #expect(try Data(contentsOf: sandbox.folder.appendingPathComponent(plan)) == before)
        let list = try run(as: "daemon", ["undo", "--list", "--plan", plan], in: sandbox)
        #expect(list.stdout.split(separator: "\n").first?.hasSuffix("(account bin)") == true, "\(list.stdout)")
        let undo = try run(as: "daemon", ["undo", "--yes", "--plan", plan], in: sandbox)
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(undo.stdout.contains("lm8") || undo.stdout.contains("LM 8"), "\(undo.stdout)")
        let again = try run(as: "bin", ["undo", "--yes", "--plan", plan], in: sandbox)
        #expect(again.status == 0, "\(again.stderr)")
        let loaded = try PlanLoader.load(file: sandbox.folder.appendingPathComponent(plan).path, relativeTo: testFolder, today: testToday).plan
        #expect(!loaded.actions.contains { $0.history.contains { $0.comment?.hasPrefix("from ") == true } })
        for name in ["blackpool-2019.json", ".blackpool-2019.json.lock", ".blackpool-2019.json.undo"] {
            var info = stat()
            #expect(stat("\(folder)/\(name)", &info) == 0, "\(name)")
            #expect(info.st_gid == users, "\(name) is in group \(info.st_gid)")
            #expect(info.st_mode & 0o060 == 0o060, "\(name) is not group read-write: \(String(info.st_mode & 0o777, radix: 8))")
            #expect(info.st_mode & 0o007 == 0o004 || name == "blackpool-2019.json" || info.st_mode & 0o007 == 0,
                    "\(name): \(String(info.st_mode & 0o777, radix: 8))")
        }
    }
}

/// Only regular files are plans; one bad file does not hide the others.
@Suite("Odd files in the plans folder")
struct OddFileTests {
    func sandboxWithBothPlans() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        try sandbox.copyExample("portsmouth-2014.json")
        return sandbox
    }

    @Test func aFIFOIsReportedAndNeverOpened() throws {
        let sandbox = try sandboxWithBothPlans()
        let fifo = sandbox.folder.appendingPathComponent("plans/stuck.json").path
        #expect(mkfifo(fifo, 0o644) == 0)
        for command in [["validate"], ["list"], ["overdue", "--as-of", "2019-06-01"], ["summary"]] {
            let result = try sandbox.runBinary(command, timeout: 20)
            #expect(result.status == 66, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("plans/stuck.json is a FIFO (named pipe), not a plan file"), "\(command)")
            if command == ["list"] { #expect(result.stdout.contains("LM 7") && result.stdout.contains("10.7")) }
            if command == ["validate"] { #expect(result.stdout.contains("2 plan files checked")) }
        }
    }

    @Test func aDeviceAFolderAndAHugeFileAreRefusedWithoutReadingThem() throws {
        let sandbox = try sandboxWithBothPlans()
        let plans = sandbox.folder.appendingPathComponent("plans")
        #expect(symlink("/dev/zero", plans.appendingPathComponent("zero.json").path) == 0)
        try FileManager.default.createDirectory(at: plans.appendingPathComponent("folder.json"), withIntermediateDirectories: true)
        // A sparse file: its size says 3 GiB, but it takes no room.
        let huge = plans.appendingPathComponent("huge.json").path
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        #expect(truncate(huge, 3 << 30) == 0)
        let result = try sandbox.runBinary(["validate"], timeout: 20)
        #expect(result.status == 66, "\(result.stderr)")
        #expect(result.stderr.contains("plans/zero.json is a device, not a plan file"))
        #expect(result.stderr.contains("plans/folder.json is a folder, not a plan file"))
        #expect(result.stderr.contains("plans/huge.json is 3072 MiB, more than the 2 GiB a plan file may be"))
        #expect(result.stdout.contains("2 plan files checked"))
    }

    @Test func anInvalidPlanIsReportedAfterTheOthersAreUsed() throws {
        let sandbox = try sandboxWithBothPlans()
        try sandbox.write("plans/broken.json", "{\"formatVersion\": 1}")
        let list = try sandbox.run(["list", "--status", "amber", "--as-of", "2015-04-23"])
        #expect(list.status == 65)
        #expect(list.stdout.contains("10.7"))
        #expect(list.stderr.contains("plans/broken.json has"))
        let overdue = try sandbox.run(["overdue", "--as-of", "2015-04-23"])
        #expect(overdue.status == 65, "the broken plan outranks the findings")
        #expect(overdue.stdout.contains("overdue"))
        // A command that changes a plan still refuses while any plan is broken.
        let update = try sandbox.run(["update", "lm7", "--comment", "x"])
        #expect(update.status == 65)
        // With no plan usable, nothing is printed but the error.
        let only = try sandbox.run(["list", "--plan", "plans/broken.json"])
        #expect(only.status == 65)
        #expect(only.stdout == "")
    }
}

/// Dates are read in one range everywhere, and arithmetic on them never traps.
@Suite("Dates that make sense")
struct DateRangeTests {
    static let commands: [[String]] = [
        ["list"], ["show", "lm7"], ["validate"], ["overdue"], ["summary"], ["report"], ["report", "--format", "html"],
        ["export", "csv"], ["export", "ics"], ["__ids"],
    ]

    @Test(arguments: ["1990-01-01", "1990-01-31", "2100-12-01", "2100-12-31"])
    func everyCommandWorksAtTheEndsOfTheRange(day: String) throws {
        let sandbox = try sandboxWithExamples()
        for command in Self.commands {
            let result = try sandbox.run(command + ["--as-of", day], environment: ["IMPROVE_TODAY": fixedToday])
            #expect([0, 1].contains(result.status), "\(command) --as-of \(day): \(result.stderr)")
        }
    }

    @Test(arguments: ["0001-01-01", "1989-12-31", "2101-01-01", "9999-12-31"])
    func daysOutsideTheRangeAreRefusedNamingIt(day: String) throws {
        let sandbox = try sandboxWithExamples()
        for command in Self.commands + [["update", "lm7", "--comment", "x", "--date"]] {
            let asOf = command.last == "--date" ? command + [day] : command + ["--as-of", day]
            let result = try sandbox.run(asOf, environment: ["IMPROVE_TODAY": fixedToday])
            #expect(result.status == 64, "\(asOf): \(result.stderr)")
            #expect(result.stderr.contains("is outside the years improve accepts (1990–2100)"), "\(asOf)")
        }
    }

    @Test(arguments: ["+2019-01-01", "2019-01-01Z", "2019-1-1", "19-01-01", " 2019-01-01"])
    func textInNoDateFormIsNotADay(text: String) throws {
        let result = try sandboxWithExamples().run(["list", "--as-of", text])
        #expect(result.status == 64)
        #expect(result.stderr.contains("not a date; write a day (2019-07-31, 31/07/2019"), "\(text): \(result.stderr)")
    }

    @Test func aPlanWithFutureOrImplausibleDatesIsRefused() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let file = sandbox.folder.appendingPathComponent(plan)
        let text = try String(contentsOf: file, encoding: .utf8)
        for (old, new, message) in [
            ("\"deadline\": \"2019-12\"", "\"deadline\": \"9999-12\"", "outside the years improve accepts"),
            ("\"date\": \"2018-10\"", "\"date\": \"1066-10\"", "outside the years improve accepts"),
        ] {
            #expect(text.contains(old))
            try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
            let result = try sandbox.run(["validate", "--plan", plan])
            #expect(result.status == 1, "\(new)")
            #expect(result.stdout.contains(message), "\(new): \(result.stdout)")
        }
        // A history entry dated after the latest day it is anywhere (tomorrow can be today elsewhere).
        var loaded = try PlanLoader.load(file: examplePlanPath("blackpool-2019.json"), relativeTo: testFolder, today: testToday).plan
        let today = Today(date: CalendarDate(iso: fixedToday)!, moment: ISO8601DateFormatter().date(from: fixedToday + "T12:00:00Z")!)
        loaded.actions[0].history.append(StatusChange(date: today.date.adding(days: 3), comment: "too soon"))
        let problems = PlanLoader.check(bytes: JSONWriterBytes(loaded), file: "p.json", today: today).problems
        #expect(problems.contains { $0.message.contains("is in the future") })
    }

    @Test func arithmeticStaysInTheCalendar() {
        let last = CalendarDate(year: 9999, month: 12, day: 31)!
        let first = CalendarDate(year: 1, month: 1, day: 1)!
        #expect(last.adding(days: 400) == last)
        #expect(first.adding(days: -400) == first)
        #expect(last.addingMonths(3) == CalendarDate(year: 9999, month: 12, day: 31))
        #expect(first.addingMonths(-3) == first)
        #expect(CalendarDate(year: 2019, month: 1, day: 31)!.addingMonths(1) == CalendarDate(year: 2019, month: 2, day: 28))
    }
}

/// The Blackpool example as a plan's bytes.
func examplePlanPath(_ name: String) -> String { repositoryRoot.appendingPathComponent("plans/\(name)").path }

func JSONWriterBytes(_ plan: Plan) -> [UInt8] { JSONWriter.bytes(from: plan.jsonValue()) }

/// Plan text never acts on the terminal it is shown on.
@Suite("One terminal boundary")
struct TerminalBoundaryTests {
    /// Window title, screen clearing, a planted link, a CSI as a C1 control, a right-to-left override.
    static let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{1B}]8;;http://x.test/\u{1B}\\link\u{9B}31m\u{202E}drow\u{0}"

    func hostilePlan() throws -> Plan {
        let h = Self.hostile
        var plan = try PlanLoader.load(file: examplePlanPath("blackpool-2019.json"), relativeTo: testFolder, today: testToday).plan
        // Not the plan id: an id may not hold control characters at all (IdentifierValidationTests).
        plan.id = "evil"
        plan.title += h
        plan.organisation += h
        plan.source = (plan.source ?? "") + h
        plan.declaredScheme = RAGScheme(levels: RAGScheme.default.levels.map {
            RAGLevel(code: $0.code, label: $0.label + h, meaning: $0.meaning + h, colour: $0.colour,
                     isComplete: $0.isComplete, isNotYetDue: $0.isNotYetDue)
        })
        for index in plan.themes.indices {
            plan.themes[index].title += h
            plan.themes[index].lead = (plan.themes[index].lead ?? "") + h
        }
        for index in plan.recommendations.indices {
            plan.recommendations[index].text += h
        }
        for index in plan.actions.indices {
            plan.actions[index].text += h
            plan.actions[index].leads = plan.actions[index].leads.map { $0 + h } + ["YOT Manager"]
            plan.actions[index].subPoints = plan.actions[index].subPoints.map { $0 + h }
            plan.actions[index].successMeasure = (plan.actions[index].successMeasure ?? "") + h
            for m in plan.actions[index].milestones.indices { plan.actions[index].milestones[m].title += h }
            plan.actions[index].history.append(StatusChange(date: CalendarDate(iso: "2019-04-01")!, status: "AMBER", by: "by\(h)",
                                                            comment: "comment\(h)"))
        }
        return plan
    }

    func expectClean(_ result: CommandResult, _ what: String) {
        for (name, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
            let bad = text.unicodeScalars.filter { TerminalText.isUnsafe($0) && $0 != "\u{F8F0}" }
            #expect(bad.isEmpty, "\(what): \(name) holds \(bad.map { String($0.value, radix: 16) })")
        }
    }

    @Test func noTextOutputLetsPlanTextActOnTheTerminal() throws {
        let sandbox = try Sandbox()
        try sandbox.write("plans/evil.json", String(decoding: JSONWriter.bytes(from: try hostilePlan().jsonValue()), as: UTF8.self))
        let asOf = ["--as-of", "2019-06-01"]
        for command in [["list"], ["list", "--lead", "yot"], ["show", "lm7"], ["show", "hmip8"], ["show", "NOPE"], ["validate"],
                        ["overdue"], ["overdue", "--group", "theme", "--within", "30d"], ["summary"], ["summary", "--group", "rec"],
                        ["report"], ["report", "--format", "markdown"]] {
            let result = try sandbox.run(command + asOf)
            #expect(result.status == (command == ["show", "NOPE"] ? 64 : result.status == 1 ? 1 : 0), "\(command): \(result.stderr)")
            expectClean(result, command.joined(separator: " "))
        }
        // The one-line answers of changes, and undo's.
        for command in [["update", "lm7", "--comment", "progress\u{1B}[2J"], ["reassign", "--from", "YOT Manager", "--to", "New", "--yes"],
                        ["undo"], ["add", "action", "--id", "LM 99", "--theme", "LM", "--text", "t", "--lead", "x"]] {
            let result = try sandbox.run(command)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            expectClean(result, command[0])
        }
        // validate quotes what is wrong: a status code that is not in the scheme.
        var broken = try hostilePlan()
        broken.actions[0].history.append(StatusChange(date: CalendarDate(iso: "2019-05-01")!, status: "RED\(Self.hostile)"))
        try sandbox.write("plans/evil.json", String(decoding: JSONWriter.bytes(from: broken.jsonValue()), as: UTF8.self))
        let validate = try sandbox.run(["validate"])
        #expect(validate.status == 1)
        expectClean(validate, "validate with errors")
        let list = try sandbox.run(["list"])
        #expect(list.status == 65)
        expectClean(list, "list refusing the plan")
    }

    @Test func coloursStillReachTheTerminalAndDocumentsKeepTheirText() throws {
        var style = TextStyle(usesColour: true).coloured("AMBER", .amber)
        #expect(TerminalText.clean(style) == "\u{1B}[33mAMBER\u{1B}[0m")
        style = TextStyle(usesColour: true).bold("Title")
        #expect(TerminalText.clean(style) == "\u{1B}[1mTitle\u{1B}[0m")
        // Only improve's own styles become escapes: a forged mark does not.
        #expect(TerminalText.clean("\u{F8F0}2J\u{F8F1}x") == "x")
        #expect(TerminalText.clean("tab\tand\nnewline stay; é and – too") == "tab\tand\nnewline stay; é and – too")
        // Escape sequences go whole, parameters and all, and never past the end of their line.
        #expect(TerminalText.clean("Evil \u{1B}]0;pwned title\u{07} \u{1B}[2Jclear \u{1B}]8;;http://x\u{1B}\\link") == "Evil  clear link")
        #expect(TerminalText.clean("a\u{9B}31mb\u{1B}(Bc\u{1B}]unterminated\nnext line") == "abc\nnext line")
        #expect(TerminalText.clean("end\u{1B}") == "end")
        #expect(TerminalText.clean("\u{1B}[") == "")
        // Table cells, made plain before the boundary, lose sequences whole too.
        #expect(TextTable.plain("a\u{1B}[31mRED\u{1B}[0m b\u{1B}]0;PWNED\u{07}c\td") == "aRED bc d")
        let sandbox = try Sandbox()
        try sandbox.write("plans/evil.json", String(decoding: JSONWriter.bytes(from: try hostilePlan().jsonValue()), as: UTF8.self))
        let json = try sandbox.run(["list", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr.prefix(600))")
        #expect(json.stdout.contains("\\u001B]0;pwned"), "JSON escapes control characters itself")
        #expect(json.stdout.contains("\u{202E}"), "JSON keeps the text as it is")
    }
}

/// A typing mistake is never taken for an empty answer or a broken disk.
@Suite("Mistakes said as mistakes")
struct MistakeTests {
    @Test(arguments: [
        (["list", "--theme", "NOPE"], "no theme \"NOPE\" in the plans loaded"),
        (["list", "--rec", "HMIP 99"], "no recommendation \"HMIP 99\" in the plans loaded; did you mean \"HMIP 9\"?"),
        (["list", "--lead", "nobody"], "no action of the plans loaded has a lead containing \"nobody\""),
        (["new", "plans/x.json", "--id", "a:b", "--title", "T", "--organisation", "O", "--inspection-date", "2019-01"],
         "invalid value 'a:b' for --id: a plan id may not contain ':'"),
    ])
    func unknownFiltersAndBadIdsAreUsageErrors(arguments: [String], message: String) throws {
        let result = try sandboxWithExamples().run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func aFilterThatMatchesSomethingStillWorks() throws {
        let result = try sandboxWithExamples().run(["list", "--theme", "lm ", "--lead", "board"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("LM 2"))
    }

    @Test func aMissingFolderForANewPlanIsSaidAsSuch() throws {
        let sandbox = try sandboxWithExamples()
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Tests/improveTests/Fixtures/portsmouth-objectives.csv"),
                                         to: sandbox.folder.appendingPathComponent("objectives.csv"))
        let result = try sandbox.run(["import", "objectives.csv", "--out", "nowhere/x.json", "--id", "x", "--organisation", "O",
                                      "--inspection-date", "2014-01"])
        #expect(result.status == 73, "\(result.stderr)")
        #expect(result.stderr.contains("its folder does not exist; create it first (nothing was written)"))
        let new = try sandbox.run(["new", "nowhere/y.json", "--id", "y", "--title", "T", "--organisation", "O", "--inspection-date", "2020-01"])
        #expect(new.status == 73, "\(new.stderr)")
        #expect(new.stderr == "improve: cannot write nowhere/y.json: its folder does not exist; create it first (nothing was written)\n")
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("nowhere").path))
        // Said before the input is read (a large workbook takes a while): even an unreadable input gets this answer first.
        let early = try sandbox.run(["import", "not-there.xlsx", "--out", "nowhere/z.json", "--id", "z", "--organisation", "O",
                                     "--inspection-date", "2014-01"])
        #expect(early.status == 73 && early.stderr.contains("its folder does not exist"), "\(early.stderr)")
        let exists = try sandbox.run(["import", "not-there.xlsx", "--out", "plans/blackpool-2019.json", "--id", "b2", "--organisation", "O",
                                      "--inspection-date", "2014-01"])
        #expect(exists.status == 73 && exists.stderr.contains("already exists"), "\(exists.stderr)")
    }
}

@Suite("A journal made world-readable before is made private")
struct OldJournalTests {
    @Test func anOldJournalTakesThePlansPermissionsAtTheNextUpdate() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let journal = sandbox.folder.appendingPathComponent("plans/.blackpool-2019.json.undo").path
        #expect(FileManager.default.createFile(atPath: journal, contents: Data()))
        chmod(journal, 0o644)
        chmod(sandbox.folder.appendingPathComponent(plan).path, 0o600)
        #expect(try sandbox.run(["update", "lm7", "--comment", "private now", "--plan", plan]).status == 0)
        var info = stat()
        #expect(stat(journal, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
    }
}
