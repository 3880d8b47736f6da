/// A table as its reader sees it, from a Word document or a worksheet:
/// rows of cells on the table's grid, merged cells already resolved.
public struct DocumentTable: Sendable, Equatable {
    /// Where the table is, for messages: `table 3` or `sheet "Plan"`.
    public var name: String
    /// The paragraphs between the previous table (or the start) and this one,
    /// where a document names the theme or objective the table is about.
    public var headings: [String]
    public var rows: [DocumentRow]

    public init(name: String, headings: [String] = [], rows: [DocumentRow]) {
        self.name = name
        self.headings = headings
        self.rows = rows
    }
}

/// One row: a cell for each column of the table's grid.
public struct DocumentRow: Sendable, Equatable {
    /// The row's number as the user finds it: the table's row (from 1) or the worksheet's row.
    public var number: Int
    public var cells: [DocumentCell]
    /// One cell merged across every column: a heading, not an entry.
    public var spansAllColumns: Bool

    public init(number: Int, cells: [DocumentCell], spansAllColumns: Bool = false) {
        self.number = number
        self.cells = cells
        self.spansAllColumns = spansAllColumns
    }
}

/// One cell. A vertically merged cell appears in every row it spans, with
/// `continuesAbove` set on all but the first.
public struct DocumentCell: Sendable, Equatable {
    public var paragraphs: [DocumentParagraph]
    /// The cell's fill (Word shading, Excel fill), when it has a solid one.
    public var fill: RGBColour?
    /// A continuation of a merge started in a row above.
    public var continuesAbove: Bool
    /// The second or later column of a cell merged across columns: its text is in the first.
    public var continuesLeft: Bool

    public init(paragraphs: [DocumentParagraph] = [], fill: RGBColour? = nil, continuesAbove: Bool = false, continuesLeft: Bool = false) {
        self.paragraphs = paragraphs
        self.fill = fill
        self.continuesAbove = continuesAbove
        self.continuesLeft = continuesLeft
    }

    public init(text: String) {
        self.init(paragraphs: text.isEmpty ? [] : [DocumentParagraph(text: text)])
    }

    /// The cell's text, a line per paragraph.
    public var text: String { paragraphs.map(\.text).joined(separator: "\n") }
}

/// One paragraph of a cell, or of a worksheet cell's lines.
public struct DocumentParagraph: Sendable, Equatable {
    public var text: String
    /// A bulleted or numbered paragraph (a list item), at this level from 0.
    public var listLevel: Int?

    public init(text: String, listLevel: Int? = nil) {
        self.text = text
        self.listLevel = listLevel
    }

    /// A line as written, trimmed; a bullet typed by hand ("• text", "- text") makes it a list item.
    public init(line: String) {
        var trimmed = Substring(line)
        while let first = trimmed.first, first.isWhitespace || first == "\u{00A0}" { trimmed = trimmed.dropFirst() }
        while let last = trimmed.last, last.isWhitespace || last == "\u{00A0}" { trimmed = trimmed.dropLast() }
        var level: Int?
        for bullet in ["•", "◦", "▪", "·", "-", "–", "*", "o"] where trimmed.hasPrefix(bullet + " ") || trimmed.hasPrefix(bullet + "\t") {
            trimmed = trimmed.dropFirst(bullet.count).drop { $0 == " " || $0 == "\t" }
            level = 0
            break
        }
        self.init(text: String(trimmed), listLevel: level)
    }
}

/// An sRGB colour, as an Office file writes it (`FF0000`).
public struct RGBColour: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var red: UInt8, green: UInt8, blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Reads `RRGGBB` or `AARRGGBB` (Excel's, alpha ignored); nil for anything else (`auto`).
    public init?(hex: String) {
        let digits = hex.count == 8 ? String(hex.dropFirst(2)) : hex
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.init(red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF))
    }

    public var description: String {
        let hex = String((UInt32(red) << 16 | UInt32(green) << 8 | UInt32(blue)), radix: 16, uppercase: true)
        return String(repeating: "0", count: 6 - hex.count) + hex
    }

    /// Hue in degrees (0–360), saturation and lightness (0–1).
    public var hsl: (hue: Double, saturation: Double, lightness: Double) {
        let r = Double(red) / 255, g = Double(green) / 255, b = Double(blue) / 255
        let high = max(r, g, b), low = min(r, g, b)
        let lightness = (high + low) / 2
        guard high != low else { return (0, 0, lightness) }
        let delta = high - low
        let saturation = lightness > 0.5 ? delta / (2 - high - low) : delta / (high + low)
        var hue: Double
        if high == r { hue = (g - b) / delta + (g < b ? 6 : 0) } else if high == g { hue = (b - r) / delta + 2 } else { hue = (r - g) / delta + 4 }
        hue *= 60
        return (hue, saturation, lightness)
    }
}
