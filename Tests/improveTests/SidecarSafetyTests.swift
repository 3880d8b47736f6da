import Foundation
import Testing
@testable import PlanKit
@testable import PlanStorage

/// The files beside a plan (``SidecarKind``) never write through a link, never
/// take a file someone else planted, and are as private as the plan.
@Suite("Files beside a plan, safe against others")
struct SidecarSafetyTests {
    static let plan = "plans/blackpool-2019.json"

    func bytes(_ sandbox: Sandbox, _ path: String) throws -> Data { try Data(contentsOf: sandbox.folder.appendingPathComponent(path)) }

    func mode(_ sandbox: Sandbox, _ path: String) -> mode_t? {
        var info = stat()
        return stat(sandbox.folder.appendingPathComponent(path).path, &info) == 0 ? info.st_mode & 0o7777 : nil
    }

    @Test(arguments: SidecarKind.allCases)
    func aSymbolicLinkInASidecarsPlaceIsRefusedAndItsTargetUntouched(kind: SidecarKind) throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        try sandbox.write("target.txt", "someone else's file\n")
        let target = sandbox.folder.appendingPathComponent("target.txt").path
        let sidecar = "plans/.blackpool-2019.json.\(kind.suffix)"
        #expect(symlink(target, sandbox.folder.appendingPathComponent(sidecar).path) == 0)
        let before = try bytes(sandbox, Self.plan)
        let update = try sandbox.runBinary(["update", "lm7", "--comment", "through a link?", "--plan", Self.plan])
        #expect(update.status == 73, "\(kind): \(update.stderr)")
        #expect(update.stderr == "improve: \(sidecar) is a symbolic link, which improve never writes through; "
            + "nothing was changed (remove it, and run the command again)\n")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "someone else's file\n")
        #expect(try bytes(sandbox, Self.plan) == before)
        // Undo and its list read the journal: a link there is refused as well.
        let list = try sandbox.runBinary(["undo", "--list", "--plan", Self.plan])
        #expect(list.status == 73, "\(kind): \(list.stderr)")
        #expect(list.stderr.contains("\(sidecar) is a symbolic link"))
        // Once it is removed, the command works.
        #expect(unlink(sandbox.folder.appendingPathComponent(sidecar).path) == 0)
        #expect(try sandbox.runBinary(["update", "lm7", "--comment", "now", "--plan", Self.plan]).status == 0)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "someone else's file\n")
    }

    @Test func everySidecarTakesThePlansModeWhateverTheUmask() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        chmod(sandbox.folder.appendingPathComponent(Self.plan).path, 0o640)
        // Under umask 000 a file made the ordinary way would be 0666: writable by anyone.
        let result = try sandbox.runBinary(["-c", "umask 000 && exec \"$0\" update lm7 --comment private --plan \(Self.plan)",
                                            improveBinary.path], executable: "/bin/sh")
        #expect(result.status == 0, "\(result.stderr)")
        for kind in [SidecarKind.lock, .undoJournal, .fingerprint] {
            let found = mode(sandbox, "plans/.blackpool-2019.json.\(kind.suffix)")
            #expect(found == 0o640, "\(kind): \(found.map { String($0, radix: 8) } ?? "missing")")
        }
        let folder = try FileManager.default.contentsOfDirectory(atPath: sandbox.folder.appendingPathComponent("plans").path)
        #expect(!folder.contains { $0.hasPrefix(".dat.nosync") }, "\(folder)")
    }

    @Test func aJournalMadeTooOpenByItsOwnerIsMadePrivateBeforeARecordIsWritten() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        chmod(sandbox.folder.appendingPathComponent(Self.plan).path, 0o600)
        let journal = sandbox.folder.appendingPathComponent("plans/.blackpool-2019.json.undo").path
        #expect(FileManager.default.createFile(atPath: journal, contents: Data()))
        chmod(journal, 0o666)
        #expect(try sandbox.runBinary(["update", "lm7", "--comment", "private text", "--plan", Self.plan]).status == 0)
        #expect(mode(sandbox, "plans/.blackpool-2019.json.undo") == 0o600)
        #expect(try String(contentsOfFile: journal, encoding: .utf8).contains("private text"))
    }
}

/// The same attacks made by a second real Unix user (needs root to switch users).
@Suite("Files beside a plan, planted by another account")
struct PlantedSidecarTests {
    static let canSwitchUsers = SharedFolderTests.canSwitchUsers
    static let reason = "needs root, setpriv, the users daemon and bin, the group users, and a binary they can reach"
    static let plan = SidecarSafetyTests.plan

    /// Runs a shell command as another user, in the group `users`.
    func shell(as user: String, _ script: String, in sandbox: Sandbox) throws -> CommandResult {
        try sandbox.runBinary(["--reuid=\(user)", "--regid=users", "--groups=users", "--reset-env", "/bin/sh", "-c", script],
                              executable: "/usr/bin/setpriv")
    }

