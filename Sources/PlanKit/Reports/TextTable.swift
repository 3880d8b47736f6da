/// How text output is styled: with ANSI colours on a terminal, plain otherwise.
public struct TextStyle: Sendable {
    /// Whether to colour RAG statuses with ANSI escape codes.
    public var usesColour: Bool

    public init(usesColour: Bool) {
        self.usesColour = usesColour
    }

    /// The text in the colour, when colour is on; marked for ``TerminalText/clean(_:)``
    /// to turn into escape sequences at the terminal.
    public func coloured(_ text: String, _ colour: RAGColour?) -> String {
        guard usesColour, let colour, !text.isEmpty else { return text }
        return TerminalText.mark(colour.ansiCode) + text + TerminalText.mark("0")
    }

    /// The text in bold, when colour is on (marked as ``coloured(_:_:)`` is).
    public func bold(_ text: String) -> String {
        usesColour ? TerminalText.mark("1") + text + TerminalText.mark("0") : text
    }
}

/// A table of left-aligned columns for the terminal, fitted to a width by
/// shortening one flexible column.
public struct TextTable: Sendable {
    /// One cell: its text and, optionally, the colour it is shown in.
    public struct Cell: Sendable {
        public var text: String
        public var colour: RAGColour?

        /// A cell; control characters in `text` become spaces (see ``TextTable/plain(_:)``).
        public init(_ text: String, colour: RAGColour? = nil) {
            self.text = TextTable.plain(text)
            self.colour = colour
        }
    }

    /// Text made safe for a terminal: control characters (escape sequences,
    /// carriage returns, tabs, line breaks) become spaces, so plan text cannot
    /// move the cursor, recolour or hide output, or break a table's lines.
    public static func plain(_ text: String) -> String {
        // Most text is printable ASCII: one pass over its bytes says so.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { return text }
        // An escape sequence goes whole, as on the terminal boundary, so that none of it shows.
        let text = TerminalText.removingEscapeSequences(text)
        return String(String.UnicodeScalarView(text.unicodeScalars.map {
            ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) ? " " : $0
        }))
    }

    public var headers: [String]
    public var rows: [[Cell]] = []
    /// The columns shortened (with `…`) when the table is wider than allowed;
    /// they share the room left by the others in proportion to their text.
    public var flexibleColumns: [Int]

    public init(headers: [String], flexibleColumn: Int? = nil) {
        self.init(headers: headers, flexibleColumns: flexibleColumn.map { [$0] } ?? [])
    }

    public init(headers: [String], flexibleColumns: [Int]) {
        self.headers = headers
        self.flexibleColumns = flexibleColumns
    }

    /// The narrowest the table can be drawn: its flexible columns shortened
    /// as far as ``render(width:style:indent:to:)`` goes (12 characters), the others whole.
    public var narrowestWidth: Int {
        var widths = headers.map(TextTable.characterCount)
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], TextTable.characterCount(cell.text))
            }
        }
        for column in flexibleColumns where column < widths.count { widths[column] = min(widths[column], 12) }
        return widths.reduce(0, +) + 2 * max(widths.count - 1, 0)
    }

    /// Writes the table.
    ///
    /// - Parameters:
    ///   - width: the widest a line may be, or `nil` for no limit.
    ///   - style: how to colour cells.
    ///   - indent: written at the start of every line.
    ///   - output: the stream to write to.
    public func render<Target: TextOutputStream>(width: Int?, style: TextStyle, indent: String = "",
                                                 to output: inout Target) {
        let separator = "  "
        var widths = headers.map(TextTable.characterCount)
        // Each cell's length is counted once: counting characters is the costly part.
        let lengths = rows.map { $0.map { TextTable.characterCount($0.text) } }
        for row in lengths {
            for (column, length) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], length)
            }
        }
        let flexible = flexibleColumns.filter { $0 < widths.count }
        if let width, !flexible.isEmpty {
            let others = widths.enumerated().filter { !flexible.contains($0.offset) }.map(\.element).reduce(0, +)
            let available = width - others - separator.count * (widths.count - 1)
            let natural = flexible.map { widths[$0] }.reduce(0, +)
            if natural > available {
                // Each takes its share (at least 12 characters); the last takes what is left.
                var left = available
                for (position, column) in flexible.enumerated() {
                    let share = position == flexible.count - 1 ? left : available * widths[column] / max(natural, 1)
                    widths[column] = max(min(widths[column], share), min(widths[column], 12))
                    left -= widths[column]
                }
            }
        }
        func line(_ cells: [Cell], _ lengths: [Int]) -> String {
            var parts: [String] = []
            for (column, cell) in cells.enumerated() where column < widths.count {
                let fits = lengths[column] <= widths[column]
                let text = fits ? cell.text : TextTable.shorten(cell.text, to: widths[column])
                let isLast = column == cells.count - 1
                let length = fits ? lengths[column] : TextTable.characterCount(text)
                let padded = isLast ? text : text + String(repeating: " ", count: widths[column] - length)
                parts.append(style.coloured(padded, cell.colour))
            }
            var joined = parts.joined(separator: separator)
            while joined.utf8.last == UInt8(ascii: " ") { joined.removeLast() }
            return joined
        }
        output.write(indent + style.bold(line(headers.map { Cell($0) }, headers.map(TextTable.characterCount))) + "\n")
        for (row, rowLengths) in zip(rows, lengths) { output.write(indent + line(row, rowLengths) + "\n") }
    }

    /// How many characters a text shows; plain ASCII is counted by its bytes.
    static func characterCount(_ text: String) -> Int {
        text.utf8.allSatisfy { $0 < 0x80 } ? text.utf8.count : text.count
    }

    /// The text cut to at most `width` characters, ending in `…` when cut.
    public static func shorten(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return String(text.prefix(width)) }
        var cut = String(text.prefix(width - 1))
        while cut.last == " " { cut.removeLast() }
        return cut + "…"
    }

    /// The text broken into lines of at most `width` characters at spaces.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 10 else { return [text] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
            while current.count > width {
                lines.append(String(current.prefix(width)))
                current = String(current.dropFirst(width))
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
