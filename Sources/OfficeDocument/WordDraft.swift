/// A Word document to be written as a .docx file: headings, paragraphs,
/// tables and charts, on A4, with what a screen reader needs (real headings,
/// header rows marked as such, alternative text on charts).
///
/// This file declares the model only; writing it (WordprocessingML inside a
/// ZIP) lives in `WordDraft+Writing.swift`.
public struct WordDraft: Sendable, Equatable {
    public var blocks: [Block]
    public var title: String
    public var creator: String
    /// The orientation of the first page; a `.section` block changes it from there on.
    public var orientation: Orientation

    public init(blocks: [Block], title: String = "", creator: String = "improve", orientation: Orientation = .portrait) {
        self.blocks = blocks
        self.title = title
        self.creator = creator
        self.orientation = orientation
    }

    public enum Orientation: Sendable, Equatable { case portrait, landscape }

    public enum Block: Sendable, Equatable {
        /// Heading 1–3 (Word's built-in heading styles, so the navigation pane and screen readers see them).
        case heading(level: Int, text: String)
        case paragraph([Run])
        /// A bulleted list item.
        case bullet([Run])
        case table(Table)
        case chart(Chart)
        case pageBreak
        /// From here on, pages in this orientation (a new section in Word).
        case section(Orientation)
    }

    public struct Run: Sendable, Equatable {
        public var text: String
        public var isBold: Bool
        public var isItalic: Bool
        public init(_ text: String, isBold: Bool = false, isItalic: Bool = false) {
            self.text = text
            self.isBold = isBold
            self.isItalic = isItalic
        }
    }

    public struct Table: Sendable, Equatable {
        /// Read out before the table (a caption paragraph above it, and the table's description).
        public var caption: String
        /// Repeated at the top of each page the table runs onto, and marked as header rows.
        public var header: [Cell]
        public var rows: [[Cell]]
        /// Relative widths of the columns (nil: equal).
        public var columnWeights: [Double]?

        public init(caption: String = "", header: [Cell], rows: [[Cell]], columnWeights: [Double]? = nil) {
            self.caption = caption
            self.header = header
            self.rows = rows
            self.columnWeights = columnWeights
        }
    }

    public struct Cell: Sendable, Equatable, ExpressibleByStringLiteral {
        /// Lines become paragraphs within the cell.
        public var text: String
        public var shading: RGBColour?
        public var isBold: Bool

        public init(_ text: String, shading: RGBColour? = nil, isBold: Bool = false) {
            self.text = text
            self.shading = shading
            self.isBold = isBold
        }

        public init(stringLiteral value: String) { self.init(value) }
    }

    /// A native Word chart (DrawingML), drawn from the values it carries.
    public struct Chart: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// Horizontal bars, one per category, stacked by series (RAG by theme).
            case stackedBars
            /// Vertical columns, one per category, stacked by series (the trend across board meetings).
            case stackedColumns
        }
        public struct Series: Sendable, Equatable {
            public var name: String
            public var colour: RGBColour
            public var values: [Double]
            public init(name: String, colour: RGBColour, values: [Double]) {
                self.name = name
                self.colour = colour
                self.values = values
            }
        }
        public var kind: Kind
        public var title: String
        public var categories: [String]
        public var series: [Series]
        public var categoryAxisTitle: String
        public var valueAxisTitle: String
        /// The alternative text a screen reader reads for the chart.
        public var description: String

        public init(kind: Kind, title: String, categories: [String], series: [Series],
                    categoryAxisTitle: String = "", valueAxisTitle: String = "", description: String) {
            self.kind = kind
            self.title = title
            self.categories = categories
            self.series = series
            self.categoryAxisTitle = categoryAxisTitle
            self.valueAxisTitle = valueAxisTitle
            self.description = description
        }
    }
}
