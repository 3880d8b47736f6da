import PlanKit
/// Reads CSV (RFC 4180) and TSV text into records.
///
/// Accepts CRLF or LF line ends, a leading UTF-8 byte order mark, quoted
/// fields with doubled quotes and line breaks inside them. The text is read
/// from the file's bytes by ``decode(_:)`` (UTF-8, UTF-16 or Windows-1252).
///
/// What it reads is bounded, as a Word document's or workbook's cells are: a
/// plan's table of actions is a few hundred rows, and a file far beyond that
/// (a log, a database dump, a hostile file) is refused as soon as it passes a
/// limit rather than read into a plan of hundreds of megabytes.
public enum DelimitedText {
    /// Why a file could not be read as delimited text.
    public struct SyntaxError: Error, Equatable, Sendable {
        /// The 1-based line where the problem starts.
        public var line: Int
        public var message: String
    }

    /// The most bytes a CSV or TSV file to import may hold (checked before it is read).
    public static let maximumFileSize = 16 << 20

    /// How much of a file ``records(_:separator:limits:)`` reads before it stops.
    public struct Limits: Equatable, Sendable {
        /// The most characters in one field: Excel's own limit for a cell, so a spreadsheet saved as CSV never passes it.
        public var fieldLength = 32_767
        /// The most fields in one record: Excel's last column, XFD.
        public var fields = 16_384
        /// The most records, the header's included: far more than any plan's actions.
        public var records = 10_000
        /// The most fields in all records together: a plan's table is a few thousand cells, and each
        /// costs memory when read (a 16 MiB file of commas is 16 million of them), so as a workbook's
        /// cells are bounded, so are these.
        public var cells = 500_000

        public init(fieldLength: Int = 32_767, fields: Int = 16_384, records: Int = 10_000, cells: Int = 500_000) {
            self.fieldLength = fieldLength
            self.fields = fields
            self.records = records
            self.cells = cells
        }
    }

    /// Why records could not be read: bad syntax, or more than ``Limits`` allow.
    public enum Failure: Error, Equatable, Sendable {
        case syntax(SyntaxError)
        /// A field of record `row` (1-based, the header is row 1), in `column` (1-based), passes the limit.
        case fieldTooLong(row: Int, column: Int, limit: Int)
        /// Record `row` has more fields than the limit.
        case tooManyFields(row: Int, limit: Int)
        /// The file has more records than the limit.
        case tooManyRecords(limit: Int)
        /// The file's records have more fields in all than the limit.
        case tooManyCells(limit: Int)
    }

    /// One record and the line it starts on.
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    /// Guesses the separator from the header (the first record; what is inside quotes is
    /// passed over): a semicolon when it has more semicolons than commas and than tabs (a
    /// CSV saved by a European Excel, whose decimal separator is a comma), a tab when it
    /// has tabs and no commas, otherwise a comma.
    public static func guessSeparator(_ text: String) -> Character {
        var commas = 0, tabs = 0, semicolons = 0
        var quoted = false
        // A header is short; a quote never closed would otherwise have the whole file read.
        scan: for c in text.prefix(65_536) {
            if c == "\"" { quoted.toggle(); continue }
            guard !quoted else { continue }
            switch c {
            case "\n", "\r\n", "\r": break scan
            case ",": commas += 1
            case "\t": tabs += 1
            case ";": semicolons += 1
            default: break
            }
        }
        if semicolons > commas, semicolons > tabs { return ";" }
        return tabs > 0 && commas == 0 ? "\t" : ","
    }

    /// Splits text into records.
    ///
    /// - Parameters:
    ///   - text: the whole file.
    ///   - separator: `,`, `;` or a tab.
    ///   - limits: where to stop.
    /// - Returns: the records, blank lines left out.
    /// - Throws: ``Failure``: a syntax error for a quote that is never closed, or text
    ///   after a closing quote; a limit passed, as soon as it is.
    public static func records(_ text: String, separator: Character, limits: Limits = Limits()) throws(Failure) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        // Characters in `field`, counted as they are added (String.count would walk the field each time).
        var length = 0
        // Fields of the records kept so far.
        var cells = 0
        var line = 1
        var recordLine = 1
        var quoted = false
        var afterQuote = false
        var quoteLine = 1
        var characters = Substring(text)
        if characters.first == "\u{FEFF}" { characters.removeFirst() }
        func append(_ c: Character) throws(Failure) {
            length += 1
            if length > limits.fieldLength {
                throw .fieldTooLong(row: records.count + 1, column: fields.count + 1, limit: limits.fieldLength)
            }
            field.append(c)
        }
        func endField() throws(Failure) {
            fields.append(field)
            field = ""
            length = 0
            afterQuote = false
            if fields.count > limits.fields { throw .tooManyFields(row: records.count + 1, limit: limits.fields) }
        }
        func endRecord() throws(Failure) {
            try endField()
            if !(fields.count == 1 && fields[0].isEmpty) {
                if records.count == limits.records { throw .tooManyRecords(limit: limits.records) }
                cells += fields.count
                if cells > limits.cells { throw .tooManyCells(limit: limits.cells) }
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
        }
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" {
                        try append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    try append(c == "\r\n" ? "\n" : c)
                }
                continue
            }
            switch c {
            case separator:
                try endField()
            case "\n", "\r\n", "\r":
                try endRecord()
                line += 1
                recordLine = line
            case "\"" where field.isEmpty && !afterQuote:
                quoted = true
                quoteLine = line
            default:
                if afterQuote {
                    throw .syntax(SyntaxError(line: line, message: "text after a closing quote; a quote inside a quoted field is written twice (\"\")"))
                }
                try append(c)
            }
        }
        if quoted { throw .syntax(SyntaxError(line: quoteLine, message: "a quoted field is never closed")) }
        if !field.isEmpty || !fields.isEmpty { try endRecord() }
        return records
    }
}
