import PlanJSON
import PlanKit
import PlanReports
import PlanStorage

/// `improve show ID`: all about one action, or a recommendation and the
/// actions that answer it.
struct ShowCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "show",
        abstract: "Show one action, or a recommendation with the actions that answer it.",
        usage: "show ID",
        discussion: """
        Ids match forgivingly: lm7, LM7 and "LM 7" are the same action; hmip8 is HMIP 8.
        With several plans loaded, PLAN:ID names one (blackpool-2019:LM 7).
        """,
        examples: [
            "improve show lm7",
            "improve show hmip8 --as-of 2019-05-01",
            "improve show portsmouth-2014:1.9",
        ],
        pages: true)

    static let options: [OptionSpec] = []

    var common: CommonOptions
    var id: String

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor)
        guard let id = arguments.positionals.first else {
            throw .usage("missing the id of an action or recommendation", command: Self.descriptor)
        }
        guard arguments.positionals.count == 1 else {
            throw .usage("unexpected argument '\(arguments.positionals[1])'; quote an id with spaces (\"LM 7\")",
                         command: Self.descriptor)
        }
        self.id = id
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        let (entry, file) = try findEntry()
        var report = EntryDetailReport(entry: entry, asOf: common.asOf)
        report.withdrawnHint = "not counted; improve \(ReinstateCommand.descriptor.name) puts it back"
        switch common.format {
        case .text:
            report.writeText(width: context.width ?? 80, style: context.style, to: &context.stdout)
            // Fields changed by hand are shown as they are now, but their history does not say so.
            if case .action(let plan, let action) = entry,
               let edits = RecordedSnapshot.handEdits(planPath: file, current: plan, relativeTo: context.workingFolder, today: context.clock), !edits.fields(of: action.id).isEmpty {
                // Wrapped to the width the report above was, so that a terminal does not cut it mid-word.
                let note = HandEditNote.line(action: action.id, fields: edits.fields(of: action.id), file: file)
                context.stdout.write("\n" + TextTable.wrap(note, width: context.width ?? 80).joined(separator: "\n") + "\n")
            }
        case .markdown, .html, .csv, .docx, .xlsx: report.writeText(width: context.width ?? 80, style: context.style, to: &context.stdout)
        case .json: JSONWriter.write(report.jsonValue, to: &context.stdout)
        }
        return .success
    }

    /// The entry the id names and the file of its plan. Of several plans, the
    /// id is resolved over their ids (``PlanFolderIndex``: a plan `improve`
    /// last wrote after a whole check is read for its ids only), then the one
    /// plan that has it is read whole; plans that cannot be loaded are
    /// reported after the output, as a whole read of every plan reports them.
    /// An id that names its plan exactly (`yot-7:1.1`) reads that plan alone.
    func findEntry() throws -> (entry: PlanEntry, file: String) {
        let files = try common.resolvePlanFiles()
        guard files.count > 1 else {
            let loaded = try common.mapPlans { ($0.file, $0.plan) }
            return (try Portfolio(plans: loaded.map(\.1)).entry(named: id), loaded[0].0)
        }
        if let (named, _) = PlanFolderIndex.fileNamedByPlan(id, in: files, relativeTo: common.workingFolder) {
            // PLAN:ID: only that plan is read (the other files for the id at their head).
            let plan = try PlanLoader.load(file: named.path, relativeTo: common.workingFolder, today: common.today).plan
            return (try Portfolio(plans: [plan]).entry(named: id), named.path)
        }
        let (plans, failures) = try PlanFolderIndex.identifiers(of: files, relativeTo: common.workingFolder, today: common.today, unloadable: .collect)
        common.deferred.add(failures)
        let found = try PlanIdentifiers.resolve(id, among: plans.map(\.ids))
        let file = plans[found.plan].file.path
        let plan = try PlanLoader.load(file: file, relativeTo: common.workingFolder, today: common.today).plan
        switch found.kind {
        case .action:
            if let action = plan.actions.first(where: { $0.id == found.id }) { return (.action(plan, action), file) }
        case .recommendation:
            if let recommendation = plan.recommendations.first(where: { $0.id == found.id }) { return (.recommendation(plan, recommendation), file) }
        }
        // The plan changed since its ids were read: the id is looked for in it again, as typed.
        return (try Portfolio(plans: [plan]).entry(named: id), file)
    }
}
