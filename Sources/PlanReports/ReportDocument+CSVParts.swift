import OfficeDocument
import PlanKit

/// A section's tidy CSV (``ReportDocument/csv(section:)``) made from parts of a document, each part a run of
/// its sections (one plan's, in the board pack): a part's rows are written as soon as it is made, and the
/// parts joined in order give what the whole document gives, so a pack of many plans never holds its tables.
extension ReportDocument {
    /// What some sections contribute to one key's CSV.
    public struct CSVPart: Sendable {
        public var key: String
        /// `plan` and the columns of the key's first row among these sections, if they have a row.
        public var header: [String]?
        /// `plan` and the headers of the key's first table with headers, for a CSV with no rows.
        public var emptyHeader: [String]?
        /// The rows, written as CSV.
        public var rows: String
    }

    /// The CSV parts of these sections, a part per key in the order the keys first come. A section
    /// of level 1 (a plan's heading) names the plan of the rows after it, so a run of sections should
    /// begin with its plan's heading.
    /// - Parameter only: the one key whose rows are wanted (`--section`); the others' parts are then
    ///   made empty, so that every key is still known.
    public static func csvParts(_ sections: [Section], only: String? = nil) -> [CSVPart] {
        var parts: [CSVPart] = []
        var plan = ""
        for section in sections {
            if section.level == 1 { plan = section.planID ?? section.title }
            guard let key = section.key else { continue }
            let index = parts.firstIndex { $0.key == key } ?? {
                parts.append(CSVPart(key: key, rows: ""))
                return parts.count - 1
            }()
            guard let table = section.table, only == nil || only == key else { continue }
            if parts[index].emptyHeader == nil, !table.headers.isEmpty { parts[index].emptyHeader = ["plan"] + table.headers }
            var rows: [[String]] = []
            for row in table.rows {
                let pairs = zip(table.headers, row).flatMap { values($0, $1.text) }
                if parts[index].header == nil { parts[index].header = ["plan"] + pairs.map(\.column) }
                rows.append([plan] + pairs.map(\.value))
            }
            parts[index].rows += CSVText.rows(rows)
        }
        return parts
    }

    /// The keys of parts, in the order they first come (``sectionKeys`` of the whole).
    public static func csvKeys(_ parts: [[CSVPart]]) -> [String] {
        var keys: [String] = []
        for part in parts { for each in part where !keys.contains(each.key) { keys.append(each.key) } }
        return keys
    }

    /// One key's tidy CSV from the parts of a document, in order; `nil` when no part has the key.
    public static func csv(section key: String, parts: [[CSVPart]]) -> String? {
        let mine = parts.compactMap { $0.first { $0.key == key } }
        guard !mine.isEmpty else { return nil }
        // A section with nothing in it still names its columns.
        guard let header = mine.lazy.compactMap(\.header).first else {
            return CSVText.rows([mine.lazy.compactMap(\.emptyHeader).first ?? ["plan"]])
        }
        return CSVText.rows([header]) + mine.map(\.rows).joined()
    }

    /// The ZIP of a CSV file per key (``csvArchive(byteOrderMark:)``) from the parts of a document, in order.
    public static func csvArchive(parts: [[CSVPart]], byteOrderMark: Bool = false) -> [UInt8] {
        var zip = ZipWriter()
        for key in csvKeys(parts) {
            guard let text = csv(section: key, parts: parts) else { continue }
            zip.add("\(key).csv", text: (byteOrderMark ? "\u{FEFF}" : "") + text)
        }
        return zip.bytes()
    }
}
