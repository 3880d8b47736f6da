// TEMPORARY until wip-office is merged: stand-ins for the writers.
import OfficeDocument
import PlanReports
struct PendingWriter: Error {}
extension WordDraft { func docx() throws -> [UInt8] { throw PendingWriter() } }
extension SpreadsheetDraft { func xlsx() throws -> [UInt8] { throw PendingWriter() } }
extension ReportDocument { func csvArchive() throws -> [UInt8] { throw PendingWriter() } }
