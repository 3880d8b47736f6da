import PlanJSON
import PlanKit
import PlanReports

/// What one plan contributes to `summary`, made while the plan is read and kept instead of its
/// ``PlanSummary``: its sections already written in the chosen format. The whole summary is the
/// document's opening, each plan's part in file order, and the document's end, so a portfolio's
/// summary never holds every plan's lists of actions, nor the whole document, before writing it.
struct SummaryPart: Sendable {
    /// Text, Markdown, HTML: the plan's sections (an HTML chart kept to be numbered in its place).
    var written: [WrittenSection] = []
    /// CSV with `--section`: the plan's rows of each section (see ``ReportDocument/CSVPart``).
    var csv: [ReportDocument.CSVPart] = []
}

/// How each plan's part is written, taken from the command so that the threads reading plans share no state.
struct SummaryWriting: Sendable {
    var format: OutputFormat
    var width: Int?
    var style: TextStyle
    var layout: TableLayout
    var section: String?
    /// Whether the output cleans each write (``TextSink/cleansText``): the part's text is cleaned
    /// write by write as it is made, as writing the whole document would have cleaned it.
    var cleans: Bool

    /// The part `summary` contributes, in the format asked for.
    func part(of summary: PlanSummary) -> SummaryPart {
        var text = RecordedText(cleans: cleans)
        switch format {
        case .json:
            text.write(String(decoding: JSONWriter.bytes(from: summary.jsonValue, indent: SummaryCommand.planJSONIndent), as: UTF8.self))
        case .csv where section != nil:
            return SummaryPart(csv: ReportDocument.csvParts(summary.sections(layout: layout), only: section))
        case .csv:
            text.write(ReportDocument.csvRows(summary.sections(layout: layout)))
        case .markdown:
            for section in summary.sections(layout: layout) { text.write(ReportDocument.markdown(section)) }
        case .html:
            // A chart's ids hold its section's place in the whole page, known only when the page is written.
            return SummaryPart(written: summary.sections(layout: layout).map { section in
                if section.chart != nil { return .waiting(section) }
                var text = RecordedText(cleans: cleans)
                text.write(ReportDocument.html(section, number: 0))
                return .written(text.text)
            })
        default:
            ReportDocument.writeText(summary.sections(layout: layout), width: width, style: style, layout: layout, to: &text)
        }
        return SummaryPart(written: [.written(text.text)])
    }
}

/// Text recorded as the command's output would write it: each write cleaned on its own when the
/// output cleans, so that writing the whole of it uncleaned later gives the same bytes.
struct RecordedText: TextOutputStream {
    var cleans: Bool
    var text = ""
    mutating func write(_ string: String) { text += cleans ? TerminalText.clean(string) : string }
}

extension SummaryCommand {
    /// How deep a plan's JSON is in the summary's: an element of the array `plans`, a member of the top object.
    static let planJSONIndent = 2

    /// Writes the summary from each plan's part, in file order: the document's opening, the parts, its end.
    ///
    /// - Throws: ``CLIError`` for a `--section` the summary does not have.
    func write(_ parts: [SummaryPart], writing: SummaryWriting, context: inout CommandContext) throws(CLIError) {
        let document = PlanSummary.document([], asOf: common.asOf, layout: writing.layout)
        let cleans = context.stdout.cleansText
        func writeAsRecorded(_ text: String) {
            context.stdout.cleansText = false
            context.stdout.write(text)
            context.stdout.cleansText = cleans
        }
        switch common.format {
        case .json:
            // The top object as it is with no plans, each plan's text in place of its empty `plans`.
            let whole = JSONWriter.string(from: .object([
                JSONMember("asOf", .string(common.asOf.description)), JSONMember("plans", .array([])),
            ]))
            let empty = "\"plans\": [\n  ]"
            guard let place = whole.firstRange(of: empty) else { preconditionFailure("the summary's JSON has no plans array") }
            var text = RecordedText(cleans: cleans)
            text.write(String(whole[..<place.lowerBound]) + "\"plans\": [\n")
            writeAsRecorded(text.text)
            let indent = String(repeating: "  ", count: Self.planJSONIndent)
            for (index, part) in parts.enumerated() {
                guard case .written(let json)? = part.written.first else { continue }
                writeAsRecorded(indent + json + (index < parts.count - 1 ? ",\n" : "\n"))
            }
            context.stdout.write("  ]" + String(whole[place.upperBound...]))
            return
        case .csv:
            if bom { context.stdout.write(ByteOrderMark.text) }
            if let section {
                let csv = parts.map(\.csv)
                guard let table = ReportDocument.csv(section: section, parts: csv) else {
                    throw ReportOutput.unknownSection(section, keys: ReportDocument.csvKeys(csv), command: Self.descriptor)
                }
                context.stdout.write(table)
                return
            }
            context.stdout.write(ReportDocument.csvHeader)
        case .markdown:
            if bom { context.stdout.write(ByteOrderMark.text) }
            context.stdout.write(document.markdownHeading)
        case .html:
            if bom { context.stdout.write(ByteOrderMark.text) }
            context.stdout.write(document.htmlHead)
        default:
            if bom { context.stdout.write(ByteOrderMark.text) }
            document.writeTextHeading(style: context.style, to: &context.stdout)
        }
        var number = 0
        for part in parts {
            for section in part.written {
                switch section {
                case .written(let text): writeAsRecorded(text)
                case .waiting(let section): context.stdout.write(ReportDocument.html(section, number: number))
                }
                number += 1
            }
        }
        if common.format == .html { context.stdout.write(ReportDocument.htmlEnd) }
    }
}
