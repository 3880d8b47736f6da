import FoundationEssentials
import Glibc
import PlanKit
import PlanStorage

/// `improve git-setup`: make the git repository it is run in merge plans by meaning.
struct GitSetupCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "git-setup",
        abstract: "Set up the git repository here to merge plans with improve merge-file.",
        usage: "git-setup [--driver COMMAND]",
        discussion: """
        Adds to .gitattributes the line '*.json merge=improve', sets the repository's
        merge.improve.driver to 'PROGRAM merge-file %O %A %B --path %P --marker-size %L' (PROGRAM is
        this program's full path, links resolved, so that a git GUI or hook with another PATH finds
        it), sets merge.improve.recursive to a second driver, improve-base, for the merge git makes of
        two merge bases in a criss-cross history, and adds every file improve can leave beside a plan
        (lock, undo journal, checked fingerprint, conflicts, temporary files) to .gitignore.
        Run it again at any time: what is there already is left alone, and the driver is brought up
        to date. The driver is set in this clone only (git config is not shared): each partner runs
        git-setup once in their clone; until then every improve command run in it says so.
        """,
        examples: [
            "improve git-setup",
            "improve git-setup --driver /usr/local/bin/improve",
        ])

    static let driver = Option<String>("--driver", value: "COMMAND", help: "How git should run improve (default: this program's full path).")
    static let options = declared(driver)

    static let attributes = "*.json merge=improve"
    /// Every file improve can leave beside a plan: each sidecar kind, the plan's and the
    /// sidecars' temporaries (`..NAME.json.valid.tmp-XXXXXX`), and Foundation's atomic-write
    /// leftovers from older versions (`.dat.nosync*`).
    static let ignored = SidecarKind.allCases.map { ".*.json.\($0.suffix)" } + [".*.json.tmp-*", ".*.tmp-*", ".dat.nosync*"]

    var driver: String

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        if let given = try arguments[Self.driver] {
            driver = given
        } else {
            // The running binary itself, not argv[0]: found on PATH, argv[0] is a bare name.
            let program = CommandLine.arguments.first ?? "improve"
            driver = GitRepository.runningBinary()
                ?? (program.contains("/") ? URL(fileURLWithPath: context.path(program)).standardizedFileURL.path : program)
        }
        if let extra = arguments.positionals.first {
            throw .usage("unexpected argument '\(extra)'", command: Self.descriptor)
        }
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        guard let top = try Self.git(["rev-parse", "--show-toplevel"], in: context.workingFolder)?.trimmingWhitespace(), !top.isEmpty
        else {
            throw CLIError.refused("not in a git repository; run improve git-setup in a clone (git init or git clone first)")
        }
        let quoted = driver.contains(" ") ? "'\(driver)'" : driver
        let command = "\(quoted) merge-file %O %A %B --path %P --marker-size %L"
        _ = try Self.git(["config", "merge.improve.name", "improve: merge plans by meaning"], in: context.workingFolder)
        _ = try Self.git(["config", "merge.improve.driver", command], in: context.workingFolder)
        // A criss-cross merge first merges its two merge bases into a virtual one: that inner
        // merge is made by a driver that records and says nothing (git passes no sign of it otherwise).
        _ = try Self.git(["config", "merge.improve.recursive", "improve-base"], in: context.workingFolder)
        _ = try Self.git(["config", "merge.improve-base.name", "improve: merge plans by meaning, for a virtual merge base"], in: context.workingFolder)
        _ = try Self.git(["config", "merge.improve-base.driver", command + " --virtual-base"], in: context.workingFolder)
        context.landed.add("git config")
        let addedAttributes = try Self.ensure(lines: [Self.attributes], in: "\(top)/.gitattributes")
        if !addedAttributes.isEmpty { context.landed.add(".gitattributes") }
        let addedIgnores = try Self.ensure(lines: Self.ignored, in: "\(top)/.gitignore")
        if !addedIgnores.isEmpty { context.landed.add(".gitignore") }
        context.stdout.write("merge.improve.driver = \(command)\n")
        context.stdout.write(".gitattributes: \(addedAttributes.isEmpty ? "already set" : "added \(addedAttributes.joined(separator: ", "))")\n")
        context.stdout.write(".gitignore: \(addedIgnores.isEmpty ? "already set" : "added \(addedIgnores.joined(separator: ", "))")\n")
        if !addedAttributes.isEmpty || !addedIgnores.isEmpty {
            context.stdout.write("Commit .gitattributes and .gitignore so that partners share them; each partner runs improve git-setup once.\n")
        }
        return .success
    }

    /// Adds the lines a file lacks, at its end; returns those added.
    static func ensure(lines: [String], in file: String) throws -> [String] {
        let existing = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        let present = Set(existing.split(whereSeparator: \.isNewline).map { $0.trimming(.whitespaces) })
        let missing = lines.filter { !present.contains($0) }
        guard !missing.isEmpty else { return [] }
        var text = existing
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        text += missing.map { $0 + "\n" }.joined()
        do {
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        } catch {
            throw CLIError.data("cannot write \(file): \(SystemErrorReason.words(for: error))")
        }
        return missing
    }

    /// Runs git with the arguments; its output, or `nil` when it fails.
    /// (run in `folder`, the command's working folder).
    static func git(_ arguments: [String], in folder: WorkingFolder) throws -> String? {
        let git = ChildProcess(executable: "/usr/bin/env", arguments: ["git"] + arguments, folder: folder.path, output: .piped, errors: .discarded)
        let outcome: ChildProcess.Outcome
        do { outcome = try git.run().0 } catch { throw CLIError.refused("git could not be run: \(error.reason)") }
        return outcome.status == 0 && !outcome.signalled ? String(decoding: outcome.output, as: UTF8.self) : nil
    }
}
