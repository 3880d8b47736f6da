import PlanJSON
import PlanKit
import PlanReports

/// `improve report`: the board pack.
struct ReportCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "report",
        abstract: "The board pack: summary, movement since the last board, exceptions, deadlines changed, what is due next.",
        usage: "report [--lead TEXT] [--since DATE] [--next DATE] [--group theme|rec] [--stale DAYS] [--format text|markdown|html|csv|json|docx|xlsx] [--section NAME | --sections A,B,… | --brief] [--bom] [--out FILE]",
        discussion: """
        --since defaults to the last board meeting before the as-of date when the plan records board
        meetings, else a month before; --next to the next board meeting, else a month after.
        With --as-of, everything is read from the history as it stood that day.
        docx is the pack for committee papers (Word), xlsx a sheet per section (Excel), csv a ZIP of one
        CSV file per section (--section NAME: that one, as CSV); these go to --out FILE or a redirect.
        """,
        examples: [
            "improve report --format html > pack.html",
            "improve report --as-of 2015-04-23 --since 2015-03-19 --format markdown",
            "improve report --format csv --section exceptions",
            "improve report --format docx --out pack.docx",
            "improve report --format xlsx > pack.xlsx",
            "improve report --brief --format html > brief.html",
            "improve report --sections headline,exceptions,due --format markdown",
        ],
        pages: true)

    static let since = DateOption.day("--since", help: "Start of the period for movement and deadline changes.")
    static let next = DateOption.day("--next", help: "The next board: list what falls due before it.")
    static let section = Option<String>("--section", value: "NAME", help: "With --format csv: only this section, as one table (headline, trend, exceptions, progress, deadlines, due, rag, recommendations, no-status, stale, contradictions, withdrawn).")
    static let options = declared(since, next, section, sections, brief, ByteOrderMark.flag, BinaryOutput.out) + SummaryCommand.sharedOptions

    var common: CommonOptions
    var grouping: SummaryGrouping
    var staleDays: Int
    var since: CalendarDate?
    var next: CalendarDate?
    var section: String?
    var leads: LeadFilter
    var layout: TableLayoutChoice
    /// Where a Word, Excel or zipped CSV pack goes (ReportCommand+Office.swift); `nil` for text.
    var binary: BinaryOutput?
    /// The sections chosen with `--sections`, in order.
    var chosen: [String]?
    var brief: Bool
    var bom: Bool
    /// The plan files named with `--plan`, for the command the brief gives.
    var plans: [String]

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor, formats: SummaryCommand.formats + [.docx, .xlsx])
        (grouping, staleDays) = try SummaryCommand.readGroupingAndStale(arguments, command: Self.descriptor)
        since = try arguments[Self.since, today: context.today]
        next = try arguments[Self.next, today: context.today]
        section = try ReportOutput.section(Self.section, arguments, format: common.format, command: Self.descriptor)
        binary = try Self.binaryOutput(arguments, format: common.format, section: section, context: context)
        leads = try LeadFilter(arguments: arguments, context: context, command: Self.descriptor, usesDefault: false)
        layout = try TableLayoutChoice(arguments: arguments, context: context, command: Self.descriptor)
        brief = arguments[Self.brief]
        chosen = try Self.readSections(arguments, section: section, brief: brief)
        if brief, section != nil { throw .usage("give \(Self.brief) or \(Self.section), not both", command: Self.descriptor) }
        bom = try ByteOrderMark.read(arguments, format: common.format, command: Self.descriptor)
        plans = try arguments.all(CommonOptions.plan)
        if let since, since >= common.asOf {
            throw .usage("\(Self.since) \(since) is not before the as-of date \(common.asOf)", command: Self.descriptor)
        }
        if let next, next <= common.asOf {
            throw .usage("\(Self.next) \(next) is not after the as-of date \(common.asOf)", command: Self.descriptor)
        }
        if let extra = arguments.positionals.first { throw .usage("unexpected argument '\(extra)'", command: Self.descriptor) }
    }


    func run(_ context: inout CommandContext) throws -> ExitCode {
        var reports = try readParts(context)
        if common.format == .json {
            writeJSON(reports, context: &context)
        } else if common.format == .csv {
            try writeCSV(reports, context: &context)
        } else if let binary {
            // Word and Excel: the whole document's sections, each plan's kept as it was read, and
            // handed over (the parts let go) so that the writer can drop each plan's once written.
            var plans = reports.map(\.sections)
            reports = []
            try binary.write(try Self.bytes(of: document([]), plans: &plans, format: common.format), context: &context)
        } else {
            // Text, Markdown, HTML: each plan's sections were written as the plan was read.
            write(reports, context: &context)
        }
        common.leftOut.writeNotes(to: &context)
        return .success
    }
}
