import PlanJSON
import PlanKit
import PlanReports

/// `improve list`: the actions of the plans, filtered and sorted.
struct ListCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "list",
        abstract: "List actions, filtered and sorted (by deadline unless --sort says otherwise).",
        usage: "list [--status LEVEL] [--lead TEXT] [--theme ID] [--rec ID] [--due-before DATE] [--due-after DATE] [--overdue] [--sort KEY] [--format text|json|csv] [--bom] [--fields A,B,…] [TEXT]",
        discussion: """
        TEXT keeps actions whose id, text, sub-points, leads, success measure, evidence, milestones or comments contain it (any case).
        Filters combine: an action must pass all of them. --status and --theme may be repeated to allow several.
        """,
        examples: [
            "improve list --lead \"yot manager\" --overdue",
            "improve list --status amber --theme 5 --as-of 2015-04-23",
            "improve list \"secure accommodation\" --format json",
            "improve list --overdue --format json --fields id,status,dueDate,leads",
        ],
        pages: true)

    /// Read as text: which statuses there are is each plan's scheme's.
    static let status = Option<String>("--status", value: "LEVEL", repeatable: true, completion: .statuses(RAGScheme.default.levels.map(\.code) + ["none"]),
                                       help: "Status code or label (green, Complete), 'none' for no status recorded, or 'withdrawn'.")
    static let lead = Option<String>("--lead", value: "TEXT", help: "Actions with a lead containing TEXT (any case).")
    static let theme = Option<String>("--theme", value: "ID", repeatable: true, help: "Actions of this theme (LM, 1, 5).")
    static let rec = Option<String>("--rec", value: "ID", help: "Actions answering this recommendation (HMIP 8, hmip8).")
    static let dueBefore = DateOption.day("--due-before", help: "Actions due before DATE.")
    static let dueAfter = DateOption.day("--due-after", help: "Actions due after DATE.")
    static let overdue = Flag("--overdue", help: "Only overdue actions.")
    static let fields = Option<String>("--fields", value: "A,B,…", help: "With --format json: only these fields of each action, in this order.")
    static let sort = Option<ActionSortKey>("--sort", value: "KEY", completion: .choices(ActionSortKey.allCases.map(\.rawValue)), help: "deadline (default), id (plan order), status, lead or theme.") { text, use throws(CLIError) in
        guard let sort = ActionSortKey(rawValue: text) else {
            throw use.invalid(text, "; use \(ActionSortKey.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return sort
    }
    static let options = declared(status, lead, theme, rec, dueBefore, dueAfter, overdue, fields, sort, ByteOrderMark.flag) + TableLayoutChoice.specs

    var common: CommonOptions
    var query: ActionQuery
    var layout: TableLayoutChoice

    /// The JSON fields to write (`--fields`), or `nil` for all.
    var fields: [String]?
    var bom: Bool

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor, formats: [.text, .json, .csv])
        query = ActionQuery(asOf: common.asOf)
        layout = try TableLayoutChoice(arguments: arguments, context: context, command: Self.descriptor)
        query.statuses = try arguments.all(Self.status)
        query.lead = try arguments[Self.lead]
        query.themes = try arguments.all(Self.theme)
        query.recommendation = try arguments[Self.rec]
        query.dueBefore = try arguments[Self.dueBefore, today: context.today]
        query.dueAfter = try arguments[Self.dueAfter, today: context.today]
        query.overdueOnly = arguments[Self.overdue]
        if let sort = try arguments[Self.sort] { query.sort = sort }
        guard arguments.positionals.count <= 1 else {
            throw .usage("unexpected argument '\(arguments.positionals[1])'; quote a search text with spaces",
                         command: Self.descriptor)
        }
        query.text = arguments.positionals.first
        bom = try ByteOrderMark.read(arguments, format: common.format, command: Self.descriptor)
        if let text = try arguments[Self.fields] {
            guard common.format == .json else {
                throw .usage("\(Self.fields) chooses JSON fields; give \(CommonOptions.format) json too", command: Self.descriptor)
            }
            let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimming(.whitespaces) }
            let known = ActionListReport.jsonFields
            if let unknown = names.first(where: { !known.contains($0) }) {
                throw .usage("unknown field '\(unknown)' for \(Self.fields); use \(known.joined(separator: ", "))", command: Self.descriptor)
            }
            if let twice = names.enumerated().first(where: { names[..<$0.offset].contains($0.element) })?.element {
                throw .usage("the field '\(twice)' is given twice in \(Self.fields)", command: Self.descriptor)
            }
            fields = names
        }
    }


    func run(_ context: inout CommandContext) throws -> ExitCode {
        // The table needs of each plan only its actions' position on the day and what its columns show, so
        // plans are read as `overdue` reads them and kept small; a text search reads them whole. CSV and JSON
        // keep each row as written (``writeAsRead(_:)``).
        // Each plan gives its matching rows, holding only what the list shows, and its outline for the
        // checks that the filters name something; the plans themselves are dropped as they are read.
        if [.csv, .json].contains(common.format) { return try writeAsRead(&context) }
        let slim = query.text == nil
        let (query, comments) = (query, common.format != .text)
        var plans = slim
            ? try common.mapPositionsExistingOnAsOf { (outline: QueryOutline($0.plan), rows: query.rows(of: $0.forTextList, listing: true, keepingComments: comments)) }
            : try common.mapPlansExistingOnAsOf { (outline: QueryOutline($0.plan), rows: query.rows(of: $0.plan, listing: true, keepingComments: comments)) }
        try query.check(plans.map(\.outline))
        // The rows gathered, each plan's dropped as they are, and sorted in place: one copy of them at a time.
        var rows: [ActionRow] = []
        rows.reserveCapacity(plans.reduce(0) { $0 + $1.rows.count })
        for index in plans.indices {
            rows += plans[index].rows
            plans[index].rows = []
        }
        query.order(&rows)
        let report = ActionListReport(rows: rows, asOf: common.asOf, lead: query.lead)
        context.keptUntilExit.append(report)
        report.writeText(width: context.width, style: context.style, layout: layout.layout, to: &context.stdout)
        common.leftOut.writeNotes(to: &context)
        return .success
    }

    /// `--format json` and `csv`: each plan's matching rows are written as they are read (on all cores),
    /// and of each only its written line and what decides its place in the order are kept (a few dozen
    /// bytes beside the line); the lines are then written in the query's order. The same bytes as
    /// sorting the rows and writing them (``ActionListReport/writeJSON(fields:to:)``), in less memory.
    func writeAsRead(_ context: inout CommandContext) throws -> ExitCode {
        let (query, fields, json) = (query, fields, common.format == .json)
        var plans = try common.mapPlansExistingOnAsOf { loaded in
            let rows = query.rows(of: loaded.plan, listing: true, keepingComments: true)
            return (outline: QueryOutline(loaded.plan), places: rows.map(query.place(of:)),
                    lines: rows.map { json ? ActionListReport.jsonLine(of: $0, fields: fields) : ActionListReport.csvLine(of: $0) })
        }
        try query.check(plans.map(\.outline))
        var places: [ActionQuery.RowPlace] = []
        var lines: [String] = []
        let count = plans.reduce(0) { $0 + $1.lines.count }
        places.reserveCapacity(count)
        lines.reserveCapacity(count)
        for index in plans.indices {
            places += plans[index].places
            lines += plans[index].lines
            plans[index].places = []
            plans[index].lines = []
        }
        let order = query.ordering(places)
        places = []
        let sorted = order.lazy.map { lines[$0] }
        if json {
            ActionListReport.writeJSON(lines: sorted, count: lines.count, asOf: common.asOf, to: &context.stdout)
        } else {
            if bom { context.stdout.write(ByteOrderMark.text) }
            ActionListReport.writeCSV(lines: sorted, to: &context.stdout)
        }
        context.keptUntilExit.append(lines)
        common.leftOut.writeNotes(to: &context)
        return .success
    }
}
