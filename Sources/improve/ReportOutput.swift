import PlanKit

/// Writes a report document (`summary`, `report`) in the chosen format.
enum ReportOutput {
    static func write(_ document: ReportDocument, format: OutputFormat, context: inout CommandContext) {
        switch format {
        case .markdown: context.stdout.write(document.markdown)
        case .html: context.stdout.write(document.html)
        case .csv: context.stdout.write(document.csv)
        case .text, .json: document.writeText(width: context.width, style: context.style, to: &context.stdout)
        }
    }
}
