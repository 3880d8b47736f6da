import PlanJSON
import PlanKit
import PlanReports

/// What one plan contributes to the board pack, made while the plan is read and kept instead of it:
/// the sections it prints (or its JSON), and for `--lead` the names of its leads. Every part of the
/// pack is one plan's, so the pack is these parts in file order; the plans themselves (every action,
/// every history entry) are dropped as soon as each is reduced, and the reducing runs on all cores.
struct BoardPackPart: Sendable {
    /// The plan's sections as the pack prints them (empty for JSON, and for text once written in ``text``).
    var sections: [ReportDocument.Section]
    /// For text: the plan's sections as written for the terminal (or pipe), already cleaned as the
    /// output cleans each write (``TerminalText/clean(_:)``); the sections themselves are not kept.
    var text: String?
    /// The plan's JSON, for `--format json`.
    var json: JSONValue?
    /// With `--lead`: the plan's leads before narrowing, in the order the plan names them, kept as one
    /// action of an otherwise empty copy of the plan, so that ``QueryError/checkLead(_:in:)`` checks and
    /// words a mistyped lead exactly as it does on whole plans.
    var leads: Plan?
}

/// What decides a plan's part, taken from the command so that the threads reading the plans share no state.
struct BoardPackRequest: Sendable {
    var asOf: CalendarDate
    var since: CalendarDate?
    var next: CalendarDate?
    var staleDays: Int
    var grouping: SummaryGrouping
    var lead: String?
    /// Which of the plan's sections: `nil` for the whole pack.
    var chosen: [String]?
    /// The brief, naming this command line for the full pack.
    var briefFullPack: String?
    var json: Bool
    /// For text: how the sections are written (see ``ReportDocument/writeText(_:width:style:layout:to:)``).
    var text: (width: Int?, style: TextStyle, layout: TableLayout)?

    /// The part `plan` contributes to the pack.
    func part(of plan: Plan) -> BoardPackPart {
        var plan = plan
        var leads: Plan?
        if let lead {
            var names: [String] = []
            for action in plan.actions { for name in action.leads where !names.contains(name) { names.append(name) } }
            var witness = plan
            witness.actions = [Action(id: "", theme: "", text: "", leads: names)]
            leads = witness
            plan = plan.keepingActions(ledBy: lead)
        }
        let report = BoardReport(plan: plan, asOf: asOf, since: since, next: next, staleDays: staleDays, grouping: grouping)
        if json {
            let names = briefFullPack != nil ? BoardReport.briefSectionNames : chosen
            return BoardPackPart(sections: [], json: names.map(report.jsonValue(sections:)) ?? report.jsonValue, leads: leads)
        }
        let sections = briefFullPack.map(report.briefSections(fullPack:)) ?? chosen.map(report.sections(named:)) ?? report.sections
        guard let text else { return BoardPackPart(sections: sections, json: nil, leads: leads) }
        var written = CleanedText()
        ReportDocument.writeText(sections, width: text.width, style: text.style, layout: text.layout, to: &written)
        return BoardPackPart(sections: [], text: written.text, json: nil, leads: leads)
    }
}

/// Text written as the command's output writes it, each write cleaned on its own, so that
/// writing the whole of it uncleaned later gives the same bytes.
struct CleanedText: TextOutputStream {
    var text = ""
    mutating func write(_ string: String) { text += TerminalText.clean(string) }
}

extension ReportCommand {
    /// What this command asks of each plan.
    func request(_ context: CommandContext) -> BoardPackRequest {
        let text = common.format == .text && binary == nil ? (context.width, context.style, layout.layout) : nil
        return BoardPackRequest(asOf: common.asOf, since: since, next: next, staleDays: staleDays, grouping: grouping, lead: leads.lead,
                         chosen: chosen, briefFullPack: brief ? fullPackCommand : nil, json: common.format == .json, text: text)
    }

    /// Reads the plans that existed on the as-of day, one at a time per core, each reduced to its part of
    /// the pack; a mistyped `--lead` (no lead of any plan contains it) is refused as it was on whole plans.
    ///
    /// - Throws: ``PlanError`` when no plan can be read; ``QueryError/unknownLead(_:suggestions:)``.
    func readParts(_ context: CommandContext) throws -> [BoardPackPart] {
        let request = request(context)
        let parts = try common.mapPlansExistingOnAsOf { request.part(of: $0.plan) }
        if let lead = request.lead { try QueryError.checkLead(lead, in: parts.compactMap(\.leads)) }
        return parts
    }
}
