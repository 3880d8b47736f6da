import Foundation
import PlanJSON
import PlanKit
import PlanStorage

/// `improve merge-file BASE OURS THEIRS`: git's merge driver for plan files.
struct MergeFileCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "merge-file",
        abstract: "Merge two versions of a plan by meaning (git's merge driver; see git-setup).",
        usage: "merge-file BASE OURS THEIRS [--path NAME]",
        discussion: """
        Writes the merge over OURS, always a valid plan in the canonical form. History both sides
        added is kept, in date order; actions, milestones, recommendations, themes and board meetings
        added on either side are kept; a field changed on one side takes that change. A field both
        sides changed differently keeps ours: each such conflict is listed on stderr and in
        .NAME.json.conflicts beside the plan, and the exit code is 1 so that git marks the file
        unmerged; settle them with improve resolve. A JSON file that is not a plan is merged by
        lines (git merge-file).
        """,
        examples: [
            "improve merge-file base.json ours.json theirs.json --path plans/blackpool-2019.json",
        ])

    static let options: [OptionSpec] = [
        OptionSpec(name: "--path", value: "NAME", help: "The plan's path in the repository (git's %P): names it in messages and places its conflicts file."),
    ]

    var base: String
    var ours: String
    var theirs: String
    var path: String?
    var store: PlanStore

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.count == 3 else {
            throw .usage("merge-file takes three files: BASE OURS THEIRS", command: Self.descriptor)
        }
        (base, ours, theirs) = (arguments.positionals[0], arguments.positionals[1], arguments.positionals[2])
        path = arguments.value("--path")
        store = ChangeOptions.store(context)
    }

    /// A version of the plan: `nil` for an empty file (git's base when the sides share none).
    static func read(_ file: String, as name: String) throws -> (plan: Plan?, isPlan: Bool) {
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError.missingInput(file) }
        if data.allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) { return (nil, true) }
        let bytes = Array(data)
        // A valid plan is read once, into the plan (not a JSON tree as well).
        let check = PlanLoader.check(bytes: bytes, file: name)
        if let plan = check.plan, !check.hasErrors { return (plan, true) }
        // A plan is a file that says its format version, even one cut short or broken.
        let saysPlan = String(decoding: bytes.prefix(4096), as: UTF8.self).contains("\"\(PlanField.formatVersion.key)\"")
        guard let root = try? JSONParser.parse(bytes), root[PlanField.formatVersion.key] != nil else {
            if saysPlan { throw PlanError.invalidPlan(path: name, problems: check.problems) }
            return (nil, false)
        }
        throw PlanError.invalidPlan(path: name, problems: check.problems)
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        let name = path ?? ours
        guard let result = try merged(name: name) else {
            return try Self.mergeByLines(base: base, ours: ours, theirs: theirs, name: name)
        }
        try store.replace(file: ours, with: result.plan)
        try ConflictFile.write(result.conflicts, planID: result.plan.id, for: name, bytesOf: ours)
        guard !result.conflicts.isEmpty else { return .success }
        context.stderr.write("improve: \(name): \(result.conflicts.count) merge \(result.conflicts.count == 1 ? "conflict" : "conflicts"); the plan keeps ours (listed in \(ConflictFile.path(for: name))):\n")
        for conflict in result.conflicts { context.stderr.write("  " + Self.describe(conflict) + "\n") }
        context.stderr.write("Settle each with improve resolve ID --take ours|theirs|FIELD=VALUE, then git add the plan.\n")
        return .findings
    }

    /// The three versions merged, or `nil` when neither side is a plan (merged by lines, as git
    /// would). The versions are let go on return, before the merged plan is written: a big plan's
    /// peak memory is then the merge, not the merge and the writing together.
    private func merged(name: String) throws -> PlanMergeResult? {
        let (ourPlan, oursIsPlan) = try Self.read(ours, as: "\(name) (ours)")
        let (theirPlan, theirsIsPlan) = try Self.read(theirs, as: "\(name) (theirs)")
        guard oursIsPlan, theirsIsPlan, let ourPlan, let theirPlan else {
            // One a plan and the other not: nothing is merged, so no marker ever lands in a plan.
            if ourPlan != nil || theirPlan != nil {
                throw CLIError.data("\(name): one side is a plan and the other is not; nothing was merged (ours is as it was)")
            }
            return nil
        }
        let basePlan = (try? Self.read(base, as: "\(name) (base)"))?.plan
        return PlanMerge.merge(base: basePlan, ours: ourPlan, theirs: theirPlan)
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

    /// git merge-file OURS BASE THEIRS: conflict markers in a file that is not a plan.
    static func mergeByLines(base: String, ours: String, theirs: String, name: String) throws -> ExitCode {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs", ours, base, theirs]
        do { try process.run() } catch {
            throw CLIError.data("\(name) is not a plan, and git merge-file could not be run to merge it by lines: \(error.localizedDescription)")
        }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? .success : .findings
    }
}
