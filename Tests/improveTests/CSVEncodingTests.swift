import Foundation
import PlanKit
import Testing
import TestSupport
@testable import PlanInterchange
@testable import improve

/// The test's own Windows-1252 table for bytes 80…9F, written as the characters themselves (the
/// library's is written as code points); the five bytes the table leaves undefined are the C1
/// controls of the same number, as the library reads them. Every other byte is its own code point.
private let windows1252High = Array("€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8D}Ž\u{8F}\u{90}‘’“”•–—˜™š›œ\u{9D}žŸ".unicodeScalars)

/// Text encoded in Windows-1252 with the test's own table; every character must be one it holds.
private func windows1252(_ text: String) -> [UInt8] {
    text.unicodeScalars.map { scalar in
        if let index = windows1252High.firstIndex(of: scalar) { return UInt8(0x80 + index) }
        precondition(scalar.value < 0x100 && !(0x80...0x9F).contains(scalar.value), "\(scalar) is not in Windows-1252")
        return UInt8(scalar.value)
    }
}

/// Text as UTF-16, with the byte order mark or without.
private func utf16(_ text: String, bigEndian: Bool = false, mark: Bool = true) -> [UInt8] {
    utf16Units((mark ? [0xFEFF] : []) + Array(text.utf16), bigEndian: bigEndian)
}

private func utf16Units(_ units: [UInt16], bigEndian: Bool = false) -> [UInt8] {
    units.flatMap { unit -> [UInt8] in
        let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
        return bigEndian ? [high, low] : [low, high]
    }
}

private func request(_ input: String) -> ImportRequest {
    let importer = PlanImporter(planID: "m", title: "Imported plan m", organisation: "O",
                                inspection: Inspection(inspectorate: "HMIP", date: PlanDate(iso: "2019-01")!),
                                statusDate: CalendarDate(iso: "2019-04-10")!)
    var request = ImportRequest(input: input, importer: importer)
    request.titleGiven = true
    return request
}

/// Imports files held in memory, as the command hands over its own.
private func run(_ request: ImportRequest, _ files: [String: [UInt8]]) throws -> ImportOutcome {
    try PlanImporter.run(request, read: { name in
        guard let bytes = files[name] else { throw PlanError.fileNotFound(path: name) }
        return bytes
    })
}

private func write(_ bytes: [UInt8], _ name: String, in sandbox: Sandbox) throws {
    try Data(bytes).write(to: sandbox.folder.appendingPathComponent(name))
}

private func load(_ name: String, in sandbox: Sandbox) throws -> Plan {
    try PlanLoader.load(file: sandbox.folder.appendingPathComponent(name).path, relativeTo: testFolder, today: testToday).plan
}

private let importArguments = ["--organisation", "O", "--inspection-date", "2019-01", "--status-date", "2019-04-10", "--title", "T"]

@Suite("CSV and TSV files as Excel writes them: Windows-1252, UTF-16, semicolons")
struct CSVEncodingTests {
    // MARK: Reading bytes

    @Test func everyWindows1252ByteIsReadAsItsCharacter() throws {
        #expect(windows1252High.count == 32)
        for byte in UInt8(0x80)...UInt8(0xFF) {
            let expected = byte < 0xA0 ? windows1252High[Int(byte) - 0x80] : Unicode.Scalar(byte)
            #expect(DelimitedText.windows1252Character(byte) == expected, "byte \(byte)")
            // Alone after ASCII, every high byte is invalid UTF-8, so the file is read as Windows-1252.
            let read = try DelimitedText.decode(Array("ID,Action\n1,a".utf8) + [byte])
            #expect(read.encoding == .windows1252)
            #expect(read.text.unicodeScalars.last == expected, "byte \(byte)")
        }
        for byte in UInt8(0x20)...UInt8(0x7F) { #expect(DelimitedText.windows1252Character(byte) == Unicode.Scalar(byte)) }
        #expect(try DelimitedText.decode([0x41, 0x80, 0x81, 0x8D, 0x8F, 0x90, 0x9D]).text.unicodeScalars.map(\.value)
                == [0x41, 0x20AC, 0x81, 0x8D, 0x8F, 0x90, 0x9D])
    }

