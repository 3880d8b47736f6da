import OfficeDocument
import PlanInterchange
import PlanKit

/// `export xlsx` and `export docx`: the plan as an Excel workbook or a Word
/// document that `import` reads back, written by ``BinaryOutput``.
extension ExportCommand {
    /// Where the file goes for `xlsx` and `docx`; `nil` for CSV and iCalendar, which refuse `--out`.
    static func binaryOutput(_ arguments: ParsedArguments, kind: Kind, context: CommandContext) throws(CLIError) -> BinaryOutput? {
        let what: String? = switch kind {
        case .xlsx: "the plan as an Excel workbook"
        case .docx: "the plan as a Word document"
        case .csv, .ics: nil
        }
        try BinaryOutput.refuse(arguments, unless: what != nil, formats: "export xlsx or docx", command: descriptor)
        guard let what else { return nil }
        return try BinaryOutput(arguments, what: what, fileExtension: kind.rawValue, context: context, command: descriptor)
    }

    /// The plans' bytes as a workbook or a document.
    ///
    /// - Throws: ``OfficeWriteError`` when the writer refuses the draft.
    static func bytes(of plans: [Plan], kind: Kind, asOf: CalendarDate) throws -> [UInt8] {
        kind == .docx ? try PlanExporter.actionsDocument(plans, asOf: asOf).docx()
            : try PlanExporter.actionsWorkbook(plans, asOf: asOf).xlsx()
    }
}
