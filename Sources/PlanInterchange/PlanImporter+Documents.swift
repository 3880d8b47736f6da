import FoundationEssentials
import OfficeDocument
import PlanKit

/// Word documents and Excel workbooks: their tables, read by the same
/// importer as a spreadsheet's rows.
extension PlanImporter {
    /// What an import file holds, judged by its content and checked against its name.
    public enum Source: Equatable, Sendable {
        case delimitedText, word, excel
    }

    /// The kind of file `bytes` are, or why it cannot be imported: a legacy or password-protected
    /// Office file, or a file whose content is not what its extension says.
    public static func source(of bytes: [UInt8], file: String) throws(ImportError) -> Source {
        let name = PathText.lastComponent(of: file)
        let stem = PathText.deletingExtension(of: name)
        let ext = PathText.extensionName(of: name).lowercased()
        guard !bytes.isEmpty else { throw .empty(file: file) }
        let found = OfficePackage.inspect(bytes)
        let kind = found.kind
        let wordNames = ["docx", "docm", "dotx"], excelNames = ["xlsx", "xlsm", "xltx"]
        switch kind {
        case .compoundFile: throw .office(file: file, .legacyFormat)
        case .encrypted: throw .office(file: file, .passwordProtected)
        case .word:
            if wordNames.contains(ext) { return .word }
            throw .misnamed(file: file, content: "a Word document", rename: "\(stem).docx")
        case .excel:
            if excelNames.contains(ext) { return .excel }
            throw .misnamed(file: file, content: "an Excel workbook", rename: "\(stem).xlsx")
        case .otherPackage:
            throw .misnamed(file: file, content: "a ZIP file that is neither a Word document nor an Excel workbook", rename: nil)
        case .other:
            if wordNames.contains(ext) || excelNames.contains(ext) {
                // A damaged package: say what is wrong with it.
                if case .damaged(let reason)? = found.failure { throw .office(file: file, .damaged(reason)) }
                // Text in an encoding a CSV is read in (a NUL only in UTF-16, which says so from its first bytes).
                let looksLikeText = (try? DelimitedText.decode(Array(bytes.prefix(4096)))).map { read in
                    [.utf16LittleEndian, .utf16BigEndian].contains(read.encoding) || !bytes.contains(0)
                } ?? false
                throw .misnamed(file: file, content: looksLikeText ? "text, not \(wordNames.contains(ext) ? "a Word document" : "an Excel workbook")"
                                : "not \(wordNames.contains(ext) ? "a Word document" : "an Excel workbook")",
                                rename: looksLikeText ? "\(stem).csv" : nil)
            }
            return .delimitedText
        }
    }

    /// The recommendations of a Word document's or workbook's first table whose header names an id
    /// and a text column (`No.`, `Recommendation`), for `--recommendations` given a document. A
    /// workbook's sheets are read in order, so that the recommendations may have a sheet of their own
    /// after the actions (as the Excel export writes them).
    public static func recommendations(document bytes: [UInt8], file: String, source: Source) throws(ImportError) -> [Recommendation] {
        let tables: [DocumentTable]
        switch source {
        case .word:
            do { tables = try WordDocument(bytes: bytes).tables } catch { throw .office(file: file, error) }
        case .excel:
            do {
                let first = try Workbook(bytes: bytes)
                tables = [first.table] + first.sheetNames.filter { $0 != first.sheetName }.compactMap {
                    try? Workbook(bytes: bytes, sheet: $0).table
                }
            } catch { throw .office(file: file, error) }
        case .delimitedText:
            return try recommendations(try text(bytes, file: file, role: .sideFile).text, file: file)
        }
        for table in tables {
            for (index, row) in table.rows.prefix(5).enumerated() {
                let header = DelimitedText.Record(line: row.number, fields: row.cells.map { $0.text.replacingEvery("\n", with: " ") })
                guard recommendationColumns(header) != nil else { continue }
                let records = [header] + table.rows.dropFirst(index + 1).filter { !$0.spansAllColumns }.map {
                    DelimitedText.Record(line: $0.number, fields: $0.cells.map { $0.continuesLeft ? "" : $0.text })
                }
                guard records.count > 1 else { continue }
                return try recommendations(records: records, file: file)
            }
        }
        throw .noActionTable(file: file, tables: tables.map { ($0.name, $0.rows.first.map { $0.cells.map(\.text) } ?? []) })
    }

    /// Imports the tables of a Word document or the worksheet of an Excel workbook.
    ///
    /// - Parameter sheet: the worksheet to read (any case); the first visible one when nil.
    public func importDocument(_ bytes: [UInt8], file: String, source: Source, sheet: String? = nil) throws(ImportError) -> Result {
        switch source {
        case .word:
            let document: WordDocument
            do { document = try WordDocument(bytes: bytes) } catch { throw .office(file: file, error) }
            guard !document.tables.isEmpty else { throw .noActionTable(file: file, tables: []) }
            return try importPlan(tables: document.tables, file: file)
        case .excel:
            var workbook: Workbook
            do { workbook = try Workbook(bytes: bytes, sheet: sheet) } catch { throw .office(file: file, error) }
            // Without --sheet, a first sheet with no table of actions (a cover, a key) gives way to the first that has one.
            if sheet == nil, layout(of: workbook.table) == nil {
                for name in workbook.sheetNames where name != workbook.sheetName {
                    if let other = try? Workbook(bytes: bytes, sheet: name), layout(of: other.table) != nil { workbook = other; break }
                }
            }
            guard !workbook.table.rows.isEmpty else { throw .empty(file: "\(file) (\(workbook.table.name))") }
            var result = try importPlan(tables: [workbook.table], file: file)
            result.formulasWithoutValues = workbook.formulasWithoutValues
            result.hiddenRows = workbook.hiddenRows
            result.hiddenColumns = workbook.hiddenColumns
            result.sheet = workbook.sheetName
            result.sheets = workbook.sheetNames
            return result
        case .delimitedText:
            return try importPlan(try Self.text(bytes, file: file, role: .actions).text, file: file)
        }
    }
}
