/// The styles part of a written workbook (`xl/styles.xml`): each distinct
/// cell style (and whether the cell is a date) becomes one `xf`, built from
/// shared fonts, fills and borders, as Excel itself writes them.
struct SpreadsheetStyles {
    /// A cell's look and whether it shows a date (the date number format).
    struct Key: Hashable {
        var style: SpreadsheetDraft.CellStyle
        var isDate: Bool
    }

    /// The custom number format for dates: a day Excel shows the same in every locale, unambiguous (5 Mar 2026).
    static let dateFormatID = 164
    static let dateFormatCode = "d mmm yyyy"

    private(set) var keys: [Key] = [Key(style: SpreadsheetDraft.CellStyle(), isDate: false)]
    private var indexes: [Key: Int] = [Key(style: SpreadsheetDraft.CellStyle(), isDate: false): 0]

    /// The `s` index of a cell with this style (0: the default, locked, plain).
    mutating func index(of style: SpreadsheetDraft.CellStyle, isDate: Bool) -> Int {
        let key = Key(style: style, isDate: isDate)
        if let index = indexes[key] { return index }
        keys.append(key)
        indexes[key] = keys.count - 1
        return keys.count - 1
    }

    struct Font: Hashable { var bold: Bool; var colour: RGBColour? }

    func xml() -> String {
        var fonts: [Font] = [Font(bold: false, colour: nil)]
        var fills: [RGBColour?] = [nil, nil]  // Excel reserves 0 (none) and 1 (gray125)
        var entries: [String] = []
        for key in keys {
            let font = Font(bold: key.style.isBold, colour: key.style.fontColour)
            let fontID = fonts.firstIndex(of: font) ?? { fonts.append(font); return fonts.count - 1 }()
            var fillID = 0
            if let fill = key.style.fill {
                fillID = fills.firstIndex(of: fill) ?? { fills.append(fill); return fills.count - 1 }()
            }
            let borderID = key.style.hasBorder ? 1 : 0
            let numberFormat = key.isDate ? Self.dateFormatID : 0
            var attributes = "numFmtId=\"\(numberFormat)\" fontId=\"\(fontID)\" fillId=\"\(fillID)\" borderId=\"\(borderID)\" xfId=\"0\""
            if key.isDate { attributes += " applyNumberFormat=\"1\"" }
            if fontID != 0 { attributes += " applyFont=\"1\"" }
            if fillID != 0 { attributes += " applyFill=\"1\"" }
            if borderID != 0 { attributes += " applyBorder=\"1\"" }
            var children = ""
            if key.style.wraps {
                attributes += " applyAlignment=\"1\""
                children += "<alignment vertical=\"top\" wrapText=\"1\"/>"
            }
            if !key.style.isLocked {
                attributes += " applyProtection=\"1\""
                children += "<protection locked=\"0\"/>"
            }
            entries.append(children.isEmpty ? "<xf \(attributes)/>" : "<xf \(attributes)>\(children)</xf>")
        }
        var xml = XMLText.declaration
        xml += "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        xml += "<numFmts count=\"1\"><numFmt numFmtId=\"\(Self.dateFormatID)\" formatCode=\"\(Self.dateFormatCode)\"/></numFmts>"
        xml += "<fonts count=\"\(fonts.count)\">"
        for font in fonts {
            xml += "<font>"
            if font.bold { xml += "<b/>" }
            xml += "<sz val=\"11\"/>"
            xml += font.colour.map { "<color rgb=\"FF\($0)\"/>" } ?? "<color theme=\"1\"/>"
            xml += "<name val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/></font>"
        }
        xml += "</fonts><fills count=\"\(fills.count)\">"
        xml += "<fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
        for fill in fills.dropFirst(2) {
            xml += "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FF\(fill!)\"/><bgColor indexed=\"64\"/></patternFill></fill>"
        }
        xml += "</fills><borders count=\"2\">"
        xml += "<border><left/><right/><top/><bottom/><diagonal/></border>"
        let thin = "style=\"thin\"><color indexed=\"64\"/>"
        xml += "<border><left \(thin)</left><right \(thin)</right><top \(thin)</top><bottom \(thin)</bottom><diagonal/></border>"
        xml += "</borders>"
        xml += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        xml += "<cellXfs count=\"\(entries.count)\">\(entries.joined())</cellXfs>"
        xml += "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        xml += "<dxfs count=\"0\"/><tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium2\" defaultPivotStyle=\"PivotStyleLight16\"/>"
        xml += "</styleSheet>"
        return xml
    }
}
