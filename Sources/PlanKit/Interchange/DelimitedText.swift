/// Reads CSV (RFC 4180) and TSV text into records.
///
/// Accepts CRLF or LF line ends, a leading UTF-8 byte order mark, quoted
/// fields with doubled quotes and line breaks inside them.
public enum DelimitedText {
    /// Why a file could not be read as delimited text.
    public struct SyntaxError: Error, Equatable, Sendable {
        /// The 1-based line where the problem starts.
        public var line: Int
        public var message: String
    }

    /// One record and the line it starts on.
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    /// Guesses the separator from the first line: a tab when it has tabs and
    /// no commas outside quotes, otherwise a comma.
    public static func guessSeparator(_ text: String) -> Character {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        return firstLine.contains("\t") && !firstLine.contains(",") ? "\t" : ","
    }

    /// Splits text into records.
    ///
    /// - Parameters:
    ///   - text: the whole file.
    ///   - separator: `,` or a tab.
    /// - Returns: the records, blank lines left out.
    /// - Throws: ``SyntaxError`` for a quote that is never closed, or text
    ///   after a closing quote.
    public static func records(_ text: String, separator: Character) throws(SyntaxError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var quoted = false
        var afterQuote = false
        var quoteLine = 1
        var characters = Substring(text)
        if characters.first == "\u{FEFF}" { characters.removeFirst() }
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
            field = ""
            afterQuote = false
        }
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c == "\r\n" ? "\n" : c)
                }
                continue
            }
            switch c {
            case separator:
                fields.append(field)
                field = ""
                afterQuote = false
            case "\n", "\r\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            case "\"" where field.isEmpty && !afterQuote:
                quoted = true
                quoteLine = line
            default:
                if afterQuote {
                    throw SyntaxError(line: line, message: "text after a closing quote; a quote inside a quoted field is written twice (\"\")")
                }
                field.append(c)
            }
        }
        if quoted { throw SyntaxError(line: quoteLine, message: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}
