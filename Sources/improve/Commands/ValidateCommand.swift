import PlanJSON
import PlanKit
import PlanReports
import PlanStorage

/// `improve validate`: every plan file, every problem.
struct ValidateCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "validate",
        abstract: "Check plan files and report every problem (exit 1 when there are errors).",
        usage: "validate [--strict]",
        discussion: """
        Errors make a plan unusable; warnings (a recommendation no action answers, an action
        with no lead) do not. Exit 0 when there are no errors, 1 when there are.
        """,
        examples: [
            "improve validate",
            "improve validate --plan plans/blackpool-2019.json --strict",
            "improve validate --format json",
        ],
        pages: true)

    static let strict = Flag("--strict", help: "Treat warnings as problems too (exit 1 on warnings).")
    static let options = declared(strict)

    var common: CommonOptions
    var strict: Bool

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor)
        strict = arguments[Self.strict]
        if let extra = arguments.positionals.first {
            throw .usage("unexpected argument '\(extra)'; name plan files with --plan", command: Self.descriptor)
        }
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        // A file that cannot be read is reported after the others are checked.
        // Of each check only what the report shows is kept, not its plan: one plan is held at a time.
        var checks: [ValidationReport.CheckedFile] = [], unreadable: [PlanError] = []
        for file in try common.resolvePlanFiles() {
            do {
                var check = try PlanLoader.check(file: file, relativeTo: context.workingFolder, today: context.clock)
                // A merge left conflicts to settle: the plan is valid, but holds our side only.
                // Read once: the record (nil when none or stale) gives both the conflicts and a merge by lines.
                let record = ConflictFile.record(for: context.path(file))
                let conflicts = record?.conflicts ?? []
                if ConflictFile.isStale(for: context.path(file)) {
                    check.problems.append(PlanProblem(.warning, file: file, path: "", message:
                        "\(ConflictFile.path(for: file)) is from a merge whose result is no longer the plan (aborted, or changed since); remove it"))
                }
                if check.hasErrors, let note = GitRepository.mergeNote(file: file, in: context.workingFolder) {
                    check.problems.append(PlanProblem(.error, file: file, path: "", message: note))
                } else if record?.lineMerge != nil {
                    check.problems.append(PlanProblem(.warning, file: file, path: "", message:
                        "a merge by lines (\(ConflictFile.path(for: file))) is not finished, though the plan reads again: "
                        + "run improve resolve --remerge (a plan without markers is accepted as it is), or remove the file if the merge was aborted"))
                }
                if !conflicts.isEmpty {
                    check.problems.append(PlanProblem(.warning, file: file, path: "", message:
                        "\(conflicts.count) merge \(conflicts.count == 1 ? "conflict" : "conflicts") to settle (\(ConflictFile.path(for: file))); "
                        + "the plan keeps ours until improve resolve ID --take ours|theirs|FIELD=VALUE"))
                }
                if let plan = check.plan, let edits = RecordedSnapshot.handEdits(planPath: file, current: plan, relativeTo: context.workingFolder, today: context.clock) {
                    check.problems += HandEditNote.warnings(edits, file: file)
                }
                checks.append(ValidationReport.CheckedFile(check))
            } catch {
                unreadable.append(error)
            }
        }
        common.deferred.add(unreadable)
        if checks.isEmpty, let first = unreadable.first {
            common.deferred.clear()
            throw first
        }
        let report = ValidationReport(checks: checks)
        switch common.format {
        case .text, .markdown, .html, .csv, .docx, .xlsx: report.writeText(style: context.style, to: &context.stdout)
        case .json: JSONWriter.write(report.jsonValue, to: &context.stdout)
        }
        let failed = report.errorCount > 0 || (strict && report.warningCount > 0)
        return failed ? .findings : .success
    }
}