    @Test func utf8IsReadAsItIsWithOrWithoutItsByteOrderMark() throws {
        let text = "ID,Action\n1,Café – £5\n"
        #expect(try DelimitedText.decode(Array(text.utf8)) == (text, .utf8))
        #expect(try DelimitedText.decode([0xEF, 0xBB, 0xBF] + Array(text.utf8)) == ("\u{FEFF}" + text, .utf8))
        let outcome = try run(request("plan.csv"), ["plan.csv": [0xEF, 0xBB, 0xBF] + Array(text.utf8)])
        #expect(outcome.plan.actions.map(\.text) == ["Café – £5"])
        #expect(outcome.notes.isEmpty)
    }

    @Test func utf16IsReadByItsByteOrderMark() throws {
        let text = "ID\tAction\n1\tTake “care” – 😀 £\n"
        for bigEndian in [false, true] {
            let read = try DelimitedText.decode(utf16(text, bigEndian: bigEndian))
            #expect(read.text == text)
            #expect(read.encoding == (bigEndian ? .utf16BigEndian : .utf16LittleEndian))
        }
        let outcome = try run(request("plan.tsv"), ["plan.tsv": utf16(text, bigEndian: true)])
        #expect(outcome.plan.actions.map(\.text) == ["Take “care” – 😀 £"])
        #expect(outcome.notes == [.textEncoding(file: "plan.tsv", .utf16BigEndian)])
    }

    @Test func bytesThatAreNotTextInAnEncodingReadAreRefused() {
        let text = "ID,Action\n1,Do\n"
        func failure(_ bytes: [UInt8]) -> DelimitedText.EncodingFailure? {
            do { _ = try DelimitedText.decode(bytes); return nil } catch { return error }
        }
        #expect(failure(utf16(text, mark: false)) == .utf16WithoutByteOrderMark(likely: .utf16LittleEndian))
        #expect(failure(utf16(text, bigEndian: true, mark: false)) == .utf16WithoutByteOrderMark(likely: .utf16BigEndian))
        #expect(failure(utf16(text) + [0x41]) == .utf16OddByteCount(.utf16LittleEndian))
        #expect(failure(utf16(text, bigEndian: true) + [0x41]) == .utf16OddByteCount(.utf16BigEndian))
        // A lead surrogate followed by "x", and a trail surrogate alone: the offset counts the mark.
        let prefix = Array("ID,Action\n1,".utf16)
        #expect(failure(utf16Units([0xFEFF] + prefix + [0xD83D, 0x78, 0x0A])) == .utf16UnpairedSurrogate(.utf16LittleEndian, byteOffset: 2 + 2 * prefix.count))
        #expect(failure(utf16Units([0xFEFF] + prefix + [0xDE00], bigEndian: true)) == .utf16UnpairedSurrogate(.utf16BigEndian, byteOffset: 2 + 2 * prefix.count))
        #expect(failure(utf16Units([0xFEFF] + prefix + [0xD83D])) == .utf16UnpairedSurrogate(.utf16LittleEndian, byteOffset: 2 + 2 * prefix.count))
        // A PNG's first bytes: NULs, but not UTF-16's; nor are NULs beside control bytes.
        #expect(failure([0x00, 0x01, 0x02, 0x03]) == .notText(byte: 0, byteOffset: 0))
        #expect(failure([0x41, 0x00, 0x42, 0x00, 0x00, 0x00]) == .notText(byte: 0, byteOffset: 1))
        #expect(failure([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]) == .notText(byte: 0, byteOffset: 8))
        // A NUL is refused even in otherwise valid UTF-8; a control byte in a file read as Windows-1252.
        #expect(failure(Array("ID,Action\n1,D\u{0}o\n".utf8)) == .notText(byte: 0, byteOffset: 13))
        #expect(failure(Array("ID,Action\n1,Caf".utf8) + [0xE9, 0x01]) == .notText(byte: 1, byteOffset: 16))
        #expect(failure([0xEF, 0xBB, 0xBF] + Array("ID,Action\n1,Caf".utf8) + [0xE9]) == .invalidUTF8AfterByteOrderMark(byte: 0xE9, byteOffset: 18))
        // Tab, line feed, vertical tab (a line break pasted from Word), form feed and carriage return are text.
        #expect(failure(Array("ID,Action\r\n1,a\u{0B}b\u{0C}c\t".utf8) + [0xE9]) == nil)
    }

    // MARK: Separators

