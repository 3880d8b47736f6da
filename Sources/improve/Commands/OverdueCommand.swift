import PlanJSON
import PlanKit
import PlanReports

/// `improve overdue`: the cron check. Silent with exit 0 when nothing is
/// overdue; a list and exit 1 otherwise.
struct OverdueCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "overdue",
        abstract: "List actions and milestones past their deadline (exit 1 when there are any); made for cron.",
        usage: "overdue [--lead TEXT | --all] [--new-since DATE] [--due-within DAYS] [--stale DAYS] [--group theme|lead] [--quiet] [--format text|json|markdown|html]",
        discussion: """
        Prints nothing and exits 0 when nothing is overdue; exits 1 when something is. Errors keep
        their own exit codes (64 usage, 65 bad plan data, 66 missing plans), so a cron job can tell
        "overdue" from "broken".
        --new-since DATE lists only what became overdue after DATE and still is on the day (a due day
        that fell in between, or a deadline moved into the past), worked out from the plans' own
        histories; it exits 1 only when something is new, so a daily cron line with --new-since yesterday
        mails only news. Relative dates (yesterday, -1w) count from the --as-of day.
        --due-within 14d (or --within) also lists what falls due in the next 14 days; --stale 60d lists the
        open actions whose latest update is at least 60 days old. Each is a section of its own.
        An action is listed once: under its theme, or under the lead asked for; --group lead lists
        every lead's, an action under each of its leads.
        --lead keeps one person's actions; without it, $IMPROVE_LEAD or 'lead = NAME' in
        ~/.config/improve/config (or $XDG_CONFIG_HOME/improve/config) does, unless --all is given;
        the output then says which lead it was narrowed to. Give --all in cron lines.
        """,
        examples: [
            "improve overdue --due-within 14d",
            "improve overdue --all --new-since yesterday --quiet",
            "improve overdue --all --new-since yesterday --due-within 14d --stale 60d",
            "improve overdue --lead \"yot manager\" --group lead",
            "improve overdue --quiet || echo \"something is overdue\"",
        ],
        pages: true)

    static let group = Option<OverdueGrouping>("--group", value: "theme|lead", help: "Group by theme (the default without a lead) or by lead (the default with one; an action under each of its leads).")
    static let within = Option.days("--within", value: "DAYS", help: "The same as --due-within.")
    static let dueWithin = Option.days("--due-within", value: "DAYS", help: "Also list what falls due within DAYS (14 or 14d).")
    static let newSince = DateOption.day("--new-since", help: "Only what became overdue after DATE and still is (yesterday: the day before --as-of).")
    static let stale = Option.days("--stale", value: "DAYS", help: "Also list the open actions with no update for DAYS or more (60d).")
    static let quiet = Flag("--quiet", short: "-q", help: "Print only a one-line count (nothing when none is overdue).")
    static let options = declared(group, dueWithin, within, newSince, stale, quiet, LeadFilter.lead, LeadFilter.all) + TableLayoutChoice.specs

    var common: CommonOptions
    var grouping: OverdueGrouping
    var within: Int?
    var newSince: CalendarDate?
    var staleDays: Int?
    var quiet: Bool
    var leads: LeadFilter
    var layout: TableLayoutChoice

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor,
                                   formats: [.text, .json, .markdown, .html])
        // Each action once: under its theme, or (for someone's own list) under their lead alone.
        let givenGrouping = try arguments[Self.group]
        if arguments.given(Self.within), arguments.given(Self.dueWithin) {
            throw .usage("\(Self.within) and \(Self.dueWithin) are the same option; give one", command: Self.descriptor)
        }
        if let days = try arguments[Self.dueWithin] { within = days } else { within = try arguments[Self.within] }
        newSince = try arguments[Self.newSince, today: common.asOf]
        if let newSince, newSince >= common.asOf {
            throw .usage("invalid value '\(newSince)' for \(Self.newSince): it must be before the day of the check (\(common.asOf)); give yesterday or an earlier day",
                         command: Self.descriptor)
        }
        staleDays = try arguments[Self.stale]
        quiet = arguments[Self.quiet]
        layout = try TableLayoutChoice(arguments: arguments, context: context, command: Self.descriptor)
        leads = try LeadFilter(arguments: arguments, context: context, command: Self.descriptor, usesDefault: true)
        grouping = givenGrouping ?? (leads.lead == nil ? .theme : .lead)
        if let extra = arguments.positionals.first {
            throw .usage("unexpected argument '\(extra)'", command: Self.descriptor)
        }
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        // Each plan is reduced to its overdue items as it is read, keeping only
        // the history that shows each action's position on the day: a portfolio
        // of any size is never in memory at once.
        let (asOf, within, lead, newSince, staleDays) = (common.asOf, within, leads.lead, newSince, staleDays)
        /// The plan's position, narrowed to the lead's actions, and whether it has any.
        @Sendable func mine(_ position: PlanPosition) -> (position: PlanPosition, hasLead: Bool) {
            guard let lead else { return (position, true) }
            let narrowed = position.keepingActions(ledBy: lead)
            return (narrowed, !narrowed.plan.actions.isEmpty)
        }
        /// The plan's report: with --new-since, from its whole history, compared with its position on that day.
        @Sendable func report(_ position: PlanPosition, plan whole: Plan?) -> (OverdueReport, Bool) {
            let (narrowed, hasLead) = mine(position)
            let earlier = newSince.flatMap { day in whole.map { mine(PlanPosition(of: $0, on: day)).position } }
            return (OverdueReport(position: narrowed, withinDays: within, earlier: earlier, staleDays: staleDays), hasLead)
        }
        func parts() throws -> [(OverdueReport, Bool)] {
            if newSince != nil {
                return try common.mapPlansExistingOnAsOf { loaded in report(PlanPosition(of: loaded.plan, on: asOf), plan: loaded.plan) }
            }
            return try common.mapPositionsExistingOnAsOf { report($0, plan: nil) }
        }
        if quiet, common.format == .text {
            // Only the count is printed, so only the counts are kept.
            let counts = try parts().map { ($0.0.counts, $0.1) }
            if lead != nil, !counts.contains(where: \.1) { try leads.check(in: try common.loadPlans()) }
            let actions = counts.reduce(0) { $0 + $1.0.actions }, milestones = counts.reduce(0) { $0 + $1.0.milestones }
            if actions + milestones > 0 {
                context.stdout.write(OverdueReport.countLine(actions: actions, milestones: milestones, asOf: asOf, newSince: newSince)
                                     + narrowedTo + "\n")
            }
            // Quiet is for cron: the count line or nothing, so no note of plans left out.
            return actions + milestones == 0 ? .success : .findings
        }
        let found = try parts()
        if lead != nil, !found.contains(where: \.1) {
            try leads.check(in: try common.loadPlans())
        }
        var report = OverdueReport(merging: found.map(\.0), asOf: asOf, withinDays: within, newSince: newSince, staleDays: staleDays)
        report.lead = lead
        context.keptUntilExit.append(report)
        switch common.format {
        case .json:
            JSONWriter.write(report.jsonValue, to: &context.stdout)
        case .markdown:
            // For an email body; like the text, nothing when nothing is listed.
            if report.listsAnything { context.stdout.write(report.document(grouping: grouping).markdown + (narrowedTo.isEmpty ? "" : "\n" + narrowedNote + "\n")) }
        case .html:
            if report.listsAnything { context.stdout.write(report.document(grouping: grouping).html) }
        case .text, .csv, .docx, .xlsx:
            if quiet {
                if !report.overdue.isEmpty { context.stdout.write(report.countLine + narrowedTo + "\n") }
            } else {
                report.writeText(grouping: grouping, width: context.width, style: context.style, layout: layout.layout,
                                 to: &context.stdout)
                if report.listsAnything, !narrowedTo.isEmpty { context.stdout.write("\n" + narrowedNote + "\n") }
            }
        }
        if !quiet { common.leftOut.writeNotes(to: &context) }
        return report.overdue.isEmpty ? .success : .findings
    }

    /// What a count line adds when a default lead narrowed it, so that a cron mail never hides that it was narrowed.
    var narrowedTo: String {
        guard let lead = leads.lead, let source = leads.source else { return "" }
        return " (lead \"\(lead)\", the default from \(source); --all for every lead)"
    }

    /// The sentence under a list a default lead narrowed.
    var narrowedNote: String {
        guard let lead = leads.lead, let source = leads.source else { return "" }
        return "note: only the actions of lead \"\(lead)\", the default from \(source); give \(LeadFilter.all) for every lead's"
    }
}

extension OverdueGrouping: OptionChoice {}
