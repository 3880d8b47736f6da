import PlanJSON
import PlanKit
import PlanReports

/// What one plan contributes to the board pack, made while the plan is read and kept instead of it:
/// the sections it prints (or its JSON), and for `--lead` the names of its leads. Every part of the
/// pack is one plan's, so the pack is these parts in file order; the plans themselves (every action,
/// every history entry) are dropped as soon as each is reduced, and the reducing runs on all cores.
struct BoardPackPart: Sendable {
    /// The plan's sections as the pack prints them, for the formats written from the whole document
    /// (CSV, Word, Excel); empty for the others.
    var sections: [ReportDocument.Section]
    /// For CSV: the plan's rows of each section, written (see ``ReportDocument/CSVPart``).
    var csv: [ReportDocument.CSVPart] = []
    /// For text, Markdown and HTML: the plan's sections already written, so that only their text is kept.
    var written: [WrittenSection] = []
    /// For `--format json`: the plan's JSON as written at its place in the pack's (an element of
    /// `plans`), cleaned as the output cleans what is written.
    var json: String?
    /// With `--lead`: the plan's leads before narrowing (``Plan/leadNames``), for
    /// ``QueryError/checkLead(_:amongLeadsOf:)``, which words a mistyped lead as on whole plans.
    var leads: [String]?
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
    /// How the sections are written as they are made, if they are.
    var writing: SectionWriting?
    /// Whether the pack is CSV (one section's, or a ZIP of every section's).
    var csv: Bool
    /// The one section asked for as CSV, if one is.
    var csvSection: String?
    /// Whether the output cleans what is written (``TextSink/cleansText``: text for people, not JSON,
    /// HTML or CSV): each part is cleaned, write by write, only then.
    var cleans: Bool

    /// The part `plan` contributes to the pack.
    func part(of plan: Plan) -> BoardPackPart {
        var plan = plan
        var leads: [String]?
        if let lead {
            leads = plan.leadNames
            plan = plan.keepingActions(ledBy: lead)
        }
        let report = BoardReport(plan: plan, asOf: asOf, since: since, next: next, staleDays: staleDays, grouping: grouping)
        if json {
            let names = briefFullPack != nil ? BoardReport.briefSectionNames : chosen
            let value = names.map(report.jsonValue(sections:)) ?? report.jsonValue
            let text = String(decoding: JSONWriter.bytes(from: value, indent: ReportCommand.planJSONIndent), as: UTF8.self)
            return BoardPackPart(sections: [], json: cleans ? TerminalText.clean(text) : text, leads: leads)
        }
        let sections = briefFullPack.map(report.briefSections(fullPack:)) ?? chosen.map(report.sections(named:)) ?? report.sections
        switch writing {
        case nil where csv:
            return BoardPackPart(sections: [], csv: ReportDocument.csvParts(sections, only: csvSection), json: nil, leads: leads)
        case nil:
            return BoardPackPart(sections: sections, json: nil, leads: leads)
        case .text(let width, let style, let layout):
            var text = RecordedText(cleans: cleans)
            ReportDocument.writeText(sections, width: width, style: style, layout: layout, to: &text)
            return BoardPackPart(sections: [], written: [.written(text.text)], json: nil, leads: leads)
        case .markdown:
            var text = RecordedText(cleans: cleans)
            for section in sections { text.write(ReportDocument.markdown(section)) }
            return BoardPackPart(sections: [], written: [.written(text.text)], json: nil, leads: leads)
        case .html:
            // A chart's ids hold its section's place in the whole page, known only when the page is written.
            let written = sections.map { section in
                section.chart != nil ? WrittenSection.waiting(section)
                    : .written(cleans ? TerminalText.clean(ReportDocument.html(section, number: 0)) : ReportDocument.html(section, number: 0))
            }
            return BoardPackPart(sections: [], written: written, json: nil, leads: leads)
        }
    }
}

/// The formats whose sections are written while the plans are read: each section on its own.
enum SectionWriting: Sendable {
    case text(width: Int?, style: TextStyle, layout: TableLayout)
    case markdown
    case html
}

/// A section of a plan's part as kept: written already, or (an HTML chart) kept to be written in its place.
enum WrittenSection: Sendable {
    /// The section's text, cleaned as the output cleans what is written (when it does, ``TerminalText/clean(_:)``).
    case written(String)
    case waiting(ReportDocument.Section)
}

