// TEMPORARY until wip-office's Word writer (WordDraft.docx()) is merged.
import OfficeDocument
struct WordWriterPending: Error {}
extension WordDraft { func docx() throws -> [UInt8] { throw WordWriterPending() } }
