/// Why a workbook or Word document could not be written: facts only (which
/// sheet, which cell, what limit), for the command line to word.
///
/// What can be mended without changing meaning is mended, not refused:
/// characters XML cannot hold (control characters other than tab and line
/// breaks) are dropped, `\r\n` becomes a line break, an input prompt or error
/// message on a drop-down is cut to Excel's 255 (title 32) characters, and a
/// heading level outside 1–3 is brought within it. What is left is refused.
public enum OfficeWriteError: Error, Equatable, Sendable {
    /// A workbook with no sheets, or with every sheet hidden (Excel will not open it).
    case noVisibleSheet
    /// A sheet name Excel refuses: empty, over 31 characters, one of `\ / ? * [ ] :`,
    /// an apostrophe at either end, or the reserved name "History".
    case badSheetName(String, problem: SheetNameProblem)
    /// Two sheets whose names are the same ignoring case (Excel compares them so).
    case duplicateSheetName(String)
    /// More rows than Excel's 1,048,576 (`limit`).
    case tooManyRows(sheet: String, rows: Int, limit: Int)
    /// More columns than Excel's 16,384 (XFD, `limit`).
    case tooManyColumns(sheet: String, columns: Int, limit: Int)
    /// Text past the 32,767 characters a cell holds; `cell` is its reference (B7).
    case textTooLong(sheet: String, cell: String, length: Int, limit: Int)
    /// A number that is not finite (NaN or infinity), which a cell cannot hold.
    case notANumber(sheet: String, cell: String)
    /// A date before 1 March 1900 or after 9999 (outside Excel's date serials).
    case dateOutOfRange(sheet: String, cell: String, year: Int, month: Int, day: Int)
    /// A drop-down over rows or a column outside the sheet, or with no choices.
    case badValidation(sheet: String, column: Int, firstRow: Int, lastRow: Int, problem: String)
    /// A chart whose series do not each have one value per category.
    case chartShape(chart: String, series: String, values: Int, categories: Int)

    public enum SheetNameProblem: Equatable, Sendable {
        case empty
        case tooLong(length: Int, limit: Int)
        case forbiddenCharacter(Character)
        case apostropheAtEnd
        case reserved
    }
}

/// Text as XML can hold it: the characters XML 1.0 forbids (C0 controls other
/// than tab, line feed and carriage return; U+FFFE, U+FFFF) dropped, line
/// breaks made `\n`, and `& < > "` escaped.
enum XMLText {
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in cleaned(text).unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The text with what XML cannot hold dropped and line breaks made `\n`
    /// (scalar by scalar: `\r\n` is one Character to Swift).
    static func cleaned(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isForbidden($0) || $0 == "\r" }) else { return text }
        var scalars = String.UnicodeScalarView()
        var previousWasReturn = false
        for scalar in text.unicodeScalars {
            defer { previousWasReturn = scalar == "\r" }
            if scalar == "\r" { scalars.append("\n"); continue }
            if scalar == "\n", previousWasReturn { continue }
            if isForbidden(scalar) { continue }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }

    /// `xml:space="preserve"` is needed when the text starts or ends with white space.
    static func needsPreserve(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        return first.properties.isWhitespace || last.properties.isWhitespace
    }

    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
}
