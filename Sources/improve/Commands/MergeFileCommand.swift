import FoundationEssentials
import Glibc
import PlanJSON
import PlanKit
import PlanStorage

/// `improve merge-file BASE OURS THEIRS`: git's merge driver for plan files.
struct MergeFileCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "merge-file",
        abstract: "Merge two versions of a plan by meaning (git's merge driver; see git-setup).",
        usage: "merge-file BASE OURS THEIRS [--path NAME] [--marker-size N] [--virtual-base]",
        discussion: """
        Writes the merge over OURS, always a valid plan in the canonical form. History both sides
        added is kept, in date order; actions, milestones, recommendations, themes and board meetings
        added on either side are kept; a field changed on one side takes that change. A field both
        sides changed differently keeps ours: each such conflict is listed on stderr and in
        .NAME.json.conflicts beside the plan, and the exit code is 1 so that git marks the file
        unmerged; settle them with improve resolve. In a rebase git's ours is the upstream and
        theirs is your own change, and the messages say so.
        When a side is not a readable plan (a syntax error, conflict markers), nothing is dropped:
        the sides are merged by lines (git merge-file --diff3, conflict markers with the base), the
        exit code is 1, and the conflicts file records which side was broken and why. Fix the JSON,
        then run improve resolve --remerge to merge the sides by meaning. A JSON file that is not a
        plan is merged by lines as git would. --virtual-base is for the merge git makes of two
        merge bases (criss-cross history; git-setup sets it in merge.improve-base.driver): it records nothing and says nothing.
        """,
        examples: [
            "improve merge-file base.json ours.json theirs.json --path plans/blackpool-2019.json",
        ])

    static let path = Option<String>("--path", value: "NAME", help: "The plan's path in the repository (git's %P): names it in messages and places its conflicts file.")
    static let markerSize = Option<Int>("--marker-size", value: "N", help: "The length of conflict markers in a merge by lines (git's %L; default 7).") { text, use throws(CLIError) in
        guard let size = Int(text), size >= 1, size <= 100 else { throw use.invalid(text, "; give a number of characters (git's %L)") }
        return size
    }
    static let virtualBase = Flag("--virtual-base", help: "This merge makes the common version of a criss-cross merge: record and say nothing.")
    static let options = declared(path, markerSize, virtualBase)

    var base: String
    var ours: String
    var theirs: String
    var path: String?
    var markerSize: Int
    var virtualBase: Bool
    var store: PlanStore

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.count == 3 else {
            throw .usage("merge-file takes three files: BASE OURS THEIRS", command: Self.descriptor)
        }
        (base, ours, theirs) = (arguments.positionals[0], arguments.positionals[1], arguments.positionals[2])
        path = try arguments[Self.path]
        markerSize = try arguments[Self.markerSize] ?? ConflictMarkers.standardSize
        virtualBase = arguments[Self.virtualBase]
        store = ChangeOptions.store(context)
    }

    /// One version of the plan as the driver reads it.
    enum Version {
        /// An empty file (git's base when the sides share none).
        case empty
        case plan(Plan)
        /// A file that says it is a plan but does not read as one.
        case broken([PlanProblem])
        /// Some other file (a schema, a settings file).
        case other
    }

    static func read(_ file: String, as name: String, context: CommandContext) throws -> Version {
        guard let data = FileManager.default.contents(atPath: context.path(file)) else { throw CLIError.missingInput(file) }
        if data.allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) { return .empty }
        let bytes = Array(data)
        // A plan is a file that says its format version, even one cut short or broken.
        let saysPlan = String(decoding: bytes.prefix(4096), as: UTF8.self).contains("\"\(PlanField.formatVersion.key)\"")
        let check = PlanLoader.check(bytes: bytes, file: name, today: context.clock)
        if let plan = check.plan, !check.hasErrors { return .plan(plan) }
        guard let root = try? JSONParser.parse(bytes), root[PlanField.formatVersion.key] != nil else {
            return saysPlan ? .broken(check.problems) : .other
        }
        return .broken(check.problems)
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        let name = path ?? ours
        let sides = virtualBase ? MergeSides(operation: .merge) : GitRepository.currentSides(environment: context.environment, in: context.workingFolder)
        let ourVersion = try Self.read(ours, as: "\(name) (\(sides.ours))", context: context)
        let theirVersion = try Self.read(theirs, as: "\(name) (\(sides.theirs))", context: context)
        switch (ourVersion, theirVersion) {
        case (.plan(let ourPlan), .plan(let theirPlan)):
            var basePlan: Plan?
            if case .plan(let plan)? = try? Self.read(base, as: "\(name) (base)", context: context) { basePlan = plan }
            let result = PlanMerge.merge(base: basePlan, ours: ourPlan, theirs: theirPlan, today: context.clock)
            try store.replace(file: ours, with: result.plan)
            // The inner merge of a criss-cross only makes the outer merge's base: nothing to settle.
            if virtualBase { return .success }
            try ConflictFile.write(result.conflicts, planID: result.plan.id, for: context.path(name), bytesOf: context.path(ours), sides: sides)
            guard !result.conflicts.isEmpty else { return .success }
            let count = result.conflicts.count
            context.stderr.write("improve: \(name): \(count) merge \(count == 1 ? "conflict" : "conflicts"); the plan keeps \(sides.ours) "
                + "(listed in \(ConflictFile.path(for: name))):\n")
            for conflict in result.conflicts { context.stderr.write("  " + Self.describe(conflict) + "\n") }
            context.stderr.write("Settle each with improve resolve ID --take ours|theirs|FIELD=VALUE (\(sides.legend)), "
                + "then git add \(name) and \(sides.finish).\n")
            return .findings
        case (.other, .other), (.empty, .other), (.other, .empty), (.empty, .empty):
            // Neither is a plan (a schema, a settings file): merged by lines, as git would.
            return try Self.mergeByLines(base: base, ours: ours, theirs: theirs, name: name, markerSize: markerSize, sides: sides,
                                         in: context.workingFolder) == 0
                ? .success : .findings
        default:
            return try mergeBrokenByLines(ourVersion, theirVersion, name: name, sides: sides, context: &context)
        }
    }

    /// A side is not a readable plan: every line of both sides is kept by a merge
    /// by lines, and the conflicts file says which side was broken and how to finish.
    func mergeBrokenByLines(_ ourVersion: Version, _ theirVersion: Version, name: String, sides: MergeSides,
                            context: inout CommandContext) throws -> ExitCode {
        func broken(_ version: Version, _ side: String) -> LineMerge.BrokenSide? {
            switch version {
            case .plan: return nil
            case .empty: return LineMerge.BrokenSide(side: side, line: nil, problem: "the file is empty")
            case .other: return LineMerge.BrokenSide(side: side, line: nil, problem: "it is not a plan (no formatVersion)")
            case .broken(let problems):
                let first = problems.first { $0.severity == .error }
                return LineMerge.BrokenSide(side: side, line: first?.line, problem: first.map { problemText($0) } ?? "it does not read as a plan")
            }
        }
        let brokenSides = [broken(ourVersion, "ours"), broken(theirVersion, "theirs")].compactMap { $0 }
        // Markers longer than any a side holds already, so that the merge's own can be told apart.
        let longest = [base, ours, theirs].map { ConflictMarkers.longestMarker(in: Array(FileManager.default.contents(atPath: context.path($0)) ?? Data())) }.max() ?? 0
        let size = max(markerSize, longest + 1)
        let status = try Self.mergeByLines(base: base, ours: ours, theirs: theirs, name: name, markerSize: size, sides: sides,
                                           in: context.workingFolder)
        // For a criss-cross's common version the lines are all git needs: its outer merge then finds a broken base.
        if virtualBase { return .success }
        try ConflictFile.write([], planID: "", for: context.path(name), bytesOf: context.path(ours), lineMerge: LineMerge(broken: brokenSides, markerSize: size), sides: sides)
        for side in brokenSides {
            context.stderr.write("improve: \(name): \(sides.name(side.side)) is not a readable plan"
                + (side.line.map { " (its line \($0): \(side.problem))" } ?? " (\(side.problem))") + ".\n")
        }
        let marked = status != 0
        context.stderr.write("So that no change of either side is lost, \(name) was merged by lines"
            + (marked ? ": it holds git's conflict markers (\(String(repeating: "<", count: size)) \(sides.ours), "
                + "\(String(repeating: "|", count: size)) base, \(String(repeating: "=", count: size)), \(String(repeating: ">", count: size)) \(sides.theirs)).\n"
                : "; the file still holds the broken side's error.\n"))
        context.stderr.write("Fix the JSON in \(name), run improve resolve --remerge to merge the two sides by meaning, "
            + "then git add \(name) and \(sides.finish).\n")
        return .findings
    }

    /// A problem without its file name: `line 3:5: trailing comma before '}'`.
    func problemText(_ problem: PlanProblem) -> String {
        (problem.path.isEmpty ? "" : "\(problem.path): ") + problem.message
    }

    /// `action LM 7  deadline: base "2019-06", ours "2019-09", theirs "2019-10"`.
    static func describe(_ conflict: MergeConflict) -> String {
        func shown(_ value: JSONValue?) -> String {
            guard let value else { return "none" }
            let text = JSONWriter.compactString(from: value)
            return text.count > 60 ? String(text.prefix(59)) + "…" : text
        }
        let field = conflict.field.isEmpty ? "(added or removed)" : conflict.field.joined(separator: ".")
        return "\(conflict.item)  \(field): base \(shown(conflict.base)), ours \(shown(conflict.ours)), theirs \(shown(conflict.theirs))"
    }

    /// git merge-file --diff3 OURS BASE THEIRS, over OURS: conflict markers
    /// with the common version; git's exit status (the number of conflicts, 0 for none).
    static func mergeByLines(base: String, ours: String, theirs: String, name: String, markerSize: Int, sides: MergeSides,
                             in folder: WorkingFolder) throws -> Int32 {
        let git = ChildProcess(executable: "/usr/bin/env",
                               arguments: ["git", "merge-file", "--diff3", "--marker-size=\(markerSize)",
                                           "-L", sides.ours, "-L", "base", "-L", sides.theirs, ours, base, theirs],
                               folder: folder.path)
        let outcome: ChildProcess.Outcome
        do { outcome = try git.run().0 } catch {
            throw CLIError.data("\(name) could not be merged by lines: git merge-file could not be run (\(error.reason)); ours is as it was")
        }
        // A signal's number is the status `Process` gave for it.
        guard outcome.status < 128 else {
            throw CLIError.data("\(name) could not be merged by lines: git merge-file failed (status \(outcome.status)); ours is as it was")
        }
        return outcome.status
    }
}