    /// A sandbox whose plans folder anyone may write (`chmod 1777`), holding a private plan of root's.
    func sharedSandbox(folderMode: mode_t = 0o1777) throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        chmod(sandbox.folder.path, 0o755)
        chmod(sandbox.folder.appendingPathComponent("plans").path, folderMode)
        chmod(sandbox.folder.appendingPathComponent(Self.plan).path, 0o600)
        return sandbox
    }

    @Test(.enabled(if: canSwitchUsers, Comment(rawValue: reason)))
    func aJournalAnotherAccountPreCreatedWorldReadableIsRefused() throws {
        let sandbox = try sharedSandbox()
        let planted = try shell(as: "daemon", "touch plans/.blackpool-2019.json.undo && chmod 666 plans/.blackpool-2019.json.undo",
                                in: sandbox)
        #expect(planted.status == 0, "\(planted.stderr)")
        let before = try Data(contentsOf: sandbox.folder.appendingPathComponent(Self.plan))
        let update = try sandbox.runBinary(["update", "lm7", "--comment", "private text", "--plan", Self.plan])
        #expect(update.status == 73, "\(update.stderr)")
        #expect(update.stderr == "improve: plans/.blackpool-2019.json.undo belongs to daemon, who may not change the plan; "
            + "nothing was changed (remove it, and run the command again)\n")
        #expect(try Data(contentsOf: sandbox.folder.appendingPathComponent(Self.plan)) == before)
        #expect(try Data(contentsOf: sandbox.folder.appendingPathComponent("plans/.blackpool-2019.json.undo")).isEmpty)
    }

    @Test(.enabled(if: canSwitchUsers, Comment(rawValue: reason)), arguments: [SidecarKind.lock, .fingerprint, .conflicts])
    func anySidecarAnotherAccountPlantedIsRefused(kind: SidecarKind) throws {
        let sandbox = try sharedSandbox()
        let sidecar = "plans/.blackpool-2019.json.\(kind.suffix)"
        #expect(try shell(as: "daemon", "echo forged > \(sidecar)", in: sandbox).status == 0)
        let before = try Data(contentsOf: sandbox.folder.appendingPathComponent(Self.plan))
        let update = try sandbox.runBinary(["update", "lm7", "--comment", "x", "--plan", Self.plan])
        #expect(update.status == 73, "\(kind): \(update.stderr)")
        #expect(update.stderr.contains("\(sidecar) belongs to daemon, who may not change the plan"), "\(update.stderr)")
        #expect(try Data(contentsOf: sandbox.folder.appendingPathComponent(Self.plan)) == before)
        #expect(try String(contentsOf: sandbox.folder.appendingPathComponent(sidecar), encoding: .utf8) == "forged\n")
    }

    @Test(.enabled(if: canSwitchUsers, Comment(rawValue: reason)))
    func aGroupMembersSidecarInAGroupFolderIsUsed() throws {
        // A setgid group folder others may not write: daemon's journal is a team member's.
        let sandbox = try sharedSandbox(folderMode: 0o2775)
        let users = getgrnam("users")!.pointee.gr_gid
        let plan = sandbox.folder.appendingPathComponent(Self.plan).path
        chown(sandbox.folder.appendingPathComponent("plans").path, 0, users)
        chown(plan, 0, users)
        chmod(plan, 0o660)
        let first = try sandbox.runBinary(["--reuid=daemon", "--regid=users", "--groups=users", "--reset-env", improveBinary.path,
                                           "update", "lm7", "--comment", "from daemon", "--plan", Self.plan],
                                          executable: "/usr/bin/setpriv")
        #expect(first.status == 0, "\(first.stderr)")
        var info = stat()
        #expect(stat(sandbox.folder.appendingPathComponent("plans/.blackpool-2019.json.undo").path, &info) == 0)
        #expect(info.st_uid == getpwnam("daemon")!.pointee.pw_uid)
        #expect(info.st_mode & 0o777 == 0o660)
        let second = try sandbox.runBinary(["update", "lm8", "--comment", "from root", "--plan", Self.plan])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try PlanStore(today: testToday, workingFolder: testFolder).recordedChanges(file: plan).count == 2)
    }

    @Test(.enabled(if: canSwitchUsers, Comment(rawValue: reason)))
    func anotherAccountsPlanInAStickyFolderIsRefusedWith73() throws {
        let sandbox = try sharedSandbox(folderMode: 0o3775)
        let users = getgrnam("users")!.pointee.gr_gid
        let plan = sandbox.folder.appendingPathComponent(Self.plan).path
        chown(sandbox.folder.appendingPathComponent("plans").path, 0, users)
        chown(plan, getpwnam("daemon")!.pointee.pw_uid, users)
        chmod(plan, 0o664)
        let before = try Data(contentsOf: URL(fileURLWithPath: plan))
        let bin = try sandbox.runBinary(["--reuid=bin", "--regid=users", "--groups=users", "--reset-env", improveBinary.path,
                                         "update", "lm7", "--comment", "from bin", "--plan", Self.plan],
                                        executable: "/usr/bin/setpriv")
        #expect(bin.status == 73, "\(bin.stderr)")
        #expect(bin.stderr == "improve: cannot replace plans/blackpool-2019.json: it belongs to daemon, and its folder plans has the sticky bit, "
            + "so only daemon or the folder's owner may replace it; nothing was changed (remove the sticky bit: chmod -t plans, or ask daemon)\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: plan)) == before)
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("plans/.blackpool-2019.json.undo").path))
        // The plan's owner still may.
        let daemon = try sandbox.runBinary(["--reuid=daemon", "--regid=users", "--groups=users", "--reset-env", improveBinary.path,
                                            "update", "lm7", "--comment", "from daemon", "--plan", Self.plan],
                                           executable: "/usr/bin/setpriv")
        #expect(daemon.status == 0, "\(daemon.stderr)")
    }
}

