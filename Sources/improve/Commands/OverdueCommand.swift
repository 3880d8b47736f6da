import PlanJSON
import PlanKit
import PlanReports

/// `improve overdue`: the cron check. Silent with exit 0 when nothing is
/// overdue; a list and exit 1 otherwise.
struct OverdueCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "overdue",
        abstract: "List actions and milestones past their deadline (exit 1 when there are any); made for cron.",
        usage: "overdue [--lead TEXT | --all] [--group lead|theme] [--within DAYS] [--quiet] [--format text|json|markdown|html]",
        discussion: """
        Prints nothing and exits 0 when nothing is overdue; exits 1 when something is. Errors keep
        their own exit codes (64 usage, 65 bad plan data, 66 missing plans), so a cron job can tell
        "overdue" from "broken". --within 14d also lists what falls due in the next 14 days.
        --lead keeps one person's actions; without it, $IMPROVE_LEAD or 'lead = NAME' in
        ~/.config/improve/config (or $XDG_CONFIG_HOME/improve/config) does, unless --all is given.
        """,
        examples: [
            "improve overdue --within 14d",
            "improve overdue --lead \"yot manager\" --group theme",
            "improve overdue --quiet || echo \"something is overdue\"",
        ],
        pages: true)

    static let group = Option<OverdueGrouping>("--group", value: "lead|theme", help: "Group by lead (default) or by theme.")
    static let within = Option.days("--within", value: "DAYS", help: "Also list what falls due within DAYS (14 or 14d).")
    static let quiet = Flag("--quiet", short: "-q", help: "Print only a one-line count (nothing when none is overdue).")
    static let options = declared(group, within, quiet, LeadFilter.lead, LeadFilter.all) + TableLayoutChoice.specs

    var common: CommonOptions
    var grouping: OverdueGrouping
    var within: Int?
    var quiet: Bool
    var leads: LeadFilter
    var layout: TableLayoutChoice

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor,
                                   formats: [.text, .json, .markdown, .html])
        grouping = try arguments[Self.group] ?? .lead
        within = try arguments[Self.within]
        quiet = arguments[Self.quiet]
        layout = try TableLayoutChoice(arguments: arguments, context: context, command: Self.descriptor)
        leads = try LeadFilter(arguments: arguments, context: context, command: Self.descriptor, usesDefault: true)
        if let extra = arguments.positionals.first {
            throw .usage("unexpected argument '\(extra)'", command: Self.descriptor)
        }
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        // Each plan is reduced to its overdue items as it is read, keeping only
        // the history that shows each action's position on the day: a portfolio
        // of any size is never in memory at once.
        let (asOf, within, lead) = (common.asOf, within, leads.lead)
        /// The plan's position, narrowed to the lead's actions, and whether it has any.
        @Sendable func mine(_ position: PlanPosition) -> (position: PlanPosition, hasLead: Bool) {
            guard let lead else { return (position, true) }
            let narrowed = position.keepingActions(ledBy: lead)
            return (narrowed, !narrowed.plan.actions.isEmpty)
        }
        if quiet, common.format == .text {
            // Only the count is printed, so only the counts are kept.
            let counts = try common.mapPositionsExistingOnAsOf { position in
                let (narrowed, hasLead) = mine(position)
                return (OverdueReport(position: narrowed).counts, hasLead)
            }
            if lead != nil, !counts.contains(where: \.1) { try leads.check(in: try common.loadPlans()) }
            let actions = counts.reduce(0) { $0 + $1.0.actions }, milestones = counts.reduce(0) { $0 + $1.0.milestones }
            if actions + milestones > 0 {
                context.stdout.write(OverdueReport.countLine(actions: actions, milestones: milestones, asOf: asOf) + "\n")
            }
            // Quiet is for cron: the count line or nothing, so no note of plans left out.
            return actions + milestones == 0 ? .success : .findings
        }
        let parts = try common.mapPositionsExistingOnAsOf { position in
            let (narrowed, hasLead) = mine(position)
            return (OverdueReport(position: narrowed, withinDays: within), hasLead)
        }
        if lead != nil, !parts.contains(where: \.1) {
            try leads.check(in: try common.loadPlans())
        }
        var report = OverdueReport(merging: parts.map(\.0), asOf: asOf, withinDays: within)
        report.lead = lead
        context.keptUntilExit.append(report)
        switch common.format {
        case .json:
            JSONWriter.write(report.jsonValue, to: &context.stdout)
        case .markdown:
            // For an email body; like the text, nothing when nothing is due.
            if !report.overdue.isEmpty || !report.dueSoon.isEmpty { context.stdout.write(report.document(grouping: grouping).markdown) }
        case .html:
            if !report.overdue.isEmpty || !report.dueSoon.isEmpty { context.stdout.write(report.document(grouping: grouping).html) }
        case .text, .csv:
            if quiet {
                if !report.overdue.isEmpty { context.stdout.write(report.countLine + "\n") }
            } else {
                report.writeText(grouping: grouping, width: context.width, style: context.style, layout: layout.layout,
                                 to: &context.stdout)
            }
        }
        if !quiet { common.leftOut.writeNotes(to: &context) }
        return report.overdue.isEmpty ? .success : .findings
    }
}

extension OverdueGrouping: OptionChoice {}