    @Test func theSeparatorIsGuessedFromTheHeaderOutsideQuotes() {
        #expect(DelimitedText.guessSeparator("ID,Action\n1;2;3;4\n") == ",")
        #expect(DelimitedText.guessSeparator("ID;Action;Lead\n1,2\n") == ";")
        #expect(DelimitedText.guessSeparator("ID\tAction\n") == "\t")
        #expect(DelimitedText.guessSeparator("\"ID;Ref;No\",Action\n") == ",")
        #expect(DelimitedText.guessSeparator("\"Ref, No.\";Action;Lead\r\n") == ";")
        #expect(DelimitedText.guessSeparator("\"Ref, No.\"\tAction\n") == "\t")
        #expect(DelimitedText.guessSeparator("ID;Action,Lead\n") == ",", "as many semicolons as commas: a comma")
        #expect(DelimitedText.guessSeparator("ID\tAction;Lead\n") == "\t")
        #expect(DelimitedText.guessSeparator("\"Title\nwith a line\";Action;Lead\n1,2,3,4,5\n") == ";", "a quoted header cell may hold a line break")
    }

    @Test func aSemicolonSeparatedCSVIsReadByItsHeader() throws {
        let text = """
        ID;Action;Lead\r
        1;"Agree the budget; then spend it, carefully";"Smith, J"\r
        2;"Say ""no""; mean it";Jones\r

        """
        let outcome = try run(request("plan.csv"), ["plan.csv": Array(text.utf8)])
        #expect(outcome.plan.actions.map(\.text) == ["Agree the budget; then spend it, carefully", "Say \"no\"; mean it"])
        #expect(outcome.plan.actions.map(\.leads) == [["Smith, J"], ["Jones"]])
        #expect(outcome.notes == [.separator(file: "plan.csv", ";")])
    }

    @Test func aTSVFileIsAlwaysReadWithTabs() throws {
        let text = "ID\tAction\tNotes; a; b; c\n1\tDo it\tx\n"
        #expect(DelimitedText.guessSeparator(text) == ";")
        let outcome = try run(request("plan.tsv"), ["plan.tsv": Array(text.utf8)])
        #expect(outcome.plan.actions.map(\.text) == ["Do it"])
        #expect(outcome.notes == [.columnNotRead(header: "Notes; a; b; c")])
        // The same file named .csv: its header has more semicolons than tabs.
        #expect(throws: ImportError.self) { try run(request("plan.csv"), ["plan.csv": Array(text.utf8)]) }
        // A tab-separated .csv is read with tabs, and says so.
        let tabbed = try run(request("plan.csv"), ["plan.csv": Array("ID\tAction\n1\tDo it\n".utf8)])
        #expect(tabbed.notes == [.separator(file: "plan.csv", "\t")])
    }

    // MARK: Side files

