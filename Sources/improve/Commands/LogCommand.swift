import PlanJSON
import PlanKit
import PlanReports
import PlanStorage

/// `improve log`: what was recorded across the plans in a period, newest
/// first, so that a manager sees what colleagues recorded this week.
struct LogCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "log",
        abstract: "What was recorded in the plans lately, newest first: statuses, notes, deadlines, milestones, leads.",
        usage: "log [--since DATE|DAYS] [--lead TEXT] [--by NAME]",
        discussion: """
        Lists every history entry recorded after --since (default: the last 7 days) and on or before
        --as-of, newest first: the status from → to, a new deadline and its reason, a milestone done or
        reopened, a change of leads, and the comment, with who recorded it. --lead keeps the actions
        whose leads contain TEXT; --by keeps the entries recorded by someone whose name contains NAME.
        """,
        examples: [
            "improve log",
            "improve log --since 30d --lead \"yot manager\"",
            "improve log --plan plans/blackpool-2019.json --since 2019-03-31 --as-of 2019-04-30 --by \"Jo\"",
        ],
        pages: true)

    /// Read as text: a day, or a number of days counted back from --as-of (not from today).
    static let since = Option<String>("--since", value: "DATE|DAYS", help: "Entries after this day, or after this many days before --as-of (default: 7d).")
    static let by = Option<String>("--by", value: "NAME", help: "Only entries recorded by someone whose name contains NAME, ignoring case.")
    static let options = declared(since, LeadFilter.lead, by) + TableLayoutChoice.specs

    var common: CommonOptions
    var since: CalendarDate
    var lead: String?
    var by: String?
    var layout: TableLayoutChoice

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor)
        if let extra = arguments.positionals.first {
            throw .usage("unexpected argument '\(extra)'", command: Self.descriptor)
        }
        let text = try arguments[Self.since] ?? "7d"
        // A bare number of days (7, 7d) counts back from --as-of; anything else is a date
        // (-1w, like every relative date, counts from today).
        let digits = text.hasSuffix("d") ? text.dropLast() : Substring(text)
        if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            guard let days = Int(digits), (0...36_500).contains(days) else {
                throw .usage("invalid value '\(text)' for \(Self.since); give a day (2019-04-01) or a number of days (7d)", command: Self.descriptor)
            }
            since = common.asOf.adding(days: -days)
        } else {
            since = try ParsedArguments.day(text, for: Self.since.name, today: context.today, command: Self.descriptor)
        }
        guard since <= common.asOf else {
            throw .usage("\(Self.since) \(since) is after \(CommonOptions.asOf) \(common.asOf); give an earlier day", command: Self.descriptor)
        }
        lead = try LeadFilter(arguments: arguments, context: context, command: Self.descriptor, usesDefault: false).lead
        by = try arguments[Self.by]
        layout = try TableLayoutChoice(arguments: arguments, context: context, command: Self.descriptor)
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        // Each plan is reduced, as it is read, to its entries, its leads and its hand edits, and dropped.
        let (asOf, since, lead, by, folder, clock) = (common.asOf, since, lead, by, context.workingFolder, context.clock)
        let notesEdits = common.format == .text
        let parts = try common.mapPlans { loaded in
            (file: loaded.file, leads: lead == nil ? [] : loaded.plan.leadNames,
             edits: !notesEdits ? nil : RecordedSnapshot.handEdits(planPath: loaded.file, current: loaded.plan, relativeTo: folder, today: clock),
             items: ActivityLog.items(of: loaded.plan, asOf: asOf, since: since, lead: lead, by: by))
        }
        if let lead { try QueryError.checkLead(lead, amongLeadsOf: parts.map(\.leads)) }
        // What changed by hand is not in the log's entries: said at the top.
        if common.format == .text {
            for part in parts {
                if let edits = part.edits {
                    // Wrapped, as the log below is, at a terminal's width.
                    let summary = HandEditNote.summary(edits, file: part.file)
                    let lines = context.width.map { width in summary.split(separator: "\n", omittingEmptySubsequences: false)
                        .flatMap { TextTable.wrap(String($0), width: width) } } ?? [summary]
                    context.stdout.write(lines.joined(separator: "\n") + "\n")
                }
            }
        }
        let log = ActivityLog(items: parts.flatMap(\.items), showsPlan: parts.count > 1, asOf: asOf, since: since)
        switch common.format {
        case .json: JSONWriter.write(log.jsonValue, to: &context.stdout)
        default: log.writeText(width: context.width, style: context.style, layout: layout.layout, to: &context.stdout)
        }
        return .success
    }
}
