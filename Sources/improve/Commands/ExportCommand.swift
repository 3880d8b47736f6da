import PlanKit
import PlanInterchange

/// `improve export csv|ics`: plans out to spreadsheets and calendars.
struct ExportCommand: Command {
    /// CSV and iCalendar files, with their own quoting and line endings.
    static func writesTextForPeople(_ arguments: ParsedArguments) -> Bool { false }

    static let descriptor = CommandDescriptor(
        name: "export",
        abstract: "Export actions (or milestones) as CSV, or deadlines as an iCalendar file.",
        usage: "export csv [--milestones] [--bom] | export ics [--lead TEXT] [--open]",
        discussion: """
        csv: one row per action (--milestones: per milestone), RFC 4180, formula-safe; `improve import`
        reads the action export back. ics: every dated deadline and milestone as an all-day event with
        a UID that stays the same across exports, so importing again updates events.
        """,
        examples: [
            "improve export csv --bom > plan.csv",
            "improve export ics --lead \"YOT Manager\" --open > mine.ics",
        ])

    static let milestones = Flag("--milestones", help: "csv: one row per milestone.")
    static let bom = ByteOrderMark.flag
    static let lead = Option<String>("--lead", value: "TEXT", help: "ics: only actions with a lead containing TEXT (64 when no action has one).")
    static let open = Flag("--open", help: "ics: only what is not complete.")
    static let options = declared(milestones, bom, lead, open)

    enum Kind: String { case csv, ics }

    var common: CommonOptions
    var kind: Kind
    var milestones: Bool
    var bom: Bool
    var lead: String?
    var openOnly: Bool

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor, formats: [.text])
        guard let name = arguments.positionals.first, let kind = Kind(rawValue: name) else {
            throw .usage(arguments.positionals.first.map { "cannot export '\($0)'; export csv or ics" } ?? "missing what to export: csv or ics",
                         command: Self.descriptor)
        }
        if arguments.positionals.count > 1 { throw .usage("unexpected argument '\(arguments.positionals[1])'", command: Self.descriptor) }
        self.kind = kind
        milestones = arguments[Self.milestones]
        bom = arguments[Self.bom]
        lead = try arguments[Self.lead]
        openOnly = arguments[Self.open]
        if kind == .csv, lead != nil || openOnly {
            throw .usage("\(Self.lead) and \(Self.open) go with export ics", command: Self.descriptor)
        }
        if kind == .ics, milestones || bom {
            throw .usage("\(Self.milestones) and \(Self.bom) go with export csv", command: Self.descriptor)
        }
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        let plans = try common.loadPlans()
        switch kind {
        case .csv:
            context.stdout.write(milestones ? PlanExporter.milestonesCSV(plans, asOf: common.asOf, byteOrderMark: bom)
                                 : PlanExporter.actionsCSV(plans, asOf: common.asOf, byteOrderMark: bom))
        case .ics:
            // A lead that matches no one is refused, as every command refuses it, not an empty calendar.
            if let lead { try QueryError.checkLead(lead, in: plans) }
            context.stdout.write(PlanExporter.calendar(plans, asOf: common.asOf, lead: lead, openOnly: openOnly))
        }
        return .success
    }
}
