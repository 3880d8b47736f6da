import PlanKit
import PlanReports

/// Writes a report document (`summary`, `report`) in the chosen format.
enum ReportOutput {
    /// The section asked for (`option`, its help the command's), which only CSV takes.
    static func section(_ option: Option<String>, _ arguments: ParsedArguments, format: OutputFormat, command: CommandDescriptor) throws(CLIError) -> String? {
        guard let section = try arguments[option] else { return nil }
        guard format == .csv else {
            throw .usage("\(option) goes with \(CommonOptions.format) csv (one section as one table)", command: command)
        }
        return section.lowercased()
    }

    static func write(_ document: ReportDocument, format: OutputFormat, section: String? = nil,
                      layout: TableLayout = .wrapped, command: CommandDescriptor,
                      context: inout CommandContext) throws(CLIError) {
        switch format {
        case .markdown: context.stdout.write(document.markdown)
        case .html: context.stdout.write(document.html)
        case .csv:
            if let section {
                guard let table = document.csv(section: section) else {
                    throw unknownSection(section, keys: document.sectionKeys, command: command)
                }
                context.stdout.write(table)
            } else {
                context.stdout.write(document.csv)
            }
        case .docx, .xlsx:
            // Binary: `report` writes these itself, to a file or a redirected stdout (ReportCommand+Office.swift).
            assertionFailure("\(format) is written by BinaryOutput")
        case .text, .json: document.writeText(width: context.width, style: context.style, layout: layout, to: &context.stdout)
        }
    }

    /// `--section` naming no section of the report.
    static func unknownSection(_ section: String, keys: [String], command: CommandDescriptor) -> CLIError {
        .usage("no section '\(section)' in this report; use one of \(keys.joined(separator: ", "))", command: command)
    }
}
