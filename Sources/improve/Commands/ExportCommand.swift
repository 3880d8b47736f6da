import PlanKit
import PlanInterchange

/// `improve export csv|ics|xlsx|docx`: plans out to spreadsheets, calendars and the council's own formats.
struct ExportCommand: Command {
    /// CSV and iCalendar files, with their own quoting and line endings.
    static func writesTextForPeople(_ arguments: ParsedArguments) -> Bool { false }

    static let descriptor = CommandDescriptor(
        name: "export",
        abstract: "Export actions (or milestones) as CSV, Excel or Word, deadlines as an iCalendar file, or workbooks for leads to update.",
        usage: "export csv [--milestones] [--bom] | export ics [--lead TEXT] [--open] | export xlsx|docx [--out FILE] | export --for-update [--lead TEXT] --out DIR|FILE.xlsx",
        discussion: """
        csv: one row per action (--milestones: per milestone), RFC 4180, formula-safe; `improve import`
        reads the action export back. ics: every dated deadline and milestone as an all-day event with
        a UID that stays the same across exports, so importing again updates events. xlsx, docx: the
        action export's columns under the plan's title, and the recommendations, in a file `improve import`
        reads back (give the file as --recommendations too); to --out FILE or a redirect.
        \(Self.forUpdateDiscussion)
        """,
        examples: [
            "improve export csv --bom > plan.csv",
            "improve export ics --lead \"YOT Manager\" --open > mine.ics",
            "improve export xlsx --out plan.xlsx",
            "improve export docx > plan.docx",
            "improve export --for-update --out updates",
            "improve export --for-update --lead \"YOT Manager\" --out yot-manager.xlsx",
        ])

    static let milestones = Flag("--milestones", help: "csv: one row per milestone.")
    static let bom = ByteOrderMark.flag
    static let lead = Option<String>("--lead", value: "TEXT", help: "ics, and workbooks for leads: only actions with a lead containing TEXT (64 when no action has one).")
    static let open = Flag("--open", help: "ics: only what is not complete.")
    static let options = declared(milestones, bom, lead, open, forUpdate, out)

    enum Kind: String { case csv, ics, xlsx, docx }

    var common: CommonOptions
    var kind: Kind
    var milestones: Bool
    var bom: Bool
    var lead: String?
    var openOnly: Bool
    /// Where `--for-update` writes; `nil` for csv, ics, xlsx and docx.
    var forUpdate: UpdateDestination?
    /// Where an Excel or Word export goes (ExportCommand+Office.swift); `nil` for CSV and iCalendar.
    var binary: BinaryOutput?

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        // The form is named, not given as a format: `export xlsx`, as `export csv`.
        if let format = try arguments[CommonOptions.format], let named = Kind(rawValue: format.lowercased()) {
            throw .usage("export names its form without \(CommonOptions.format): improve export \(named.rawValue)", command: Self.descriptor)
        }
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor, formats: [.text])
        forUpdate = try Self.updateDestination(arguments, context: context)
        if forUpdate != nil {
            lead = try arguments[Self.lead]
            (kind, milestones, bom, openOnly, binary) = (.csv, false, false, false, nil)
            return
        }
        guard let name = arguments.positionals.first, let kind = Kind(rawValue: name) else {
            throw .usage(arguments.positionals.first.map { "cannot export '\($0)'; export csv, ics, xlsx or docx" } ?? "missing what to export: csv, ics, xlsx or docx",
                         command: Self.descriptor)
        }
        if arguments.positionals.count > 1 { throw .usage("unexpected argument '\(arguments.positionals[1])'", command: Self.descriptor) }
        self.kind = kind
        milestones = arguments[Self.milestones]
        bom = arguments[Self.bom]
        lead = try arguments[Self.lead]
        openOnly = arguments[Self.open]
        if kind == .csv || kind == .xlsx || kind == .docx, lead != nil || openOnly {
            throw .usage("\(Self.lead) and \(Self.open) go with export ics", command: Self.descriptor)
        }
        if kind != .csv, milestones || bom {
            throw .usage("\(Self.milestones) and \(Self.bom) go with export csv", command: Self.descriptor)
        }
        binary = try Self.binaryOutput(arguments, kind: kind, context: context)
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        if let forUpdate { return try runForUpdate(forUpdate, &context) }
        switch kind {
        case .csv: try writeCSV(&context)
        case .ics: try writeCalendar(&context)
        case .xlsx, .docx:
            let plans = try common.loadPlans()
            try binary?.write(try Self.bytes(of: plans, kind: kind, asOf: common.asOf), context: &context)
        }
        return .success
    }

    /// The CSV export written a plan at a time as the plans are read, each plan's rows dropped once
    /// written: a portfolio's export never holds more than a few plans. The header is written with
    /// the first plan read, so a folder where none can be read writes nothing, as before.
    private func writeCSV(_ context: inout CommandContext) throws {
        let (asOf, milestones) = (common.asOf, milestones)
        var started = false
        try common.streamPlans { loaded in
            milestones ? PlanExporter.milestonesCSV(of: loaded.plan, asOf: asOf) : PlanExporter.actionsCSV(of: loaded.plan, asOf: asOf)
        } consume: { rows in
            if !started {
                context.stdout.write(milestones ? PlanExporter.milestonesCSVHeader(byteOrderMark: bom) : PlanExporter.actionsCSVHeader(byteOrderMark: bom))
                started = true
            }
            context.stdout.write(rows)
        }
    }

    /// The calendar written a plan at a time, as ``writeCSV(_:)``. A lead that matches no one is
    /// refused, as every command refuses it, not an empty calendar: until a plan is read where an
    /// action's lead matches, what is read is held back (events are only of matching actions, so
    /// there are few if any: an action led by them once, as the plan stood on the day), and the
    /// refusal names the leads of every plan.
    private func writeCalendar(_ context: inout CommandContext) throws {
        let (asOf, lead, openOnly) = (common.asOf, lead, openOnly)
        var matched = lead == nil, heldBack = PlanExporter.calendarStart, leads: [[String]] = []
        try common.streamPlans { loaded in
            (events: PlanExporter.calendarEvents(of: loaded.plan, asOf: asOf, lead: lead, openOnly: openOnly),
             leads: lead == nil ? [] : loaded.plan.leadNames)
        } consume: { part in
            if let lead, !matched {
                leads.append(part.leads)
                matched = QueryError.someLead(of: part.leads, matches: lead)
            }
            heldBack += part.events
            if matched {
                context.stdout.write(heldBack)
                heldBack = ""
            }
        }
        if let lead, !matched { try QueryError.checkLead(lead, amongLeadsOf: leads) }
        context.stdout.write(heldBack + PlanExporter.calendarEnd)
    }
}
