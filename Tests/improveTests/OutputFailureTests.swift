import Foundation
import Testing

/// Output that cannot be written, through the built binary as a shell runs it:
/// a full disk (`> /dev/full`), a closed descriptor (`>&-`, `2>&-`), a reader
/// that went away (`| head`). Never a signal or a stack trace; 74 with one
/// line on stderr, or 3 once a change has been recorded, so that a script
/// never records it twice; a closed pipe ends quietly.
@Suite("Output that cannot be written")
struct OutputFailureTests {
    /// A sandbox with both example plans in `plans/`.
    private func sandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        try sandbox.copyExample("portsmouth-2014.json")
        return sandbox
    }

    /// Runs `improve ARGUMENTS REDIRECTION` through bash, so that the redirection is the shell's own.
    private func run(_ arguments: [String], _ redirection: String, in sandbox: Sandbox) throws -> CommandResult {
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return try sandbox.runBinary(["-c", "exec '\(improveBinary.path)' \(quoted) \(redirection)"], executable: "/bin/bash",
                                     timeout: 60)
    }

    /// Every command that reads, with arguments that make it write to stdout.
    static let readers: [[String]] = [
        ["list"], ["list", "--format", "json"], ["list", "--format", "csv"],
        ["show", "lm8", "--plan", "plans/blackpool-2019.json"],
        ["log", "--since", "2014-01-01", "--as-of", "2015-06-01"],
        ["validate", "--plan", "plans/blackpool-2019.json"],
        ["summary"], ["summary", "--format", "html"],
        ["report", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23"],
        ["board", "list"], ["export", "csv"], ["export", "ics"],
        ["completions", "bash"], ["--help"], ["list", "--help"], ["help", "--man"], ["--version"],
    ]

    @Test("A command that reads exits 74 with one line when stdout is full or closed", arguments: readers)
    func readerWithFailedStdout(arguments: [String]) throws {
        let sandbox = try sandbox()
        for (redirection, reason) in [("> /dev/full", "No space left on device"), (">&-", "Bad file descriptor")] {
            let result = try run(arguments, redirection, in: sandbox)
            #expect(result.status == 74, "\(arguments) \(redirection): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("improve: could not write to stdout (\(reason))"), "\(arguments) \(redirection): \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Backtrac"), "\(result.stderr)")
        }
    }

    @Test("overdue, which exits 1 for its findings, exits 74 when they could not be written")
    func overdueWithFailedStdout() throws {
        let sandbox = try sandbox()
        let written = try run(["overdue", "--as-of", "2019-04-10"], "> /dev/null", in: sandbox)
        #expect(written.status == 1)
        let failed = try run(["overdue", "--as-of", "2019-04-10"], "> /dev/full", in: sandbox)
        #expect(failed.status == 74, "\(failed.stderr)")
    }

    @Test("When stderr fails, the exit code says so and nothing crashes", arguments: ["2> /dev/full", "2>&-"])
    func failedStderr(redirection: String) throws {
        let sandbox = try sandbox()
        let refused = try run(["show", "zz", "--plan", "plans/blackpool-2019.json"], redirection, in: sandbox)
        #expect(refused.status == 74, "\(refused)")
        // Nothing to say on stderr: nothing failed.
        let quiet = try run(["list", "--plan", "plans/blackpool-2019.json"], "\(redirection) > /dev/null", in: sandbox)
        #expect(quiet.status == 0, "\(quiet)")
    }

    @Test("A reader that goes away ends the command quietly with its own code")
    func closedPipe() throws {
        let sandbox = try sandbox()
        // The reader has gone before improve writes: every write meets a closed pipe.
        let script = "set -o pipefail; { sleep 0.3; exec '\(improveBinary.path)' list --format csv; } | true"
        let result = try sandbox.runBinary(["-c", script], executable: "/bin/bash", timeout: 60)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    /// Commands that change a plan, each with what it leaves in the plan file.
    static let changes: [(arguments: [String], mark: String)] = [
        (["update", "lm8", "--comment", "skills audit half done", "--plan", "plans/blackpool-2019.json"], "skills audit half done"),
        (["edit", "lm8", "--text", "Audit every skill", "--plan", "plans/blackpool-2019.json"], "Audit every skill"),
        (["withdraw", "lm12", "--reason", "merged into LM 11", "--plan", "plans/blackpool-2019.json"], "merged into LM 11"),
        (["add", "action", "--id", "LM 18", "--theme", "LM", "--text", "Publish the plan", "--lead", "YOT Manager",
          "--deadline", "2019-10", "--plan", "plans/blackpool-2019.json"], "Publish the plan"),
        (["reassign", "lm8", "--from", "YOT Manager", "--to", "Sam Smith", "--plan", "plans/blackpool-2019.json"], "Sam Smith"),
        (["board", "add", "2019-07-18", "--plan", "plans/blackpool-2019.json"], "2019-07-18"),
    ]

    @Test("A change recorded before its confirmation failed exits 3, and is in the plan once",
          arguments: 0..<changes.count)
    func changeWithFailedStdout(index: Int) throws {
        let (arguments, mark) = Self.changes[index]
        let sandbox = try sandbox()
        let file = sandbox.folder.appendingPathComponent("plans/blackpool-2019.json")
        let before = try String(contentsOf: file, encoding: .utf8).components(separatedBy: mark).count
        let result = try run(arguments, "> /dev/full", in: sandbox)
        #expect(result.status == 3, "\(arguments): \(result)")
        #expect(result.stderr.contains("the change was recorded in"), "\(result.stderr)")
        #expect(result.stderr.contains("do not run the command again"))
        let after = try String(contentsOf: file, encoding: .utf8).components(separatedBy: mark).count
        // Recorded as often as by one run whose output was written.
        let reference = try self.sandbox()
        #expect(try run(arguments, "> /dev/null", in: reference).status == 0)
        let once = try String(contentsOf: reference.folder.appendingPathComponent("plans/blackpool-2019.json"), encoding: .utf8)
            .components(separatedBy: mark).count
        #expect(after > before && after == once, "\(arguments): the mark is in the plan \(after - 1) times, \(once - 1) after one run")
        // The plan still reads, and the change is undone as one.
        #expect(try run(["validate", "--plan", "plans/blackpool-2019.json"], "> /dev/null", in: sandbox).status == 0)
    }

    @Test("undo and new, after their change, exit 3 when the confirmation fails")
    func undoAndNew() throws {
        let sandbox = try sandbox()
        _ = try run(["update", "lm8", "--comment", "to be undone", "--plan", "plans/blackpool-2019.json"], "> /dev/null", in: sandbox)
        let undo = try run(["undo", "--plan", "plans/blackpool-2019.json"], ">&-", in: sandbox)
        #expect(undo.status == 3, "\(undo)")
        let plan = try String(contentsOf: sandbox.folder.appendingPathComponent("plans/blackpool-2019.json"), encoding: .utf8)
        #expect(!plan.contains("to be undone"))
        let new = try run(["new", "plans/leeds-2020.json", "--id", "leeds-2020", "--title", "Leeds", "--organisation", "Leeds",
                           "--inspection-date", "2020-01"], "> /dev/full", in: sandbox)
        #expect(new.status == 3, "\(new)")
        #expect(FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("plans/leeds-2020.json").path))
    }

    @Test("A file-size limit (ulimit -f) is a failed write, not a kill: 74, the plan and its journal as they were")
    func fileSizeLimit() throws {
        let sandbox = try sandbox()
        let list = try sandbox.runBinary(["-c", "ulimit -f 1; exec '\(improveBinary.path)' list > out.txt"], executable: "/bin/bash",
                                         timeout: 60)
        #expect(list.status == 74, "\(list)")
        #expect(list.stderr.contains("could not write to stdout (File too large)"))
        let file = sandbox.folder.appendingPathComponent("plans/blackpool-2019.json")
        let before = try Data(contentsOf: file)
        for blocks in [1, 40] {
            let update = try sandbox.runBinary(["-c", "ulimit -f \(blocks); exec '\(improveBinary.path)' update lm7 --comment x --plan plans/blackpool-2019.json"],
                                               executable: "/bin/bash", timeout: 60)
            #expect(update.status == 74, "\(blocks) blocks: \(update)")
            #expect(update.stderr.contains("the plan was left as it was"))
        }
        #expect(try Data(contentsOf: file) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: sandbox.folder.appendingPathComponent("plans").path)
            .filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        #expect(try run(["undo", "--list", "--plan", "plans/blackpool-2019.json"], "", in: sandbox).stdout == "no change recorded\n")
    }

    @Test("git-setup, having set up the clone, exits 3 when its answer cannot be written")
    func gitSetup() throws {
        let sandbox = try sandbox()
        let initialised = try sandbox.runBinary(["-c", "git init -q ."], executable: "/bin/bash", timeout: 60)
        try #require(initialised.status == 0, "git init: \(initialised.stderr)")
        let result = try run(["git-setup"], "> /dev/full", in: sandbox)
        #expect(result.status == 3, "\(result)")
        let attributes = try String(contentsOf: sandbox.folder.appendingPathComponent(".gitattributes"), encoding: .utf8)
        #expect(attributes.contains("merge=improve"))
    }

    @Test("A refused change with a full stdout is still the refusal's code")
    func refusedChange() throws {
        let sandbox = try sandbox()
        let result = try run(["update", "zz", "--comment", "x", "--plan", "plans/blackpool-2019.json"], "> /dev/full", in: sandbox)
        #expect(result.status == 64, "\(result)")
    }
}
