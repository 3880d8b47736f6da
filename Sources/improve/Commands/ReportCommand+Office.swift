import OfficeDocument
import PlanReports

/// `report --format docx|xlsx`, and `--format csv` without `--section`: the
/// pack as a file to open (Word, Excel, a ZIP of one CSV per section),
/// written by ``BinaryOutput``.
extension ReportCommand {
    /// The formats that make a binary file, for messages.
    static let binaryFormats = "\(CommonOptions.format) docx, xlsx, or csv without \(section)"

    /// Where the pack goes when it is a binary file; `nil` for text.
    static func binaryOutput(_ arguments: ParsedArguments, format: OutputFormat, section: String?,
                             context: CommandContext) throws(CLIError) -> BinaryOutput? {
        let kind: (what: String, fileExtension: String)? = switch format {
        case .docx: ("the board pack as a Word document", "docx")
        case .xlsx: ("the board pack as an Excel workbook", "xlsx")
        case .csv where section == nil: ("the board pack as a ZIP of one CSV file per section", "zip")
        default: nil
        }
        try BinaryOutput.refuse(arguments, unless: kind != nil, formats: binaryFormats, command: descriptor)
        guard let kind else { return nil }
        return try BinaryOutput(arguments, what: kind.what, fileExtension: kind.fileExtension, context: context, command: descriptor)
    }

    /// The pack's bytes as Word or Excel: `document`'s title and subtitle, then each plan's sections
    /// (the zipped CSV is made from each plan's rows: ``writeCSV(_:context:)``). Each plan's
    /// sections are dropped once used, leaving `plans` empty.
    ///
    /// - Throws: ``OfficeWriteError`` when the writer refuses the draft.
    static func bytes(of document: ReportDocument, plans: inout [[ReportDocument.Section]], format: OutputFormat) throws -> [UInt8] {
        switch format {
        case .docx:
            return try document.docx(plans: &plans)
        default:
            return try document.xlsx(plans: &plans)
        }
    }
}
