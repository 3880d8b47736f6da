/// CSV as the tool writes it (RFC 4180, CRLF line ends), for reports and exports alike: one
/// declaration of how a field is quoted, and of the guard against formulas a spreadsheet would run.
public enum CSVText {
    public static func rows(_ rows: [[String]]) -> String {
        rows.map { row in row.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// One CSV field: formula-like text (starting with `=`, `+`, `-`, `@`, a
    /// tab or a carriage return) gets a leading `'` (OWASP), and a field with
    /// a comma, quote or line break is quoted with its quotes doubled.
    public static func field(_ text: String) -> String {
        var value = text
        // A plain number (`-3`) stays a number; it cannot be a formula.
        let isNumber = Int(value) != nil
        if !isNumber, let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            value = "'" + value
        }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + value.replacingEvery("\"", with: "\"\"") + "\""
        }
        return value
    }
}
