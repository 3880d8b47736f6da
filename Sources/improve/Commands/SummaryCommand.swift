import PlanJSON
import PlanKit
import PlanReports

/// `improve summary`: the monthly RAG summary.
struct SummaryCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "summary",
        abstract: "RAG counts per theme and overall, stale and contradictory actions, and each recommendation's position.",
        usage: "summary [--lead TEXT] [--group theme|rec] [--stale DAYS] [--trend] [--format text|markdown|html|csv|json] [--section NAME] [--bom]",
        discussion: "With --as-of, statuses are read from the history as it stood that day.",
        examples: [
            "improve summary --as-of 2015-04-23",
            "improve summary --group rec --trend --format html > summary.html",
            "improve summary --format csv --section rag > rag.csv",
        ],
        pages: true)

    /// The options `summary` and `report` share.
    static let sharedOptions = declared(group, stale, LeadFilter.lead) + TableLayoutChoice.specs
    static let group = Option<SummaryGrouping>("--group", value: "theme|rec", help: "Count per theme (default) or per recommendation.")
    static let stale = Option.days("--stale", value: "DAYS", help: "An action not updated for more than DAYS is stale (default 60d).")

    static let options = sharedOptions + declared(section, trend, ByteOrderMark.flag)
    static let section = Option<String>("--section", value: "NAME", help: "With --format csv: only this section, as one table (rag, no-status, stale, contradictions, withdrawn, recommendations; trend with --trend).")
    // `report` always shows the trend; `summary` reads only each plan's position on the day unless asked.
    static let trend = Flag("--trend", help: "Add the RAG trend over the board meetings (or month ends); reads each plan's whole history.")

    static let formats = OutputFormat.documents

    var common: CommonOptions
    var grouping: SummaryGrouping
    var staleDays: Int
    var section: String?
    var showsTrend: Bool
    var leads: LeadFilter
    var layout: TableLayoutChoice
    var bom: Bool

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor, formats: Self.formats)
        (grouping, staleDays) = try Self.readGroupingAndStale(arguments, command: Self.descriptor)
        section = try ReportOutput.section(Self.section, arguments, format: common.format, command: Self.descriptor)
        showsTrend = arguments[Self.trend]
        layout = try TableLayoutChoice(arguments: arguments, context: context, command: Self.descriptor)
        leads = try LeadFilter(arguments: arguments, context: context, command: Self.descriptor, usesDefault: false)
        bom = try ByteOrderMark.read(arguments, format: common.format, command: Self.descriptor)
        if let extra = arguments.positionals.first { throw .usage("unexpected argument '\(extra)'", command: Self.descriptor) }
    }

    static func readGroupingAndStale(_ arguments: ParsedArguments, command: CommandDescriptor) throws(CLIError)
        -> (SummaryGrouping, Int)
    {
        (try arguments[group] ?? .theme, try arguments[stale] ?? 60)
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        // Each plan is summarised as it is read, with only the history that
        // shows its position on the day (the summary shows no comments).
        let (asOf, staleDays, grouping) = (common.asOf, staleDays, grouping)
        // A trend needs each plan's whole history; without one, only what shows the day's position is read.
        let lead = leads.lead
        // Of each plan only its leads, for the check that the lead names someone: not every plan whole.
        if let lead { try QueryError.checkLead(lead, amongLeadsOf: try common.mapPlans { $0.plan.leadNames }) }
        // Each plan's part is written as it is read (on all cores), and only that is kept: the summary is
        // the document's opening, the parts in file order and its end (see SummaryCommand+Parts.swift).
        // Long lists are shortened only for the terminal's text: other formats hold every row.
        let writing = SummaryWriting(format: common.format, width: context.width, style: context.style,
                                     layout: common.format == .text ? layout.layout : .wrapped, section: section,
                                     cleans: context.stdout.cleansText)
        let parts = showsTrend
            ? try common.mapPlansExistingOnAsOf { loaded in
                let plan = lead.map { loaded.plan.keepingActions(ledBy: $0) } ?? loaded.plan
                var summary = PlanSummary(plan: plan, asOf: asOf, staleDays: staleDays, grouping: grouping)
                summary.trend = RAGTrend(plan: plan, asOf: asOf)
                return writing.part(of: summary)
            }
            : try common.mapPositionsExistingOnAsOf { position in
                writing.part(of: PlanSummary(position: lead.map { position.keepingActions(ledBy: $0) } ?? position,
                                             staleDays: staleDays, grouping: grouping))
            }
        try write(parts, writing: writing, context: &context)
        common.leftOut.writeNotes(to: &context)
        return .success
    }
}

extension SummaryGrouping: OptionChoice {}