    @Test func sideFilesAreReadAsTheSpreadsheetIs() throws {
        var request = request("plan.csv")
        request.recommendationsFile = "recs.csv"
        request.themesFile = "themes.csv"
        let outcome = try run(request, [
            "plan.csv": Array("ID,Action,Link\n1.1,Do it,2\n".utf8),
            "recs.csv": windows1252("ID;Text\n2;Improve the “quality” of assessments – £\n"),
            "themes.csv": utf16("ID\tTitle\n1\tGouvernance et sécurité\n"),
        ])
        #expect(outcome.plan.recommendations.map(\.text) == ["Improve the “quality” of assessments – £"])
        #expect(outcome.plan.themes.map(\.title) == ["Gouvernance et sécurité"])
        #expect(outcome.notes == [
            .textEncoding(file: "recs.csv", .windows1252), .separator(file: "recs.csv", ";"),
            .textEncoding(file: "themes.csv", .utf16LittleEndian), .separator(file: "themes.csv", "\t"),
        ])
        var refused = request
        refused.recommendationsFile = nil
        refused.themesFile = "bad.csv"
        #expect(throws: ImportError.unreadableText(file: "bad.csv", role: .sideFile, .utf16WithoutByteOrderMark(likely: .utf16LittleEndian))) {
            try run(refused, ["plan.csv": Array("ID,Action\n1.1,Do it\n".utf8), "bad.csv": utf16("ID,Title\n1,G\n", mark: false)])
        }
    }

    @Test func textMisnamedAsAWordDocumentIsSaidToBeText() {
        for bytes in [utf16("ID,Action\n1,Do\n"), windows1252("ID,Action\n1,Café\n")] {
            #expect(throws: ImportError.misnamed(file: "plan.docx", content: "text, not a Word document", rename: "plan.csv")) {
                try PlanImporter.source(of: bytes, file: "plan.docx")
            }
        }
    }

    // MARK: Random round trip

    /// Random action texts of the characters Windows-1252 holds (its five undefined bytes and
    /// the controls left out), written as Excel writes a CSV (comma or semicolon, quoting as
    /// needed, CRLF or LF), encoded with the test's own table, imported: the same texts come back.
    @Test func randomWindows1252TextComesBackAsItWasWritten() throws {
        var random = SeededGenerator(test: "CSVEncodingTests.randomWindows1252TextComesBackAsItWasWritten")
        let alphabet: [Character] = (Array(0x20...0x7E) + Array(0xA0...0xFF)).map { Character(Unicode.Scalar(UInt8($0))) }
            + windows1252High.filter { ![0x81, 0x8D, 0x8F, 0x90, 0x9D].contains($0.value) }.map(Character.init)
        for round in 0..<200 {
            let separator: Character = Bool.random(using: &random) ? "," : ";"
            let lineEnd = Bool.random(using: &random) ? "\r\n" : "\n"
            // « and » (AB, BB) bracket each text: never trimmed, and a high byte after ASCII is never UTF-8.
            let texts = (0..<Int.random(in: 1...6, using: &random)).map { _ in
                "«" + String((0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random)! }) + "»"
            }
            func field(_ text: String) -> String {
                text.contains(separator) || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
            }
            let csv = "ID\(separator)Action" + lineEnd
                + texts.enumerated().map { "\($0.offset + 1)\(separator)\(field($0.element))" + lineEnd }.joined()
            let outcome = try run(request("plan.csv"), ["plan.csv": windows1252(csv)])
            #expect(outcome.plan.actions.map(\.text) == texts, "round \(round) (seed \(random.seed)): \(csv.debugDescription)")
            #expect(outcome.notes == [.textEncoding(file: "plan.csv", .windows1252)] + (separator == ";" ? [.separator(file: "plan.csv", ";")] : []))
        }
    }

    // MARK: Through the command

    @Test func excelsCommaDelimitedCSVImportsWithANote() throws {
        let sandbox = try Sandbox()
        try write(windows1252("""
            ID,Action,Lead
            1.1,"Agree the £5,000 budget – the board’s ‘priority’",Zoë Café
            1.2,Report “costs” in € each quarter,Head of Service

            """), "plan.csv", in: sandbox)
        let result = try sandbox.run(["import", "plan.csv", "--out", "plan.json"] + importArguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            created plan.json (plan): 2 actions in 1 theme
            note: plan.csv is not UTF-8 and was read as Windows-1252 (Excel's "CSV (Comma delimited)"); save it as "CSV UTF-8" to be sure

            """)
        let plan = try load("plan.json", in: sandbox)
        #expect(plan.actions.map(\.text) == ["Agree the £5,000 budget – the board’s ‘priority’", "Report “costs” in € each quarter"])
        #expect(plan.actions.map(\.leads) == [["Zoë Café"], ["Head of Service"]])
    }

    @Test func excelsUnicodeTextImportsWithNotes() throws {
        let sandbox = try Sandbox()
        let text = "ID\tAction\tLead\r\n1\tImprove the service – 😀 “now”\tMária Ó\r\n2\tCost it in €\tJones\r\n"
        try write(utf16(text), "plan.txt", in: sandbox)
        try write(utf16(text), "plan.tsv", in: sandbox)
        let result = try sandbox.run(["import", "plan.txt", "--out", "plan.json"] + importArguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            created plan.json (plan): 2 actions in 1 theme
            note: plan.txt was read as UTF-16 little-endian (Excel's "Unicode Text"), as its byte order mark says
            note: plan.txt was read with tabs between its columns, as its header has them

            """)
        let plan = try load("plan.json", in: sandbox)
        #expect(plan.actions.map(\.text) == ["Improve the service – 😀 “now”", "Cost it in €"])
        #expect(plan.actions.map(\.leads) == [["Mária Ó"], ["Jones"]])
        let tsv = try sandbox.run(["import", "plan.tsv", "--out", "tsv.json"] + importArguments)
        #expect(tsv.stdout.hasSuffix("\nnote: plan.tsv was read as UTF-16 little-endian (Excel's \"Unicode Text\"), as its byte order mark says\n"))
        let big = try Sandbox()
        try write(utf16(text, bigEndian: true), "plan.csv", in: big)
        let bigResult = try big.run(["import", "plan.csv", "--out", "plan.json"] + importArguments)
        #expect(bigResult.stdout.contains("note: plan.csv was read as UTF-16 big-endian, as its byte order mark says\n"))
        #expect(try load("plan.json", in: big).actions.map(\.text) == ["Improve the service – 😀 “now”", "Cost it in €"])
    }

    @Test func aEuropeanCSVAndWindows1252SideFilesImportWithNotes() throws {
        let sandbox = try Sandbox()
        try write(windows1252("ID;Action;Lien\n1.1;\"Réviser le plan; puis, l’appliquer\";2\n"), "plan.csv", in: sandbox)
        try write(windows1252("ID;Text\n2;Améliorer la « qualité » – £\n"), "recs.csv", in: sandbox)
        try write(windows1252("ID,Title\n1,Gouvernance – sécurité\n"), "themes.csv", in: sandbox)
        let result = try sandbox.run(["import", "plan.csv", "--out", "plan.json", "--map", "Lien=links",
                                      "--recommendations", "recs.csv", "--themes", "themes.csv"] + importArguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            created plan.json (plan): 1 action in 1 theme
            note: plan.csv is not UTF-8 and was read as Windows-1252 (Excel's "CSV (Comma delimited)"); save it as "CSV UTF-8" to be sure
            note: plan.csv was read with semicolons between its columns, as its header has them
            note: recs.csv is not UTF-8 and was read as Windows-1252 (Excel's "CSV (Comma delimited)"); save it as "CSV UTF-8" to be sure
            note: recs.csv was read with semicolons between its columns, as its header has them
            note: themes.csv is not UTF-8 and was read as Windows-1252 (Excel's "CSV (Comma delimited)"); save it as "CSV UTF-8" to be sure

            """)
        let plan = try load("plan.json", in: sandbox)
        #expect(plan.actions.map(\.text) == ["Réviser le plan; puis, l’appliquer"])
        #expect(plan.recommendations.map(\.text) == ["Améliorer la « qualité » – £"])
        #expect(plan.themes.map(\.title) == ["Gouvernance – sécurité"])
    }

    @Test func filesThatAreNotTextAreRefusedAndNothingIsWritten() throws {
        let sandbox = try Sandbox()
        let text = "ID,Action\n1,Do it\n"
        let cases: [(String, [UInt8], String)] = [
            ("nobom.csv", utf16(text, mark: false),
             "improve: nobom.csv looks like UTF-16 text but does not start with the byte order mark that says which byte of each pair comes first, "
                + "so it cannot be read safely; save the spreadsheet again as \"CSV UTF-8\" (or as Excel's \"Unicode Text\", which has the mark)\n"),
            ("odd.csv", utf16(text) + [0x41],
             "improve: odd.csv starts as UTF-16 little-endian (byte order mark FF FE) but has an odd number of bytes, so it is cut short or damaged; "
                + "save the spreadsheet again as \"CSV UTF-8\"\n"),
            ("half.csv", utf16Units([0xFEFF, 0x49, 0x44, 0x2C, 0xD83D], bigEndian: true),
             "improve: half.csv is UTF-16 big-endian (byte order mark FE FF) but holds half of a character (an unpaired surrogate) at byte 8, "
                + "so it is damaged; save the spreadsheet again as \"CSV UTF-8\"\n"),
            ("picture.csv", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D],
             "improve: picture.csv is not a CSV or TSV file: it holds byte 0x00 at byte 8, which no text does; "
                + "import a .docx, .xlsx, .csv or .tsv file, or save the spreadsheet again as \"CSV UTF-8\"\n"),
            ("marked.csv", [0xEF, 0xBB, 0xBF] + Array("ID,Action\n1,Caf".utf8) + [0xE9, 0x0A],
             "improve: marked.csv starts with the UTF-8 byte order mark but is not UTF-8 (byte 0xE9 at byte 18); save the spreadsheet again as \"CSV UTF-8\"\n"),
        ]
        for (name, bytes, message) in cases {
            try write(bytes, name, in: sandbox)
            let result = try sandbox.run(["import", name, "--out", "plan.json"] + importArguments)
            #expect(result.status == 65, "\(name)")
            #expect(result.stderr == message)
            #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("plan.json").path))
        }
        try write(Array(text.utf8), "plan.csv", in: sandbox)
        try write([0x00, 0x01, 0x02, 0x03], "themes.csv", in: sandbox)
        let side = try sandbox.run(["import", "plan.csv", "--out", "plan.json", "--themes", "themes.csv"] + importArguments)
        #expect(side.status == 65)
        #expect(side.stderr == "improve: themes.csv is not a CSV or TSV file: it holds byte 0x00 at byte 0, which no text does; save it again as \"CSV UTF-8\"\n")
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("plan.json").path))
    }
}