/// A writer killed (SIGKILL) at a chosen system call, with strace's fault injection.
@Suite("Files beside a plan after a kill")
struct KilledSidecarWriteTests {
    static let strace = "/usr/bin/strace"
    static let hasStrace = FileManager.default.isExecutableFile(atPath: strace)
    static let plan = SidecarSafetyTests.plan

    /// Runs improve under strace, killed at its `when`-th rename: the first is the plan's, the second the fingerprint's.
    func runKilled(atRename when: Int, _ arguments: [String], in sandbox: Sandbox) throws -> CommandResult {
        try sandbox.runBinary(["-f", "-o", "/dev/null", "-e", "trace=rename", "-e", "inject=rename:signal=SIGKILL:when=\(when)",
                               improveBinary.path] + arguments, executable: Self.strace)
    }

    func plansFolder(_ sandbox: Sandbox) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: sandbox.folder.appendingPathComponent("plans").path)
    }

    @Test(.enabled(if: hasStrace, "needs strace"))
    func aKillWhileTheFingerprintIsWrittenLeavesATemporaryTheNextChangeRemoves() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        let killed = try runKilled(atRename: 2, ["update", "lm7", "--comment", "killed at the fingerprint", "--plan", Self.plan], in: sandbox)
        #expect(killed.status != 0)
        let left = try plansFolder(sandbox)
        #expect(left.contains { $0.hasPrefix("..blackpool-2019.json.valid.tmp-") }, "the kill landed mid-write: \(left)")
        #expect(!left.contains { $0.hasPrefix(".dat.nosync") }, "\(left)")
        // The plan's change had landed: it is recorded and listed.
        let list = try sandbox.runBinary(["undo", "--list", "--plan", Self.plan])
        #expect(list.stdout.contains("LM 7"), "\(list.stdout)")
        #expect(try sandbox.runBinary(["update", "lm8", "--comment", "next", "--plan", Self.plan]).status == 0)
        let after = try plansFolder(sandbox)
        #expect(!after.contains { $0.contains(".tmp-") || $0.hasPrefix(".dat.nosync") }, "\(after)")
    }

    @Test(.enabled(if: hasStrace, "needs strace"))
    func aChangeKilledBeforeItReachedThePlanIsNotListed() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        #expect(try sandbox.runBinary(["update", "lm8", "--comment", "landed", "--plan", Self.plan]).status == 0)
        let before = try Data(contentsOf: sandbox.folder.appendingPathComponent(Self.plan))
        let killed = try runKilled(atRename: 1, ["update", "lm7", "--comment", "never landed", "--plan", Self.plan], in: sandbox)
        #expect(killed.status != 0)
        #expect(try Data(contentsOf: sandbox.folder.appendingPathComponent(Self.plan)) == before)
        // Its record was written first: the journal holds it, but it is not listed.
        let journal = try String(contentsOf: sandbox.folder.appendingPathComponent("plans/.blackpool-2019.json.undo"), encoding: .utf8)
        #expect(journal.contains("never landed"))
        let list = try sandbox.runBinary(["undo", "--list", "--plan", Self.plan])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.split(separator: "\n").count == 1, "\(list.stdout)")
        #expect(list.stdout.contains("LM 8") && !list.stdout.contains("LM 7"), "\(list.stdout)")
        #expect(try sandbox.runBinary(["undo", "--dry-run", "--plan", Self.plan]).stdout.contains("LM 8"))
    }

    @Test func theListOfAPlanThatCannotBeReadIsRefusedNotGuessed() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        try sandbox.copyExample("portsmouth-2014.json")
        #expect(try sandbox.runBinary(["update", "lm8", "--comment", "landed", "--plan", Self.plan]).status == 0)
        #expect(try sandbox.runBinary(["update", "10.7", "--comment", "landed", "--plan", "plans/portsmouth-2014.json"]).status == 0)
        // Which records landed cannot be told from a plan that cannot be read.
        try sandbox.write(Self.plan, "{\"formatVersion\": 1}")
        let list = try sandbox.runBinary(["undo", "--list", "--plan", Self.plan])
        #expect(list.status == 65, "\(list.stderr)")
        #expect(list.stderr.contains(Self.plan))
        #expect(list.stdout.isEmpty)
        // Across the folder, the other plan's changes are listed, then the plan that cannot be read is reported.
        let all = try sandbox.runBinary(["undo", "--list"])
        #expect(all.status == 65, "\(all.stderr)")
        #expect(all.stdout.contains("10.7") && !all.stdout.contains("LM 8"), "\(all.stdout)")
        #expect(all.stderr.contains(Self.plan))
    }
}
