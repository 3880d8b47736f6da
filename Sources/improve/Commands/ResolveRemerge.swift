import FoundationEssentials
import Glibc
import PlanKit
import PlanStorage

/// `improve resolve --remerge`: finish a merge the driver had to make by lines
/// because a side was not a readable plan. The working file is split at git's
/// conflict markers back into ours, theirs and the base, each is read as a
/// plan, and they are merged by meaning as the driver would have; a file with
/// no markers left that reads as a plan is accepted as it is.
extension ResolveCommand {
    func remerge(_ files: [String], context: inout CommandContext) throws -> ExitCode {
        let folder = context.workingFolder
        let pending = files.filter { file in
            ConflictFile.record(for: folder.resolve(file))?.lineMerge != nil
                || ConflictMarkers.firstMarkerLine(in: Array(FileManager.default.contents(atPath: folder.resolve(file)) ?? Data())) != nil
        }
        guard !pending.isEmpty else {
            context.stdout.write("no plan holds a merge by lines (no conflict markers, nothing recorded); nothing to remerge\n")
            return .success
        }
        var settled = true
        for file in pending { settled = try remerge(file, context: &context) && settled }
        return settled ? .success : .findings
    }

    /// Remerges one plan; whether it is left with nothing to settle.
    private func remerge(_ file: String, context: inout CommandContext) throws -> Bool {
        let record = ConflictFile.record(for: context.path(file))
        let sides = record?.sides ?? GitRepository.currentSides(environment: context.environment, in: context.workingFolder)
        guard let data = FileManager.default.contents(atPath: context.path(file)) else { throw CLIError.missingInput(file) }
        let bytes = Array(data)
        let text = String(decoding: bytes, as: UTF8.self)
        let split: ConflictMarkers.Split?
        do {
            split = try ConflictMarkers.split(text, size: record?.lineMerge?.markerSize)
        } catch {
            throw CLIError.data("\(file):\(error.line): \(error.message); fix it and run improve resolve --remerge again (nothing was changed)")
        }
        guard let split else {
            // No markers: the person merged the lines by hand, or git's line merge had no conflict.
            let check = PlanLoader.check(bytes: bytes, file: file, today: context.clock)
            guard check.plan != nil, !check.hasErrors else { throw PlanError.invalidPlan(path: file, problems: check.problems) }
            try ConflictFile.write([], planID: "", for: context.path(file))
            context.stdout.write("\(file): no conflict markers left and it reads as a plan; accepted as it is: git add \(file), then \(sides.finish)\n")
            return true
        }
        let today = context.clock
        func plan(_ side: ConflictMarkers.Side, _ name: String) throws -> Plan {
            let check = PlanLoader.check(bytes: Array(side.text.utf8), file: "\(file) (\(name))", today: today)
            if let plan = check.plan, !check.hasErrors { return plan }
            let first = check.problems.first { $0.severity == .error }
            let line = first?.line.flatMap(side.mergedLine)
            throw CLIError.data("\(file): \(name) still does not read as a plan"
                + (line.map { " (line \($0) of \(file))" } ?? "") + ": \(first?.message ?? "not a plan")"
                + "; fix it in \(name)'s part of the file and run improve resolve --remerge again (nothing was changed)")
        }
        let ours = try plan(split.ours, sides.ours)
        let theirs = try plan(split.theirs, sides.theirs)
        // The base as the markers hold it (with the changes both sides share), else git's stage 1.
        var base: Plan?, baseSource = "no common version"
        if let side = split.base, let found = try? plan(side, "base") { (base, baseSource) = (found, "the base in the markers") }
        if base == nil, let staged = try? GitSetupCommand.git(["show", ":1:./\(file)"], in: context.workingFolder) {
            let check = PlanLoader.check(bytes: Array(staged.utf8), file: "\(file) (base)", today: today)
            if !check.hasErrors, let found = check.plan { (base, baseSource) = (found, "the base git staged") }
        }
        let result = PlanMerge.merge(base: base, ours: ours, theirs: theirs, today: today)
        try store.replace(file: file, with: result.plan)
        try ConflictFile.write(result.conflicts, planID: result.plan.id, for: context.path(file), sides: sides)
        let count = result.conflicts.count
        context.stdout.write("\(file): \(sides.ours) and \(sides.theirs) merged by meaning against \(baseSource) (\(split.hunks) conflicting "
            + "\(split.hunks == 1 ? "place" : "places") in the lines)")
        guard count > 0 else {
            context.stdout.write("; nothing left to settle: git add \(file), then \(sides.finish)\n")
            return true
        }
        context.stdout.write("; \(count) merge \(count == 1 ? "conflict keeps" : "conflicts keep") \(sides.ours):\n")
        for conflict in result.conflicts { context.stdout.write("  " + MergeFileCommand.describe(conflict) + "\n") }
        context.stdout.write("Settle each with improve resolve ID --take ours|theirs|FIELD=VALUE, then git add \(file) and \(sides.finish).\n")
        return false
    }
}
