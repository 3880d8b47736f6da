import OfficeDocument

/// The sentence for a workbook or Word document that could not be written
/// (exit 65: the data cannot be put in that file; nothing was written).
extension OfficeWriteError {
    var sentence: String {
        let ending = "; nothing was written"
        switch self {
        case .noVisibleSheet:
            return "a workbook needs at least one sheet that is not hidden" + ending
        case .badSheetName(let name, let problem):
            let why: String
            switch problem {
            case .empty: why = "is empty"
            case .tooLong(let length, let limit): why = "is \(length) characters long; Excel takes at most \(limit)"
            case .forbiddenCharacter(let character): why = "holds \"\(character)\", which Excel does not allow in a sheet name (nor any of \\ / ? * [ ] :)"
            case .apostropheAtEnd: why = "starts or ends with an apostrophe, which Excel does not allow"
            case .reserved: why = "is reserved by Excel"
            }
            return "the sheet name \"\(name)\" \(why)" + ending
        case .duplicateSheetName(let name):
            return "two sheets are named \"\(name)\" (Excel compares sheet names ignoring case)" + ending
        case .tooManyRows(let sheet, let rows, let limit):
            return "the sheet \"\(sheet)\" would have \(rows) rows; Excel holds at most \(limit)" + ending
        case .tooManyColumns(let sheet, let columns, let limit):
            return "the sheet \"\(sheet)\" would have \(columns) columns; Excel holds at most \(limit)" + ending
        case .textTooLong(let sheet, let cell, let length, let limit):
            return "cell \(cell) of the sheet \"\(sheet)\" would hold \(length) characters; an Excel cell holds at most \(limit)" + ending
        case .notANumber(let sheet, let cell):
            return "cell \(cell) of the sheet \"\(sheet)\" would hold a number that is not finite" + ending
        case .dateOutOfRange(let sheet, let cell, let year, let month, let day):
            return "cell \(cell) of the sheet \"\(sheet)\" would hold the day \(year)-\(month)-\(day), which is not a day Excel can show (1 March 1900 to 9999)" + ending
        case .badValidation(let sheet, let column, let firstRow, let lastRow, let problem):
            return "the drop-down list on the sheet \"\(sheet)\" (column \(column + 1), rows \(firstRow)–\(lastRow)) cannot be written: \(problem)" + ending
        case .chartShape(let chart, let series, let values, let categories):
            return "the chart \"\(chart)\" has \(values) values for \"\(series)\" but \(categories) categories" + ending
        }
    }
}
