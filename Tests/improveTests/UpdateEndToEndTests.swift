import Foundation
@testable import PlanJSON
import PlanKit
@testable import PlanStorage
import Testing
import TestSupport

@Suite("Updating plans from the terminal")
struct UpdateEndToEndTests {
    @Test func theYOTManagersUpdateAddsOnlyItsLinesAndShowsInTheHistory() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let before = try String(contentsOf: sandbox.folder.appendingPathComponent(plan), encoding: .utf8)
        let result = try sandbox.run(["update", "lm7", "--status", "amber", "--comment", "New service manager in post",
                                      "--by", "A Lead", "--date", "2019-04-02", "--plan", plan])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == "blackpool-2019  LM 7  none → AMBER  recorded 2019-04-02 by A Lead\n")
        let after = try String(contentsOf: sandbox.folder.appendingPathComponent(plan), encoding: .utf8)
        #expect(after.replacingOccurrences(of: """
                {
                  "date": "2019-04-02",
                  "status": "AMBER",
                  "by": "A Lead",
                  "comment": "New service manager in post"
                }

        """, with: "") == before)
        let show = try sandbox.run(["show", "lm7", "--plan", plan, "--as-of", "2019-04-30"])
        #expect(show.stdout.contains("Status:           AMBER (Ongoing) since 2019-04-02 by A Lead"))
        #expect(show.stdout.contains("  2019-04-02  none → AMBER  by A Lead\n    New service manager in post\n"))
    }

    @Test func showSaysWhatEachEntryChanged() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        for command in [["update", "LM 14", "--due", "2019-09", "--reason", "Consultation with young people extended", "--date", "2019-04-01"],
                        ["update", "lm8", "--milestone", "1", "--done", "2019-04-02", "--date", "2019-04-02"],
                        ["update", "lm8", "--status", "amber", "--comment", "Audit under way", "--date", "2019-04-03"],
                        ["update", "lm8", "--status", "red", "--comment", "Stalled", "--date", "2019-04-04"],
                        ["update", "lm8", "--milestone", "1", "--reopen", "--date", "2019-04-05"],
                        ["reassign", "--from", "YJB", "--to", "YJB Regional", "--date", "2019-04-06"]] {
            let result = try sandbox.run(command + ["--plan", plan, "--by", "Jo"])
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        let lm14 = try sandbox.run(["show", "lm14", "--plan", plan, "--as-of", "2019-04-30"], environment: ["COLUMNS": "200"]).stdout
        #expect(lm14.contains("2019-04-01  deadline Jun 2019 → Sep 2019 (Consultation with young people extended)  by Jo"))
        let lm8 = try sandbox.run(["show", "lm8", "--plan", plan, "--as-of", "2019-04-30"], environment: ["COLUMNS": "200"]).stdout
        #expect(lm8.contains("2019-04-02  milestone \"Skills audit complete\" done on 2019-04-02  by Jo"))
        #expect(lm8.contains("2019-04-03  none → AMBER  by Jo"))
        #expect(lm8.contains("2019-04-04  AMBER → RED  by Jo"))
        #expect(lm8.contains("2019-04-05  milestone \"Skills audit complete\" reopened  by Jo"))
        #expect(lm8.contains("2019-04-06  lead YJB → YJB Regional  by Jo"))
    }

    @Test func whoRecordedComesFromByThenImproveUserThenTheLogin() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let fromEnvironment = try sandbox.run(["update", "LM 5", "--comment", "Booked", "--plan", plan],
                                              environment: ["IMPROVE_USER": "Env Person", "USER": "login"])
        #expect(fromEnvironment.stdout.hasSuffix("by Env Person\n"))
        let fromLogin = try sandbox.run(["update", "LM 5", "--comment", "Booked", "--plan", plan], environment: ["USER": "login"])
        #expect(fromLogin.stdout.hasSuffix("by login\n"))
    }

    @Test func updateAnswersInJSON() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let result = try sandbox.run(["update", "LM 14", "--due", "2019-09", "--reason", "Consultation extended",
                                      "--date", "2019-05-01", "--by", "A Lead", "--format", "json", "--plan", plan])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let action = try #require(object["action"] as? [String: Any])
        #expect(action["deadline"] as? String == "2019-09")
        let history = try #require(action["history"] as? [[String: Any]])
        #expect((history.first?["deadline"] as? [String: String]) == ["from": "2019-06", "to": "2019-09", "reason": "Consultation extended"])
    }

    @Test(arguments: [
        (["update", "lm7", "--status", "green", "--comment", "Done"], 64, "open milestones"),
        (["update", "lm5", "--status", "green"], 64, "needs --comment"),
        (["update", "lm7", "--due", "2020-01"], 64, "--due needs --reason"),
        (["update", "lm7", "--due", "2019-02-30", "--reason", "x"], 64, "invalid value '2019-02-30' for --due"),
        (["update", "lm7", "--comment", "x", "--date", "2099-01-01"], 64, "is in the future"),
        (["update", "lm7"], 64, "nothing to record"),
        (["update", "lm71", "--comment", "x"], 64, "did you mean LM 7 or LM 17?"),
        (["update", "hmip8", "--comment", "x"], 64, "is a recommendation"),
        (["update", "lm7", "--due", "2019-06", "--reason", "x"], 65, "after the action's deadline Jun 2019"),
    ])
    func refusedUpdatesExplainAndChangeNothing(arguments: [String], status: Int32, message: String) throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let url = sandbox.folder.appendingPathComponent(plan)
        let before = try Data(contentsOf: url)
        let result = try sandbox.run(arguments + ["--plan", plan])
        #expect(result.status == status)
        #expect(result.stdout == "")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try Data(contentsOf: url) == before)
    }

    @Test func aReadOnlyPlanExits73AndStaysAsItWas() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let url = sandbox.folder.appendingPathComponent(plan)
        chmod(url.path, 0o444)
        let before = try Data(contentsOf: url)
        let result = try sandbox.runBinary(["update", "lm7", "--comment", "x", "--plan", plan])
        #expect(result.status == 73)
        #expect(result.stderr == "improve: \(plan): the plan file is read-only; nothing was changed (make it writable to record updates)\n")
        #expect(try Data(contentsOf: url) == before)
    }

    @Test func aLockHeldElsewhereExits75AfterTheTimeout() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let lockPath = sandbox.folder.appendingPathComponent("plans/.blackpool-2019.json.lock").path
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(flock(fd, LOCK_EX) == 0)
        defer { close(fd) }
        let result = try sandbox.runBinary(["update", "lm7", "--comment", "x", "--plan", plan], environment: ["IMPROVE_LOCK_TIMEOUT": "0.3"])
        #expect(result.status == 75)
        #expect(result.stderr == "improve: \(plan) is locked by another update (waited 0.3 s); try again in a moment\n")
    }

    /// Whether a process other than this one opens `path` within `seconds` (read from /proc).
    static func waitForAnotherProcess(opening path: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds), me = String(getpid())
        while Date() < deadline {
            for pid in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where pid != me && pid.allSatisfy(\.isNumber) {
                for fd in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? [] {
                    if (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)")) == path { return true }
                }
            }
            usleep(20_000)
        }
        return false
    }

    /// A change waits for the plan's lock; a file replaced meanwhile by another plan (a sync client, a
    /// checkout) is not changed in the other plan's name, whether the id named its plan or not.
    @Test(arguments: ["blackpool-2019:lm7", "lm7"])
    func aPlanReplacedWhileTheChangeWaitedIsNotChanged(typed: String) throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        try sandbox.copyExample("portsmouth-2014.json")
        let url = sandbox.folder.appendingPathComponent(plan)
        let other = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\"id\": \"blackpool-2019\"", with: "\"id\": \"zzz\"")
        let lockPath = sandbox.folder.appendingPathComponent("plans/.blackpool-2019.json.lock").path
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(flock(fd, LOCK_EX) == 0)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: CommandResult?
        DispatchQueue.global().async {
            result = try? sandbox.runBinary(["update", typed, "--comment", "Meant for Blackpool", "--date", "2019-04-01"],
                                            environment: ["IMPROVE_LOCK_TIMEOUT": "10"])
            done.signal()
        }
        // The command has found the file and waits for its lock once another process has the lock file open.
        #expect(Self.waitForAnotherProcess(opening: lockPath, seconds: 30), "the command never reached the lock")
        let swap = sandbox.folder.appendingPathComponent("plans/.swap").path
        try other.write(toFile: swap, atomically: false, encoding: .utf8)
        #expect(rename(swap, url.path) == 0)
        flock(fd, LOCK_UN)
        close(fd)
        done.wait()
        let outcome = try #require(result)
        #expect(outcome.status == 64, "\(outcome.stdout) \(outcome.stderr)")
        #expect(outcome.stderr.contains("held plan blackpool-2019 when \(typed) was looked up, and now holds plan zzz"), "\(outcome.stderr)")
        #expect(try String(contentsOf: url, encoding: .utf8) == other, "nothing written to the other plan")
    }

    @Test func reassignAndUndoFromTheTerminal() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let url = sandbox.folder.appendingPathComponent(plan)
        let before = try Data(contentsOf: url)
        let reassign = try sandbox.run(["reassign", "--from", "board chair", "--to", "New Chair", "--by", "Sec",
                                        "--date", "2019-05-01", "--plan", plan])
        #expect(reassign.status == 0)
        #expect(reassign.stdout == """
        blackpool-2019  LM 1  lead Board Chair → New Chair  recorded 2019-05-01 by Sec
        blackpool-2019  LM 2  lead Board Chair → New Chair  recorded 2019-05-01 by Sec
        blackpool-2019  3.8  lead Board Chair → New Chair  recorded 2019-05-01 by Sec

        """)
        let list = try sandbox.run(["list", "--lead", "new chair", "--plan", plan], environment: ["IMPROVE_TODAY": fixedToday])
        #expect(list.stdout.hasSuffix("3 actions, 3 overdue as of \(fixedToday)\n"))
        let undo = try sandbox.run(["undo", "--plan", plan])
        #expect(undo.status == 0)
        #expect(undo.stdout == "undid: blackpool-2019  reassigned 3 actions from board chair to New Chair\n")
        #expect(try Data(contentsOf: url) == before)
        let missing = try sandbox.run(["undo", "--plan", "plans/no-such-plan.json"])
        #expect(missing.status == 66, "\(missing.stderr)")
        #expect(missing.stderr.contains("no plan file at plans/no-such-plan.json"))
        let nothing = try sandbox.run(["undo", "--plan", plan])
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("nothing to undo"))
        let nobody = try sandbox.run(["reassign", "--from", "Nobody", "--to", "X", "--plan", plan])
        #expect(nobody.status == 64)
    }

    @Test func aReassignmentAcrossPlansIsAskedAboutAndUndoneInOneStep() throws {
        let sandbox = try Sandbox()
        let blackpool = try sandbox.copyExample("blackpool-2019.json")
        let portsmouth = try sandbox.copyExample("portsmouth-2014.json")
        let before = try [blackpool, portsmouth].map { try Data(contentsOf: sandbox.folder.appendingPathComponent($0)) }
        let arguments = ["reassign", "--from", "YOT Manager", "--to", "Sam Smith", "--date", "2019-05-01", "--by", "Sec"]
        // Without a terminal: refused, nothing written.
        let refused = try sandbox.run(arguments)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("check them with --dry-run, then add --yes"))
        // At a terminal, the person is asked; "no" writes nothing.
        let declined = sandbox.run(arguments, answering: false)
        #expect(declined.status == 64)
        #expect(declined.asked.count == 1)
        #expect(declined.asked[0].hasPrefix("This would change the lead of "))
        #expect(declined.asked[0].contains("blackpool-2019 ("))
        #expect(declined.asked[0].contains("portsmouth-2014 ("))
        #expect(declined.stderr == "improve: nothing was changed\n")
        #expect(try [blackpool, portsmouth].map { try Data(contentsOf: sandbox.folder.appendingPathComponent($0)) } == before)
        let accepted = sandbox.run(arguments, answering: true)
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout.contains("blackpool-2019  ") && accepted.stdout.contains("portsmouth-2014  "))
        // One undo reverses it in both plans.
        let preview = try sandbox.run(["undo", "--dry-run"])
        #expect(preview.stdout.components(separatedBy: "would undo: ").count == 3, "\(preview.stdout)")
        let undo = try sandbox.run(["undo"])
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(undo.stdout.components(separatedBy: "undid: ").count == 3, "\(undo.stdout)")
        #expect(try [blackpool, portsmouth].map { try Data(contentsOf: sandbox.folder.appendingPathComponent($0)) } == before)
    }

    @Test func aPlanNamedTwiceIsOnePlanAndAGroupIsAskedAboutOnce() throws {
        let sandbox = try Sandbox()
        let blackpool = try sandbox.copyExample("blackpool-2019.json")
        let portsmouth = try sandbox.copyExample("portsmouth-2014.json")
        _ = try sandbox.run(["update", "lm7", "--comment", "Earlier note", "--plan", blackpool], environment: ["IMPROVE_USER": "sam"])
        let reassign = try sandbox.run(["reassign", "--from", "YOT Manager", "--to", "Sam Smith", "--yes"], environment: ["IMPROVE_USER": "sam"])
        #expect(reassign.status == 0)
        let declined = sandbox.run(["undo"], answering: false, environment: ["IMPROVE_USER": "jo"])
        #expect(declined.asked.count == 1, "one question for the whole change")
        #expect(declined.asked.first?.contains("to 2 plans, was recorded by sam") == true)
        let twice = try sandbox.run(["undo", "--plan", blackpool, "--plan", "./\(blackpool)", "--plan", portsmouth, "--yes"])
        #expect(twice.status == 0, "\(twice.stderr)")
        #expect(twice.stdout.components(separatedBy: "undid: ").count == 3, "the reassignment in both plans, not the earlier note: \(twice.stdout)")
        #expect(try sandbox.run(["show", "lm7", "--plan", blackpool]).stdout.contains("Earlier note"))
    }

    @Test func aReassignmentCanNameActionsOfOnePlan() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.copyExample("blackpool-2019.json")
        _ = try sandbox.copyExample("portsmouth-2014.json")
        let result = try sandbox.run(["reassign", "blackpool-2019:1.2", "--from", "YOT Manager", "--to", "Y", "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("would change: blackpool-2019  1.2  lead YOT Manager → Y\n1 action in 1 plan"))
    }

    /// A day ahead in one time zone is not the future in another: a plan changed
    /// in Kiribati is changed again from American Samoa, 25 hours behind.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/share/zoneinfo/Pacific/Kiritimati")))
    func aPlanWithHistoryAfterTodayIsChangedInAnotherTimeZone() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let ahead = try sandbox.runBinary(["update", "lm8", "--status", "amber", "--comment", "k", "--plan", plan],
                                          environment: ["TZ": "Pacific/Kiritimati"])
        #expect(ahead.status == 0)
        let behind = try sandbox.runBinary(["update", "lm7", "--comment", "s", "--plan", plan], environment: ["TZ": "Pacific/Pago_Pago"])
        #expect(behind.status == 0, "\(behind.stderr)")
        #expect(behind.stdout.contains("LM 7  note"))
    }

    @Test func aJournalCutShortStillTakesTheNextRecord() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        _ = try sandbox.run(["update", "lm7", "--comment", "First", "--plan", plan])
        let journal = sandbox.folder.appendingPathComponent("plans/.blackpool-2019.json.undo")
        let data = try Data(contentsOf: journal)
        try data.prefix(data.count - 50).write(to: journal)
        _ = try sandbox.run(["update", "lm7", "--comment", "Second", "--plan", plan])
        let undo = try sandbox.run(["undo", "--plan", plan])
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(undo.stdout.contains("undid: blackpool-2019  LM 7  note"))
    }

    @Test func undoingSomeoneElsesChangeIsAskedAboutAtATerminal() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let url = sandbox.folder.appendingPathComponent(plan)
        let before = try Data(contentsOf: url)
        _ = try sandbox.run(["update", "lm7", "--comment", "Sam's note", "--plan", plan],
                            environment: ["IMPROVE_USER": "sam", "IMPROVE_TODAY": fixedToday])
        let declined = sandbox.run(["undo", "--plan", plan], answering: false, environment: ["IMPROVE_USER": "jo", "IMPROVE_TODAY": fixedToday])
        #expect(declined.status == 64)
        #expect(declined.asked == ["The latest change to \(plan) was recorded by sam: blackpool-2019  LM 7  note  recorded \(fixedToday) by sam\nUndo it?"])
        #expect(declined.stderr == "improve: nothing was undone\n")
        let accepted = sandbox.run(["undo", "--plan", plan], answering: true, environment: ["IMPROVE_USER": "jo"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(try Data(contentsOf: url) == before)
    }

    /// The question goes to a real terminal (a pseudo-terminal from `script`) and the answer comes from it.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func theQuestionIsAskedOnARealTerminal() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let url = sandbox.folder.appendingPathComponent(plan)
        let before = try Data(contentsOf: url)
        _ = try sandbox.runBinary(["update", "lm7", "--comment", "Sam's note", "--plan", plan], environment: ["IMPROVE_USER": "sam"])
        let command = "\(improveBinary.path) undo --plan \(plan)"
        let no = try sandbox.runBinary(["-c", "printf 'n\\n' | script -qec '\(command)' /dev/null"], executable: "/bin/sh",
                                       environment: ["IMPROVE_USER": "jo"], timeout: 20)
        #expect(no.stdout.contains("was recorded by sam"), "\(no.stdout)")
        #expect(no.stdout.contains("Undo it? [y/N]"))
        #expect(no.stdout.contains("improve: nothing was undone"))
        #expect(try Data(contentsOf: url) != before)
        let yes = try sandbox.runBinary(["-c", "printf 'y\\n' | script -qec '\(command)' /dev/null"], executable: "/bin/sh",
                                        environment: ["IMPROVE_USER": "jo"], timeout: 20)
        #expect(yes.stdout.contains("undid: blackpool-2019  LM 7  note"), "\(yes.stdout)")
        #expect(try Data(contentsOf: url) == before)
    }

    @Test func addAndNewValidateBeforeWriting() throws {
        let sandbox = try Sandbox()
        try FileManager.default.createDirectory(at: sandbox.folder.appendingPathComponent("plans"), withIntermediateDirectories: true)
        let created = try sandbox.run(["new", "plans/leeds-2020.json", "--id", "leeds-2020", "--title", "Leeds YOT Improvement Plan",
                                       "--organisation", "Leeds YOT", "--inspection-date", "2020-01", "--rating", "Requires improvement"])
        #expect(created.status == 0)
        #expect(created.stdout == "created plans/leeds-2020.json (leeds-2020)\n")
        let again = try sandbox.run(["new", "plans/leeds-2020.json", "--id", "x", "--title", "x", "--organisation", "x",
                                     "--inspection-date", "2020-01"])
        #expect(again.status == 73)
        let steps: [[String]] = [
            ["add", "theme", "--id", "LM", "--title", "Change led by the Board", "--lead", "Board Chair"],
            ["add", "recommendation", "--id", "HMIP 1", "--text", "Commission training", "--addressed-to", "YOT Manager"],
            ["add", "action", "--id", "LM 1", "--theme", "LM", "--text", "Skills audit", "--rec", "HMIP 1",
             "--lead", "YOT Manager", "--lead", "YJB", "--milestone", "Audit complete=2020-03", "--deadline", "2020-06"],
        ]
        for step in steps {
            let result = try sandbox.run(step)
            #expect(result.status == 0, "\(step): \(result.stderr)")
        }
        let badLink = try sandbox.run(["add", "action", "--id", "LM 2", "--theme", "XX", "--text", "t"])
        #expect(badLink.status == 65)
        #expect(badLink.stderr.contains("no theme \"XX\" in this plan"))
        let duplicate = try sandbox.run(["add", "action", "--id", "LM 1", "--theme", "LM", "--text", "t"])
        #expect(duplicate.status == 65)
        let validate = try sandbox.run(["validate"])
        #expect(validate.status == 0)
        #expect(validate.stdout.contains("plans/leeds-2020.json: ok (leeds-2020: 1 action, 1 recommendation)"))
        let show = try sandbox.run(["show", "lm1"])
        #expect(show.stdout.contains("Leads:            YOT Manager; YJB"))
        #expect(show.stdout.contains("  1. Audit complete – Mar 2020"))
    }

    @Test func concurrentUpdatesAreNeverLost() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let workers = 4, updates = 50
        var processes: [Process] = []
        for worker in 1...workers {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", """
                i=1
                while [ $i -le \(updates) ]; do
                  "$IMPROVE" update "LM $(( (i % 17) + 1 ))" --comment "worker \(worker) update $i" --by w\(worker) --plan \(plan) >/dev/null || exit 1
                  i=$((i + 1))
                done
                """]
            process.currentDirectoryURL = sandbox.folder
            process.environment = ["IMPROVE": improveBinary.path, "IMPROVE_LOCK_TIMEOUT": "60", "PATH": "/usr/bin:/bin"]
            try process.run()
            processes.append(process)
        }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let loaded = try PlanLoader.load(file: sandbox.folder.appendingPathComponent(plan).path, relativeTo: testFolder, today: testToday).plan
        let comments = Set(loaded.actions.flatMap { $0.history.compactMap(\.comment) })
        #expect(comments.count == workers * updates)
        for worker in 1...workers {
            for update in 1...updates { #expect(comments.contains("worker \(worker) update \(update)")) }
        }
    }

    @Test func aWriterKilledAtAnyMomentLeavesAValidPlan() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("portsmouth-2014.json")
        let path = sandbox.folder.appendingPathComponent(plan).path
        // A larger plan (about 1,500 actions) widens the moments a kill can land in; the kills are
        // spread over however long an update of it takes.
        var large = try PlanLoader.load(file: path, relativeTo: testFolder, today: testToday).plan
        let copies = large.actions
        for round in 1...14 {
            large.actions += copies.map { var copy = $0; copy.id = "\(copy.id) copy \(round)"; return copy }
        }
        try Data(JSONWriter.bytes(from: large.jsonValue())).write(to: URL(fileURLWithPath: path))
        // Kills land anywhere in an update: from start-up to past the end of the write.
        let started = ContinuousClock.now
        #expect(try sandbox.runBinary(["update", "5.3", "--comment", "timing", "--plan", plan]).status == 0)
        let took = ContinuousClock.now - started
        let seconds = Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18
        let window = UInt32(min(seconds * 1.3, 2) * 1_000_000)
        var entries = try PlanLoader.load(file: path, relativeTo: testFolder, today: testToday).plan.action(id: "5.3")!.history.count
        var landed = 0
        var generator = SeededGenerator(test: "aWriterKilledAtAnyMomentLeavesAValidPlan")
        for attempt in 1...40 {
            let process = Process()
            process.executableURL = improveBinary
            process.arguments = ["update", "5.3", "--comment", "attempt \(attempt)", "--plan", plan]
            process.currentDirectoryURL = sandbox.folder
            process.environment = ["IMPROVE_LOCK_TIMEOUT": "10", "PATH": "/usr/bin:/bin"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 0...window, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let check = try PlanLoader.check(file: path, relativeTo: testFolder, today: testToday)
            #expect(!check.hasErrors, "attempt \(attempt), seed \(generator.seed): \(check.problems)")
            let count = check.plan?.action(id: "5.3")?.history.count ?? -1
            // The old version or the new one, never anything else.
            #expect(count == entries || count == entries + 1, "attempt \(attempt): \(count) entries after \(entries)")
            // Every change that landed has its journal record; a record whose change did not land is dropped.
            if let current = check.plan {
                var records = try UndoJournal.records(for: path)
                #expect(UndoJournal.dropUnlanded(&records, current: current) == nil, "attempt \(attempt)")
                if count > 0, let last = records.last {
                    #expect(last.changes.first?.after == UndoJournal.entry(.action, "5.3", in: current) || count == entries,
                            "attempt \(attempt): the latest landed change has no record")
                }
                if count == entries + 1 {
                    #expect(records.last?.changes.first?.id == "5.3", "attempt \(attempt): a landed change has no record")
                }
            }
            if count == entries + 1 { landed += 1 }
            entries = count
        }
        print("aWriterKilledAtAnyMomentLeavesAValidPlan: \(landed) of 40 killed updates landed")
        // Whatever was killed, a later update still works and leaves no temporary file,
        // and undo reverses exactly the latest landed change.
        let final = try sandbox.run(["update", "5.3", "--comment", "after the crashes", "--plan", plan])
        #expect(final.status == 0)
        let undone = try sandbox.run(["undo", "--plan", plan])
        #expect(undone.status == 0, "\(undone.stderr)")
        let afterUndo = try PlanLoader.load(file: path, relativeTo: testFolder, today: testToday).plan.action(id: "5.3")!.history
        #expect(afterUndo.count == entries)
        #expect(!afterUndo.contains { $0.comment == "after the crashes" })
        let stray = try FileManager.default.contentsOfDirectory(atPath: sandbox.folder.appendingPathComponent("plans").path)
            .filter { $0.contains(".tmp-") }
        #expect(stray.isEmpty)
    }
}

/// The day the tests whose answer depends on today take for it (through `IMPROVE_TODAY`, which the binary honours too).
let fixedToday = "2025-06-30"

@Suite("Undo you can see before you use")
struct UndoPreviewTests {
    @Test func listShowsTheRecordedChangesAndDryRunChangesNothing() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        #expect(try sandbox.run(["update", "lm7", "--comment", "first", "--by", "Ann", "--plan", plan]).status == 0)
        #expect(try sandbox.run(["update", "lm8", "--comment", "second", "--by", "Bob", "--plan", plan]).status == 0)
        let list = try sandbox.run(["undo", "--list", "--plan", plan])
        #expect(list.status == 0)
        let lines = list.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].contains("LM 8") && lines[0].contains("by Bob"), "newest first, with who")
        #expect(lines[1].contains("LM 7") && lines[1].contains("by Ann"))
        let file = sandbox.folder.appendingPathComponent(plan)
        let before = try Data(contentsOf: file)
        let preview = try sandbox.run(["undo", "--dry-run", "--plan", plan])
        #expect(preview.status == 0)
        #expect(preview.stdout.hasPrefix("would undo: blackpool-2019  LM 8"))
        #expect(try Data(contentsOf: file) == before, "a dry run changes nothing")
        #expect(try sandbox.run(["undo", "--list", "--plan", plan]).stdout == list.stdout)
        let undo = try sandbox.run(["undo", "--plan", plan])
        #expect(undo.stdout.hasPrefix("undid: blackpool-2019  LM 8"))
        #expect(try sandbox.run(["undo", "--list", "--plan", plan]).stdout.split(separator: "\n").count == 1)
    }
}

@Suite("Reassigning safely")
struct ReassignSafetyTests {
    @Test func idsNarrowTheChangeAndADryRunWritesNothing() throws {
        let sandbox = try sandboxWithExamples()
        let files = ["blackpool-2019.json", "portsmouth-2014.json"].map { sandbox.folder.appendingPathComponent("plans/\($0)") }
        let before = try files.map { try Data(contentsOf: $0) }
        let preview = try sandbox.run(["reassign", "--from", "YOT Manager", "--to", "New Manager", "--dry-run"])
        #expect(preview.status == 0)
        #expect(preview.stdout.contains("would change: blackpool-2019  LM 7  lead YOT Manager → New Manager"))
        #expect(preview.stdout.hasSuffix("83 actions in 2 plans; nothing was written\n"))
        #expect(try files.map { try Data(contentsOf: $0) } == before)
        // Many actions, or several plans, without ids: only with --yes.
        let unconfirmed = try sandbox.run(["reassign", "--from", "YOT Manager", "--to", "New Manager"])
        #expect(unconfirmed.status == 64)
        #expect(unconfirmed.stderr.contains("this would change 83 actions in 2 plans; check them with --dry-run, then add --yes"))
        #expect(try files.map { try Data(contentsOf: $0) } == before)
        // Named actions change alone.
        let one = try sandbox.run(["reassign", "lm7", "--from", "yot manager", "--to", "New Manager", "--plan", "plans/blackpool-2019.json"])
        #expect(one.status == 0)
        #expect(one.stdout.hasPrefix("blackpool-2019  LM 7  lead YOT Manager → New Manager"))
        let loaded = try PlanLoader.load(file: files[0].path, relativeTo: testFolder, today: testToday).plan
        #expect(loaded.action(id: "LM 7")?.leads.contains("New Manager") == true)
        #expect(loaded.action(id: "LM 8")?.leads.contains("YOT Manager") == true)
    }

    @Test func aRecurringActionIsDueAgainAfterEachNoteAndAddTakesThen() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        func row(_ id: String, asOf: String) throws -> String {
            let list = try sandbox.run(["list", "--plan", plan, "--as-of", asOf])
            return list.stdout.split(separator: "\n").map(String.init).first { $0.hasPrefix(id + " ") } ?? ""
        }
        #expect(try row("3.8", asOf: "2019-07-01").contains("review 30 Jun 2019 (overdue)"))
        #expect(try row("2.4", asOf: "2019-03-01").contains("31 Mar 2019 then ongoing"))
        let update = try sandbox.run(["update", "3.8", "--status", "amber", "--comment", "Board met young people",
                                      "--date", "2019-08-20", "--plan", plan])
        #expect(update.status == 0)
        #expect(try row("3.8", asOf: "2019-09-01").contains("review 31 Dec 2019  "))
        let show = try sandbox.run(["show", "3.8", "--plan", plan, "--as-of", "2019-09-01"])
        #expect(show.stdout.contains("Deadline:         Jun 2019 then every 6 months, review due 31 Dec 2019\n"), "\(show.stdout)")
        let overdue = try sandbox.run(["overdue", "--plan", plan, "--as-of", "2020-01-02", "--format", "json"])
        #expect(overdue.stdout.contains("\"dueDate\": \"2019-12-31\""))

        let added = try sandbox.run(["add", "action", "--plan", plan, "--id", "X 1", "--theme", "3", "--text", "Audit",
                                     "--lead", "YOT Manager", "--deadline", "2020-01", "--then", "quarterly"])
        #expect(added.status == 0)
        let file = try String(contentsOf: sandbox.folder.appendingPathComponent(plan), encoding: .utf8)
        #expect(file.contains("\"deadline\": \"2020-01\",\n      \"afterDeadline\": \"every 3 months\","))
        #expect(try sandbox.run(["validate", "--strict", "--plan", plan]).status == 0)
        for (arguments, message) in [(["--deadline", "2020-01", "--then", "fortnightly"], "invalid value 'fortnightly' for --then; write ongoing, monthly, quarterly, biannually, annually or \"every N months\" with N from 2 to 99"),
                                     (["--deadline", "ongoing", "--then", "every 6 months"], "--then follows a dated deadline")] {
            let refused = try sandbox.run(["add", "action", "--plan", plan, "--id", "X 2", "--theme", "3", "--text", "Audit"] + arguments)
            #expect(refused.status == 64)
            #expect(refused.stderr.contains(message), "\(refused.stderr)")
        }
    }
}

@Suite("What colleagues recorded: improve log")
struct ActivityLogTests {
    @Test func theLogListsEntriesNewestFirstWithWhoAndWhat() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        for command in [["update", "lm7", "--status", "amber", "--comment", "Manager in post", "--by", "Jo Bloggs", "--date", "2019-04-02"],
                        ["update", "lm7", "--status", "red", "--comment", "Stalled", "--by", "Sam Lee", "--date", "2019-04-05"],
                        ["update", "LM 14", "--due", "2019-09", "--reason", "Consultation extended", "--by", "Jo Bloggs", "--date", "2019-04-06"],
                        ["update", "1.12", "--comment", "Before the period", "--by", "Jo Bloggs", "--date", "2019-03-20"]] {
            #expect(try sandbox.run(command + ["--plan", plan]).status == 0, "\(command)")
        }
        let log = try sandbox.run(["log", "--plan", plan, "--as-of", "2019-04-07"])
        #expect(log.status == 0, "\(log.stderr)")
        let lines = log.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("DATE        ID     BY         WHAT"))
        #expect(lines[1].hasPrefix("2019-04-06  LM 14  Jo Bloggs  deadline Jun 2019 → Sep 2019 (Consultation extended)"), "\(lines[1])")
        #expect(lines[2].hasPrefix("2019-04-05  LM 7   Sam Lee    AMBER → RED"))
        #expect(lines[2].hasSuffix("Stalled"))
        #expect(lines[3].hasPrefix("2019-04-02  LM 7   Jo Bloggs  none → AMBER"))
        #expect(lines.last == "3 entries from 2019-04-01 to 2019-04-07", "the default period is the 7 days to --as-of")
        #expect(!log.stdout.contains("Before the period"))

        let sam = try sandbox.run(["log", "--plan", plan, "--as-of", "2019-04-07", "--by", "sam"])
        #expect(sam.stdout.split(separator: "\n").count == 3 && sam.stdout.contains("Stalled"))
        let wider = try sandbox.run(["log", "--plan", plan, "--as-of", "2019-04-07", "--since", "30d", "--lead", "yot manager", "--format", "json"])
        #expect(wider.stdout.contains("\"comment\": \"Before the period\""), "1.12 is the YOT manager's and 30 days reach it")
        #expect(wider.stdout.contains("\"previousStatus\": \"AMBER\""))
        #expect(!wider.stdout.contains("LM 14"), "LM 14 is not led by the YOT Manager")
        let none = try sandbox.run(["log", "--plan", plan, "--as-of", "2019-04-07", "--since", "2019-04-06"])
        #expect(none.stdout == "Nothing recorded from 2019-04-07 to 2019-04-07.\n")
        for bad in [["--since", "soon"], ["--since", "2019-05-01"], ["--lead", "nobody at all"]] {
            #expect(try sandbox.run(["log", "--plan", plan, "--as-of", "2019-04-07"] + bad).status == 64, "\(bad)")
        }
    }
}
