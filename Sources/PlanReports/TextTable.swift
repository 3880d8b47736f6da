import PlanKit
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
        /// The end of `text` a one-line row keeps when it cuts the cell (` +2` of
        /// `YOT Manager +2`), so that a cut lead still says how many others there are.
        public var keptEnd: String

        /// A cell; control characters in `text` become spaces (see ``TextTable/plain(_:)``).
        public init(_ text: String, colour: RAGColour? = nil, keptEnd: String = "") {
            self.text = TextTable.plain(text)
            self.colour = colour
            self.keptEnd = text.hasSuffix(keptEnd) ? keptEnd : ""
        }
    }

    /// Text made safe for a terminal: control characters (escape sequences,
    /// carriage returns, tabs, line breaks) become spaces, so plan text cannot
    /// move the cursor, recolour or hide output, or break a table's lines.
    public static func plain(_ text: String) -> String {
        // Most text is printable ASCII: one pass over its bytes, eight at a time, says so.
        var copy = text
        if copy.withUTF8({ endOfPrintableASCII($0, from: 0) == $0.count }) { return text }
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { return text }
        // An escape sequence goes whole, as on the terminal boundary, so that none of it shows.
        let text = TerminalText.removingEscapeSequences(text)
        return String(String.UnicodeScalarView(text.unicodeScalars.map {
            ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) ? " " : $0
        }))
    }

    public var headers: [String]
    public var rows: [[Cell]] = []
    /// The columns fitted to the width when the table is wider than allowed;
    /// they share the room left by the others in proportion to their text,
    /// so the longest (an action's text) gets the most.
    public var flexibleColumns: [Int]
    /// Whether a flexible column's text too long for its width is wrapped
    /// onto more lines of its row (at spaces, else within a word) rather than
    /// shortened with `…`: nothing is hidden, and each row stays in its cells.
    public var wrapsCells = false
    /// The narrowest each flexible column is made, by column (default 12,
    /// or the column's own width when that is less).
    public var minimumWidths: [Int: Int] = [:]

    /// The widths of the columns when they are known beforehand (at least
    /// these): a long table can then be written a part at a time, each part
    /// aligned with the others, without holding every row.
    public var columnWidths: [Int]?
    /// Whether the header line is written (a later part of a long table has none).
    public var showsHeader = true
    /// The column that names a row (an action's id): on a terminal too narrow
    /// for a one-line row it is kept to the last, and an overlong one is cut
    /// rather than take every row's room.
    public var keyColumn = 0

    public init(headers: [String], flexibleColumn: Int? = nil) {
        self.init(headers: headers, flexibleColumns: flexibleColumn.map { [$0] } ?? [])
    }

    public init(headers: [String], flexibleColumns: [Int]) {
        self.headers = headers
        self.flexibleColumns = flexibleColumns
    }

    /// A wrapping table too wide for the terminal even with its texts wrapped: a block
    /// per row, its first cell in bold, then each long cell as `Header: value`
    /// wrapped to the width, then the short ones side by side (`RED: 2  AMBER: 5`).
    func renderRecords<Target: TextOutputStream>(width: Int, style: TextStyle, indent: String, to output: inout Target) {
        let width = width - indent.count
        for row in rows {
            guard let first = row.first else { continue }
            output.write(indent + style.bold(first.text) + "\n")
            var short: [(text: String, colour: RAGColour?)] = []
            for (header, cell) in zip(headers, row).dropFirst() where !cell.text.isEmpty {
                let text = "\(header): \(cell.text)"
                guard text.count > 24 else {
                    short.append((text, cell.colour))
                    continue
                }
                for (index, line) in TextTable.wrap(text, width: width - 4).enumerated() {
                    output.write(indent + (index == 0 ? "  " : "    ") + line + "\n")
                }
            }
            // The short cells fill lines, each keeping its colour.
            var line = "", length = 0
            for piece in short {
                if length > 0, length + 2 + piece.text.count > width - 2 {
                    output.write(indent + "  " + line + "\n")
                    (line, length) = ("", 0)
                }
                line += (length > 0 ? "  " : "") + style.coloured(piece.text, piece.colour)
                length += (length > 0 ? 2 : 0) + piece.text.count
            }
            if length > 0 { output.write(indent + "  " + line + "\n") }
        }
    }

    /// The widest each column's text is, its header included.
    private func naturalWidths(_ lengths: [[Int]]) -> [Int] {
        var widths = headers.map(TextTable.characterCount)
        for row in lengths {
            for (column, length) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], length)
            }
        }
        return widths
    }

    private func minimum(_ column: Int, natural: Int) -> Int { min(natural, minimumWidths[column] ?? 12) }

    /// The widest each column must be when the table is squeezed: its widest
    /// cell, and of a wrapping table's header only its longest word (the
    /// header wraps at spaces).
    private func squeezedWidths(_ lengths: [[Int]]) -> [Int] {
        guard wrapsCells else { return naturalWidths(lengths) }
        var widths = headers.map { header in header.split(separator: " ").map { TextTable.characterCount(String($0)) }.max() ?? 0 }
        for row in lengths {
            for (column, length) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], length)
            }
        }
        return widths
    }

    /// The narrowest the table can be drawn: its flexible columns at their
    /// minimum widths (see ``minimumWidths``), the others whole.
    public var narrowestWidth: Int {
        var widths = squeezedWidths(rows.map { $0.map { TextTable.characterCount($0.text) } })
        for column in flexibleColumns where column < widths.count { widths[column] = minimum(column, natural: widths[column]) }
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
        if let width, wrapsCells, narrowestWidth > width - indent.count {
            renderRecords(width: width, style: style, indent: indent, to: &output)
            return
        }
        // Each cell's length is counted once: counting characters is the costly part.
        let lengths = rows.map { $0.map { TextTable.characterCount($0.text) } }
        var widths = columnWidths.map { given in zip(given, naturalWidths(lengths)).map { max($0, $1) } } ?? naturalWidths(lengths)
        let flexible = flexibleColumns.filter { $0 < widths.count }
        if let width, wrapsCells, widths.reduce(0, +) + separator.count * (widths.count - 1) > width {
            // Squeezed: headers may wrap, so a column is only as wide as its widest cell needs.
            let squeezed = squeezedWidths(lengths)
            for column in widths.indices where !flexible.contains(column) { widths[column] = squeezed[column] }
        }
        if let width, !flexible.isEmpty {
            let others = widths.enumerated().filter { !flexible.contains($0.offset) }.map(\.element).reduce(0, +)
            let available = width - others - separator.count * (widths.count - 1)
            let natural = flexible.map { widths[$0] }.reduce(0, +)
            if natural > available {
                // Each keeps its minimum; the room beyond the minimums is shared in proportion to
                // what each would still show, so the longest text (an action's) gets the most.
                let floors = flexible.map { minimum($0, natural: widths[$0]) }
                let extra = max(available - floors.reduce(0, +), 0)
                Self.share(extra, among: flexible, floors: floors, natural: widths, into: &widths)
            }
        }
        /// The lines a cell takes: one, shortened when it does not fit, or wrapped.
        func cellLines(_ cell: Cell, column: Int, length: Int) -> [(text: String, length: Int)] {
            if length <= widths[column] { return [(cell.text, length)] }
            if wrapsCells, flexible.contains(column) || length > widths[column] && cell.text.contains(" ") {
                return TextTable.wrapped(cell.text, width: widths[column]).map { ($0, TextTable.characterCount($0)) }
            }
            let text = TextTable.shorten(cell.text, to: widths[column])
            return [(text, TextTable.characterCount(text))]
        }
        func lines(_ cells: [Cell], _ lengths: [Int]) -> [String] {
            let columns = cells.indices.filter { $0 < widths.count }
            let pieces = columns.map { cellLines(cells[$0], column: $0, length: lengths[$0]) }
            let height = pieces.map(\.count).max() ?? 1
            // Each line is built as bytes and made a string once: tables of thousands of rows.
            return (0..<height).map { line in
                var bytes: [UInt8] = []
                bytes.reserveCapacity(widths.reduce(0, +) + 2 * columns.count + 16)
                for (position, column) in columns.enumerated() {
                    let piece: (text: String, length: Int) = line < pieces[position].count ? pieces[position][line] : ("", 0)
                    let isLast = position == columns.count - 1
                    let padding = isLast ? 0 : max(widths[column] - piece.length, 0)
                    if style.usesColour, cells[column].colour != nil {
                        let padded = piece.text + String(repeating: " ", count: padding)
                        bytes.append(contentsOf: style.coloured(padded, cells[column].colour).utf8)
                    } else {
                        bytes.append(contentsOf: piece.text.utf8)
                        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding))
                    }
                    if !isLast { bytes.append(contentsOf: separator.utf8) }
                }
                while bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
                return String(decoding: bytes, as: UTF8.self)
            }
        }
        for line in showsHeader ? lines(headers.map { Cell($0) }, headers.map(TextTable.characterCount)) : [] {
            output.write(indent + style.bold(line) + "\n")
        }
        for (row, rowLengths) in zip(rows, lengths) {
            for line in lines(row, rowLengths) { output.write(indent + line + "\n") }
        }
    }

    /// The text broken into lines of at most `width` columns: at spaces
    /// where it can be, within a word where a word is longer than the line.
    static func wrapped(_ text: String, width: Int) -> [String] {
        let width = max(width, 2)
        var lines: [String] = []
        var current = "", used = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            let length = characterCount(String(word))
            if !current.isEmpty, used + 1 + length <= width {
                current += " " + word
                used += 1 + length
                continue
            }
            if !current.isEmpty { lines.append(current) }
            while characterCount(String(word)) > width {
                var piece = prefix(word, columns: width)
                if piece.isEmpty { piece = word.prefix(1) }
                lines.append(String(piece))
                word = word[piece.endIndex...]
            }
            current = String(word)
            used = characterCount(current)
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// How many columns a text takes on a terminal: most characters one,
    /// East Asian wide and full-width characters and emoji two (those shown as
    /// emoji by default, or asked to be by U+FE0F, and flags), combining and
    /// zero-width ones none. Plain ASCII is counted by its bytes. A one-line
    /// row is cut by this count, so it errs wide: a line never overflows.
    /// Sets each flexible column to its floor plus a share of `extra` in
    /// proportion to what it would still show beyond the floor (the last
    /// takes what is left), never beyond its natural width: the longest text
    /// (an action's) gets the most.
    static func share(_ extra: Int, among flexible: [Int], floors: [Int], natural: [Int], into widths: inout [Int]) {
        let wanted = zip(flexible, floors).map { natural[$0] - $1 }
        let totalWanted = max(wanted.reduce(0, +), 1)
        var left = extra
        for (position, column) in flexible.enumerated() {
            let more = position == flexible.count - 1 ? left : min(extra * wanted[position] / totalWanted, left)
            widths[column] = min(natural[column], floors[position] + more)
            left -= widths[column] - floors[position]
        }
    }

    /// The columns a line takes on a terminal: escape sequences none, wide characters two.
    public static func displayWidth(_ line: String) -> Int { characterCount(plain(line)) }

    static func characterCount(_ text: String) -> Int {
        var copy = text
        if copy.withUTF8({ endOfASCII($0) == $0.count }) { return text.utf8.count }
        return text.reduce(0) { $0 + columns($1) }
    }

    /// Where the first byte that is not printable ASCII (0x20–0x7E) lies at
    /// or after `start`, eight bytes at a time; the count when there is none.
    package static func endOfPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var position = start
        if let base = bytes.baseAddress {
            while position + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                let below0x20 = (word &- ones &* 0x20) & ~word & highs
                let del = ((word ^ (ones &* 0x7F)) &- ones) & ~(word ^ (ones &* 0x7F)) & highs
                if word & highs != 0 || below0x20 != 0 || del != 0 { break }
                position += 8
            }
        }
        while position < bytes.count, bytes[position] >= 0x20, bytes[position] < 0x7F { position += 1 }
        return position
    }

    /// Where the first byte that is not ASCII lies, eight bytes at a time.
    static func endOfASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var position = 0
        if let base = bytes.baseAddress {
            while position + 8 <= bytes.count,
                  UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                position += 8
            }
        }
        while position < bytes.count, bytes[position] < 0x80 { position += 1 }
        return position
    }

    /// The columns one character (a grapheme, with its combining marks) takes.
    static func columns(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        let value = first.value
        // A keycap (`#️⃣`) or a symbol asked to be an emoji (`❤️`) takes two columns.
        let asksForEmoji = scalars.count > 1 && scalars.contains("\u{FE0F}") && first.properties.isEmoji
        if value < 0x300 { return asksForEmoji ? 2 : 1 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if asksForEmoji || first.properties.isEmojiPresentation { return 2 }
        return wideRanges.contains { $0.contains(value) } ? 2 : 1
    }

    /// East Asian wide and full-width characters, emoji blocks and regional indicators (flags).
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x1F1E6...0x1F1FF, 0x1F200...0x1F2FF, 0x1F300...0x1F64F, 0x1F680...0x1F6FF,
        0x1F900...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x3FFFD,
    ]

    /// The longest start of a text that takes at most `width` columns.
    static func prefix(_ text: Substring, columns width: Int) -> Substring {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let next = used + columns(text[index])
            if next > width { break }
            used = next
            end = text.index(after: index)
        }
        return text[..<end]
    }

    /// The text cut to at most `width` columns, ending in `…` when cut.
    public static func shorten(_ text: String, to width: Int) -> String {
        guard characterCount(text) > width else { return text }
        guard width > 1 else { return String(prefix(text[...], columns: width)) }
        var cut = String(prefix(text[...], columns: width - 1))
        while cut.last == " " { cut.removeLast() }
        return cut + "…"
    }

    /// The text broken into lines of at most `width` columns at spaces (a
    /// narrow width, 10 or less, leaves the text whole).
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [text] }
        return wrapped(text, width: width)
    }
}