extension ReportCommand {
    /// What this command asks of each plan.
    func request(_ context: CommandContext) -> BoardPackRequest {
        let writing: SectionWriting? = switch common.format {
        case .text: .text(width: context.width, style: context.style, layout: layout.layout)
        case .markdown: .markdown
        case .html: .html
        default: nil
        }
        return BoardPackRequest(asOf: common.asOf, since: since, next: next, staleDays: staleDays, grouping: grouping,
                                lead: leads.lead, chosen: chosen, briefFullPack: brief ? fullPackCommand : nil,
                                json: common.format == .json, writing: writing, csv: common.format == .csv, csvSection: section,
                                cleans: context.stdout.cleansText)
    }

    /// Reads the plans that existed on the as-of day, one at a time per core, each reduced to its part of
    /// the pack; a mistyped `--lead` (no lead of any plan contains it) is refused as it was on whole plans.
    ///
    /// - Throws: ``PlanError`` when no plan can be read; ``QueryError/unknownLead(_:suggestions:)``.
    func readParts(_ context: CommandContext) throws -> [BoardPackPart] {
        let request = request(context)
        let parts = try common.mapPlansExistingOnAsOf { request.part(of: $0.plan) }
        if let lead = request.lead { try QueryError.checkLead(lead, amongLeadsOf: parts.compactMap(\.leads)) }
        return parts
    }

    /// Writes the pack whose sections were written as the plans were read (text, Markdown, HTML):
    /// the document's opening, each plan's sections in file order, the document's end.
    func write(_ parts: [BoardPackPart], context: inout CommandContext) {
        let document = document([])
        switch common.format {
        case .markdown: context.stdout.write(document.markdownHeading)
        case .html: context.stdout.write(document.htmlHead)
        default: document.writeTextHeading(style: context.style, to: &context.stdout)
        }
        var number = 0
        let cleans = context.stdout.cleansText
        for part in parts {
            for section in part.written {
                switch section {
                case .written(let text):
                    context.stdout.cleansText = false
                    context.stdout.write(text)
                    context.stdout.cleansText = cleans
                case .waiting(let section):
                    context.stdout.write(ReportDocument.html(section, number: number))
                }
                number += 1
            }
        }
        if common.format == .html { context.stdout.write(ReportDocument.htmlEnd) }
    }

    /// How deep a plan's JSON is in the pack's: an element of the array `plans`, a member of the top object.
    static let planJSONIndent = 2

    /// Writes the pack as JSON from each plan's JSON written as the plans were read: the top object as
    /// ``json(_:)`` makes it with no plans, and each plan's text in place of its empty `plans`.
    func writeJSON(_ parts: [BoardPackPart], context: inout CommandContext) {
        let whole = JSONWriter.string(from: json([]))
        let empty = "\"plans\": [\n  ]"
        guard let place = whole.firstRange(of: empty) else { preconditionFailure("the pack's JSON has no plans array") }
        context.stdout.write(String(whole[..<place.lowerBound]) + "\"plans\": [\n")
        let cleans = context.stdout.cleansText
        let indent = String(repeating: "  ", count: Self.planJSONIndent)
        for (index, part) in parts.enumerated() {
            context.stdout.cleansText = false
            context.stdout.write(indent + (part.json ?? "") + (index < parts.count - 1 ? ",\n" : "\n"))
            context.stdout.cleansText = cleans
        }
        context.stdout.write("  ]" + String(whole[place.upperBound...]))
    }

    /// Writes the pack as CSV from each plan's rows made as the plans were read: the one section asked
    /// for, or (to a file) the ZIP of every section's.
    ///
    /// - Throws: ``CLIError`` for a section the pack does not have; what writing the file throws.
    func writeCSV(_ parts: [BoardPackPart], context: inout CommandContext) throws {
        let csv = parts.map(\.csv)
        if let binary {
            try binary.write(ReportDocument.csvArchive(parts: csv, byteOrderMark: bom), context: &context)
            return
        }
        if bom { context.stdout.write(ByteOrderMark.text) }
        let section = section ?? ""
        guard let table = ReportDocument.csv(section: section, parts: csv) else {
            throw ReportOutput.unknownSection(section, keys: ReportDocument.csvKeys(csv), command: Self.descriptor)
        }
        context.stdout.write(table)
    }
}
