/// A workbook to be written as an .xlsx file: what a form sent to a lead or a
/// report opened in Excel needs, and nothing of plans.
///
/// This file declares the model only; writing it (SpreadsheetML inside a ZIP)
/// lives in `SpreadsheetDraft+Writing.swift`.
public struct SpreadsheetDraft: Sendable, Equatable {
    public var sheets: [Sheet]
    /// The document's title and author, in its properties (File → Info in Excel).
    public var title: String
    public var creator: String

    public init(sheets: [Sheet], title: String = "", creator: String = "improve") {
        self.sheets = sheets
        self.title = title
        self.creator = creator
    }

    public struct Sheet: Sendable, Equatable {
        /// At most 31 characters, none of `\ / ? * [ ] :` (Excel's rule; the writer checks).
        public var name: String
        /// Rows from the top; cells from column A. A shorter row leaves the rest blank.
        public var rows: [[Cell]]
        /// Widths in characters by column (nil: Excel's default).
        public var columnWidths: [Double?]
        /// Rows kept in view when scrolling (1: a header row).
        public var frozenRows: Int
        /// Columns (0-based) hidden from view, such as a stamp of the state at export.
        public var hiddenColumns: Set<Int>
        /// A sheet hidden from the tabs.
        public var isHidden: Bool
        /// Protected: only cells whose style is unlocked can be changed (no password).
        public var isProtected: Bool
        /// Lists a cell's value must come from (a drop-down in Excel).
        public var validations: [ListValidation]
        /// An autofilter over the header row and the rows under it.
        public var hasAutoFilter: Bool
        /// Ranges whose cells must hold a day between two days (Excel checks it as it is typed).
        public var dateValidations: [DateValidation] = []
        /// Whether a text longer than an Excel cell holds is cut, with a note saying so, rather than refused
        /// (``OfficeWriteError``): for views of a plan (a pack, a sheet for a lead), where one long comment must
        /// not stop the whole file; never for a file meant to be read back whole.
        public var cutsLongText = false

        public init(name: String, rows: [[Cell]] = [], columnWidths: [Double?] = [], frozenRows: Int = 0,
                    hiddenColumns: Set<Int> = [], isHidden: Bool = false, isProtected: Bool = false,
                    validations: [ListValidation] = [], hasAutoFilter: Bool = false) {
            self.name = name
            self.rows = rows
            self.columnWidths = columnWidths
            self.frozenRows = frozenRows
            self.hiddenColumns = hiddenColumns
            self.isHidden = isHidden
            self.isProtected = isProtected
            self.validations = validations
            self.hasAutoFilter = hasAutoFilter
        }
    }

    public struct Cell: Sendable, Equatable {
        public enum Value: Sendable, Equatable {
            case empty
            case text(String)
            case number(Double)
            /// A day, written as Excel's serial number with a date format.
            case date(year: Int, month: Int, day: Int)
        }
        public var value: Value
        public var style: CellStyle

        public init(_ value: Value, style: CellStyle = CellStyle()) {
            self.value = value
            self.style = style
        }

        public init(text: String, style: CellStyle = CellStyle()) {
            self.init(text.isEmpty ? .empty : .text(text), style: style)
        }
    }

    public struct CellStyle: Sendable, Equatable, Hashable {
        public var isBold: Bool
        public var wraps: Bool
        public var fill: RGBColour?
        public var fontColour: RGBColour?
        /// Locked cells cannot be changed when the sheet is protected (Excel's default is locked).
        public var isLocked: Bool
        public var hasBorder: Bool

        public init(isBold: Bool = false, wraps: Bool = false, fill: RGBColour? = nil, fontColour: RGBColour? = nil,
                    isLocked: Bool = true, hasBorder: Bool = false) {
            self.isBold = isBold
            self.wraps = wraps
            self.fill = fill
            self.fontColour = fontColour
            self.isLocked = isLocked
            self.hasBorder = hasBorder
        }
    }

    /// A date check: the cells of `column` (0-based) in rows `firstRow...lastRow`
    /// (1-based) take a day from `earliest` to `latest`, or stay blank.
    public struct DateValidation: Sendable, Equatable {
        public var column: Int
        public var firstRow: Int
        public var lastRow: Int
        public var earliest: (year: Int, month: Int, day: Int)
        public var latest: (year: Int, month: Int, day: Int)
        public var prompt: String
        public var errorMessage: String

        public init(column: Int, firstRow: Int, lastRow: Int, earliest: (year: Int, month: Int, day: Int),
                    latest: (year: Int, month: Int, day: Int), prompt: String = "", errorMessage: String = "") {
            (self.column, self.firstRow, self.lastRow) = (column, firstRow, lastRow)
            (self.earliest, self.latest) = (earliest, latest)
            (self.prompt, self.errorMessage) = (prompt, errorMessage)
        }

        public static func == (a: DateValidation, b: DateValidation) -> Bool {
            a.column == b.column && a.firstRow == b.firstRow && a.lastRow == b.lastRow && a.earliest == b.earliest
                && a.latest == b.latest && a.prompt == b.prompt && a.errorMessage == b.errorMessage
        }
    }

    /// A drop-down: the cells of `column` (0-based) in rows `firstRow...lastRow`
    /// (1-based, as Excel numbers them) take one of `choices` or stay blank.
    public struct ListValidation: Sendable, Equatable {
        public var column: Int
        public var firstRow: Int
        public var lastRow: Int
        public var choices: [String]
        /// Shown when a cell is selected, and when a value outside the list is typed.
        public var prompt: String
        public var errorMessage: String

        public init(column: Int, firstRow: Int, lastRow: Int, choices: [String], prompt: String = "", errorMessage: String = "") {
            self.column = column
            self.firstRow = firstRow
            self.lastRow = lastRow
            self.choices = choices
            self.prompt = prompt
            self.errorMessage = errorMessage
        }
    }
}
