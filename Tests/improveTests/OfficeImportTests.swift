import Foundation
import OfficeDocument
import PlanKit
import Testing
import TestSupport

/// `improve import plan.docx` and `plan.xlsx`, on files written by python-docx, openpyxl and LibreOffice
/// (`Tests/improveTests/Fixtures/office/make-fixtures.py`).
@Suite("Plans straight from Word and Excel files")
struct OfficeImportTests {
    static func office(_ name: String) -> String { fixturePath("office/\(name)") }

    /// The latest status recorded for an action, as reports read it.
    static func latestStatus(_ action: Action) -> String? { action.history.last { $0.status != nil }?.status }

    /// Imports `document` and compares it, action by action, with the example plan it was laid out from.
    /// Returns how many actions matched on every field compared.
    func importAndCompare(_ document: String, example: String, extra: [String] = []) throws -> (matched: Int, total: Int) {
        let sandbox = try Sandbox()
        let result = try sandbox.run(["import", Self.office(document), "--out", "imported.json", "--organisation", "Council",
                                      "--inspection-date", "2018-10"] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        let imported = try PlanLoader.load(file: sandbox.folder.appendingPathComponent("imported.json").path, relativeTo: testFolder, today: testToday).plan
        let original = try PlanLoader.load(file: repositoryRoot.appendingPathComponent("plans/\(example)").path, relativeTo: testFolder, today: testToday).plan
        #expect(imported.actions.map(\.id) == original.actions.map(\.id))
        var matched = 0
        for action in original.actions {
            guard let copy = imported.actions.first(where: { $0.id == action.id }) else { continue }
            let same = copy.text == action.text && copy.leads == action.leads && copy.deadline == action.deadline
                && copy.deadlineText == action.deadlineText && copy.milestones == action.milestones
                && copy.subPoints == action.subPoints && copy.recommendations == action.recommendations
                && copy.successMeasure == action.successMeasure && copy.impact == action.impact && copy.outcomes == action.outcomes
                && Self.latestStatus(copy) == Self.latestStatus(action)
            #expect(same, "\(document): action \(action.id) differs from plans/\(example)")
            if same { matched += 1 }
        }
        print("\(document): \(matched) of \(original.actions.count) actions match plans/\(example)")
        return (matched, original.actions.count)
    }

    @Test(arguments: ["blackpool-2019.docx", "blackpool-2019-libreoffice.docx"])
    func blackpoolsThemedTablesWithMilestoneCellsMatchTheExamplePlan(document: String) throws {
        let (matched, total) = try importAndCompare(document, example: "blackpool-2019.json")
        #expect(matched == 60 && total == 60)
    }

    @Test func portsmouthsObjectiveTablesWithRAGCommentCellsMatchTheExamplePlan() throws {
        let (matched, total) = try importAndCompare("portsmouth-2014.docx", example: "portsmouth-2014.json",
                                                    extra: ["--status-date", "2015-04-23", "--by", "YOT Board"])
        #expect(matched == 104 && total == 104)
    }

    @Test func theImportSaysWhichTablesItReadAndWhichItSkipped() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run(["import", Self.office("portsmouth-2014.docx"), "--out", "p.json", "--organisation", "Portsmouth",
                                      "--inspection-date", "2013-11", "--title", "Portsmouth"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("created p.json (p): 104 actions in 10 themes\n"))
        #expect(result.stdout.contains("note: read 10 tables: table 2 (10 actions), table 3 (7), table 4 (6)"))
        #expect(result.stdout.contains("note: skipped table 1 (GREEN, Action completed): no header naming an Action column\n"))
        // Objectives come from the paragraphs before each table, with the recommendations they link.
        let plan = try PlanLoader.load(file: sandbox.folder.appendingPathComponent("p.json").path, relativeTo: testFolder, today: testToday).plan
        #expect(plan.themes.first?.title == "By April 2014, to have in place an effective YOT Board with full, consistent and appropriate membership to lead the improvement programme")
        #expect(plan.themes.first?.recommendations == ["Recommendation 1", "Recommendation 2"])
    }

    @Test(arguments: ["lettered.docx", "lettered-libreoffice.docx"])
    func aRowPerRecommendationWithLetteredActionsGivesEveryActionAndLead(document: String) throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run(["import", Self.office(document), "--out", "n.json", "--organisation", "Northshire",
                                      "--inspection-date", "2019-11", "--status-date", "2020-01-31", "--title", "Northshire"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("created n.json (n): 8 actions in 2 themes\n"))
        #expect(result.stdout.contains("note: skipped table 1 (Version, Date, Author): no header naming an Action column\n"))
        #expect(result.stdout.contains("note: skipped table 3 (Green – complete): no header naming an Action column\n"))
        #expect(result.stdout.contains("note: 7 lettered actions read from 3 rows of a recommendation each (ids such as 1A)\n"))
        #expect(result.stdout.contains("note: 7 statuses were read from a cell's colour alone; check them with improve list\n"))
        let plan = try PlanLoader.load(file: sandbox.folder.appendingPathComponent("n.json").path, relativeTo: testFolder, today: testToday).plan
        func action(_ id: String) throws -> Action { try #require(plan.actions.first { $0.id == id }) }
        #expect(plan.actions.map(\.id) == ["1A", "1B", "1C", "2A", "2B", "3", "4A", "4B"])
        // Leads matched by letter, "A/ B:" shared, an unlettered lead given to every letter.
        #expect(try action("1A").leads == ["Chair of the Board"])
        #expect(try action("1B").leads == ["Chair of the Board"])
        #expect(try action("1C").leads == ["Head of Service"])
        #expect(try action("2A").leads == ["YOT Manager"] && action("2B").leads == ["YOT Manager"])
        #expect(try action("4B").leads == ["CAMHS Manager", "Health Lead"])
        // Timescales the same way, and a timescale merged down into the next row.
        #expect(try action("1A").deadline == .month(CalendarMonth(year: 2020, month: 3)!))
        #expect(try action("1C").deadline == .month(CalendarMonth(year: 2020, month: 6)!))
        #expect(try action("3").deadline == .month(CalendarMonth(year: 2020, month: 9)!))
        // Bullets under a lettered paragraph are its sub-points; an unlettered success measure is every letter's.
        #expect(try action("1A").subPoints == ["Include partner attendance targets", "Agree a quorum"])
        #expect(try action("1B").subPoints.isEmpty)
        #expect(try action("1C").successMeasure == "Partners attend and challenge at every board")
        // Ids and links from the row's recommendation, whose words become its text.
        #expect(try action("2B").recommendations == ["Recommendation 2"])
        #expect(plan.recommendations.first { $0.id == "Recommendation 3" }?.text == "Victims are offered restorative justice in every suitable case.")
        // Colour-only RAG cells: green and amber by hue, dark red by the document's own key; words still win.
        #expect(try Self.latestStatus(action("1C")) == "GREEN")
        #expect(try Self.latestStatus(action("2A")) == "AMBER")
        #expect(try Self.latestStatus(action("3")) == "RED")
        #expect(try Self.latestStatus(action("4A")) == "RED")
        // A row merged across the table names the theme of the rows below it.
        #expect(plan.themes.map(\.title) == ["Governance", "Practice"])
        #expect(try action("2A").theme == "2" && action("1A").theme == "1")
    }

    @Test(arguments: ["plan.xlsx", "plan-libreoffice.xlsx"])
    func anExcelWorkbookReadsDatesMergedCellsColoursAndSaysWhatWasHidden(workbook: String) throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run(["import", Self.office(workbook), "--out", "x.json", "--organisation", "Northshire",
                                      "--inspection-date", "2019-11", "--status-date", "2020-01-31", "--title", "Northshire"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("created x.json (x): 3 actions in 2 themes\n"))
        #expect(result.stdout.contains("note: read the worksheet \"Plan\" of \"Plan\", \"Notes\"; give --sheet for another\n"))
        #expect(result.stdout.contains("note: skipped hidden row 5; unhide it to import it\n"))
        #expect(result.stdout.contains("note: skipped hidden column G; unhide it to import it\n"))
        #expect(result.stdout.contains("note: column \"Signed off\" was not read"))
        let plan = try PlanLoader.load(file: sandbox.folder.appendingPathComponent("x.json").path, relativeTo: testFolder, today: testToday).plan
        #expect(plan.actions.map(\.id) == ["1.1", "1.2", "2.2"])
        let first = plan.actions[0], second = plan.actions[1], third = plan.actions[2]
        // A date cell with a day format is a day; with a month format ("mmm-yy"), a month.
        #expect(first.deadline == .day(CalendarDate(iso: "2020-03-31")!))
        #expect(second.deadline == .month(CalendarMonth(year: 2020, month: 6)!))
        // A lead merged over two rows is each row's; typed bullets in a cell are sub-points.
        #expect(first.leads == ["Chair of the Board"] && second.leads == ["Chair of the Board"])
        #expect(first.subPoints == ["Include partner attendance targets", "Agree a quorum"])
        #expect(Self.latestStatus(first) == "GREEN" && Self.latestStatus(second) == "AMBER" && Self.latestStatus(third) == "RED")
        #expect(result.stdout.contains("note: 2 statuses were read from a cell's colour alone"))
        // A number id keeps its written form; a merged section row names the theme.
        #expect(third.id == "2.2" && third.theme == "2")
        #expect(plan.themes.last?.title == "Practice")
    }

    @Test func anotherWorksheetIsChosenByNameAndAMissingOneIsNamed() throws {
        let sandbox = try Sandbox()
        let missing = try sandbox.run(["import", Self.office("plan.xlsx"), "--sheet", "Actions", "--out", "x.json", "--organisation", "N",
                                       "--inspection-date", "2019-11"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("no worksheet named \"Actions\" (the workbook has: \"Plan\", \"Notes\"); give --sheet one of them"))
        let notes = try sandbox.run(["import", Self.office("plan.xlsx"), "--sheet", "notes", "--out", "x.json", "--organisation", "N",
                                     "--inspection-date", "2019-11"])
        #expect(notes.status == 65)
        #expect(notes.stderr.contains("no table has the columns an import needs"))
        #expect(notes.stderr.contains("sheet \"Notes\" (Written for the January board)"))
        let onWord = try sandbox.run(["import", Self.office("lettered.docx"), "--sheet", "Plan", "--out", "x.json", "--organisation", "N",
                                      "--inspection-date", "2019-11"])
        #expect(onWord.status == 64)
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("x.json").path))
    }

    @Test func filesThatCannotBeReadAreRefusedWithWhatToDoAndNothingIsWritten() throws {
        let sandbox = try Sandbox()
        func copy(_ fixture: String, as name: String) throws {
            try FileManager.default.copyItem(atPath: Self.office(fixture), toPath: sandbox.folder.appendingPathComponent(name).path)
        }
        try copy("legacy.doc", as: "legacy.doc")
        try copy("legacy.doc", as: "renamed.docx")
        try copy("password.docx", as: "locked.docx")
        try copy("lettered.docx", as: "word.xlsx")
        try sandbox.write("text.docx", "ID,Action\n1,Do it\n")
        let whole = try Array(Data(contentsOf: URL(fileURLWithPath: Self.office("lettered.docx"))))
        try Data(whole.prefix(whole.count / 2)).write(to: sandbox.folder.appendingPathComponent("cut.docx"))
        // A 1 KB file that unpacks to a megabyte of one byte: refused before it is unpacked.
        let bomb = try ZipBuilder(entries: [
            .init(name: "[Content_Types].xml", data: Array("<Types/>".utf8)),
            .init(name: "word/document.xml", data: Array("<w:document xmlns:w='w'>".utf8) + [UInt8](repeating: 0x20, count: 1 << 20)),
        ]).bytes()
        #expect(bomb.count < 1400)
        try Data(bomb).write(to: sandbox.folder.appendingPathComponent("bomb.docx"))
        let cases: [(String, String)] = [
            ("legacy.doc", "an Office 97–2003 file (.doc or .xls), which is not read; open it in Word or Excel and save it as .docx or .xlsx"),
            ("renamed.docx", "an Office 97–2003 file (.doc or .xls)"),
            ("locked.docx", "protected by a password; open it, remove the password"),
            ("word.xlsx", "word.xlsx is a Word document; rename it word.docx and import that"),
            ("text.docx", "text.docx is text, not a Word document; rename it text.csv and import that"),
            ("cut.docx", "cut.docx: the file is damaged (no end of central directory (the file is cut off)); open it in Word or Excel and save it again"),
            ("bomb.docx", "bomb.docx: the part word/document.xml would unpack to more than 256 KB, far beyond any plan"),
        ]
        for (file, message) in cases {
            let result = try sandbox.run(["import", file, "--out", "out.json", "--organisation", "N", "--inspection-date", "2019-11"])
            #expect(result.status == 65, "\(file): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(file): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("out.json").path))
        }
    }

    @Test func aDocumentWhoseRowsCannotBeReadNamesTheTableAndRow() throws {
        let sandbox = try Sandbox()
        let document = WordFixture.document(tables: [[["ID", "Action", "Deadline"], ["1", "Fine", "Feb 2019"], ["2", "Broken", "whenever"]]])
        try Data(document).write(to: sandbox.folder.appendingPathComponent("bad.docx"))
        let result = try sandbox.run(["import", "bad.docx", "--out", "out.json", "--organisation", "N", "--inspection-date", "2019-11"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("bad.docx: 1 row cannot be read, so nothing was written (--skip-bad imports the rest):\n  table 1 row 3: action 2: cannot read the deadline \"whenever\""))
        let skipping = try sandbox.run(["import", "bad.docx", "--out", "out.json", "--organisation", "N", "--inspection-date", "2019-11", "--skip-bad"])
        #expect(skipping.status == 0)
        #expect(skipping.stderr.contains("improve: skipped bad.docx table 1 row 3: action 2: cannot read the deadline"))
    }

    /// A council's layout as councils write them: Priority headings, officer and RAG headers, coloured RAG
    /// cells with words, RAG initials, the recommendation's words in its own column, a table with no heading.
    @Test func aCouncilsOwnLayoutReadsItsHeadersHeadingsAndColours() throws {
        let sandbox = try Sandbox()
        let body = WordFixture.paragraph("Priority 1: Governance and leadership")
            + WordFixture.table([
                ["Ref", "Recommendation", "Action required", "Responsible Officer", "Completion Date", "Progress / RAG", "HMIP Rec"],
                ["1.1", "1. The Management Board should hold partners to account", "Agree new terms of reference", "Head of Service",
                 "Mar 2020", "#00B050|On track – ToR drafted", "1"],
                ["1.2", "1. The Management Board should hold partners to account", "Induct members", "Board Chair", "Jun 2020", "R - not started", "1, 2"],
                ["1.3", "2. Partners attend the board regularly", "Publish attendance", "Board Chair", "Jun 2020", "A/G", "2"],
            ])
            + WordFixture.paragraph("")
            + WordFixture.table([
                ["Ref", "Action required", "Responsible Officer", "Completion Date", "Progress / RAG"],
                ["1.4", "Review the dashboard", "Head of Service", "Sep 2020", "#FFC000|"],
                ["1.5", "An unreadable one", "Head of Service", "whenever", "#00B050|"],
            ])
        try Data(WordFixture.document(body: body)).write(to: sandbox.folder.appendingPathComponent("council.docx"))
        let result = try sandbox.run(["import", "council.docx", "--out", "c.json", "--organisation", "N", "--inspection-date", "2019-11",
                                      "--title", "Council", "--skip-bad"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("skipped council.docx table 2 row 3: action 1.5: cannot read the deadline"))
        // The colour count leaves out the row that was skipped.
        #expect(result.stdout.contains("note: 2 statuses were read from a cell's colour alone"))
        #expect(result.stdout.contains("note: column \"HMIP Rec\" looks like the recommendations each action answers; to link them, add --map \"HMIP Rec=links\""))
        #expect(result.stdout.contains("note: the statuses read are dated "))
        let plan = try PlanLoader.load(file: sandbox.folder.appendingPathComponent("c.json").path, relativeTo: testFolder, today: testToday).plan
        func action(_ id: String) throws -> Action { try #require(plan.actions.first { $0.id == id }) }
        // "Priority 1: …" is theme 1, and the table after it, with no heading of its own, stays under it.
        #expect(plan.themes.map(\.id) == ["1"] && plan.themes.first?.title == "Governance and leadership")
        #expect(try action("1.4").theme == "1")
        // Officer, date and RAG headers as councils write them.
        #expect(try action("1.1").leads == ["Head of Service"] && action("1.1").deadline == .month(CalendarMonth(year: 2020, month: 3)!))
        // Words on a coloured cell: the colour is the status, the words its comment.
        #expect(try Self.latestStatus(action("1.1")) == "GREEN" && action("1.1").history.last?.comment == "On track – ToR drafted")
        #expect(try Self.latestStatus(action("1.4")) == "AMBER")
        // RAG initials: "R - not started", and "A/G" read as its first level with the words kept.
        #expect(try Self.latestStatus(action("1.2")) == "RED" && action("1.2").history.last?.comment == "not started")
        #expect(try Self.latestStatus(action("1.3")) == "AMBER" && action("1.3").history.last?.comment == "A/G")
        // The recommendation's own words make the recommendation, numbered as they are.
        #expect(try action("1.3").recommendations == ["Recommendation 2"])
        #expect(plan.recommendations.map(\.id) == ["Recommendation 1", "Recommendation 2"])
        #expect(plan.recommendations.first?.text == "The Management Board should hold partners to account")
    }

    @Test func recommendationsComeFromATableInAWordDocumentToo() throws {
        let sandbox = try Sandbox()
        let recommendations = WordFixture.document(tables: [
            [["Version", "Date"], ["1", "Jan 2020"]],
            [["No.", "Recommendation"], ["1.", "The Management Board holds partners to account."], ["2", "Partners attend the board."]],
        ])
        try Data(recommendations).write(to: sandbox.folder.appendingPathComponent("recs.docx"))
        let plan = WordFixture.document(tables: [[["ID", "Action", "Link"], ["1.1", "Agree terms of reference", "1"], ["1.2", "Publish attendance", "2"]]])
        try Data(plan).write(to: sandbox.folder.appendingPathComponent("plan.docx"))
        let result = try sandbox.run(["import", "plan.docx", "--recommendations", "recs.docx", "--out", "p.json", "--organisation", "N",
                                      "--inspection-date", "2019-11", "--title", "P", "--status-date", "2020-01-31"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("add the text of"))
        let loaded = try PlanLoader.load(file: sandbox.folder.appendingPathComponent("p.json").path, relativeTo: testFolder, today: testToday).plan
        #expect(loaded.recommendations.map(\.text) == ["The Management Board holds partners to account.", "Partners attend the board."])
        let none = try sandbox.run(["import", "plan.docx", "--recommendations", "plan.docx", "--out", "q.json", "--organisation", "N",
                                    "--inspection-date", "2019-11"])
        #expect(none.status == 65)
        #expect(none.stderr.contains("plan.docx: no table has the columns"))
    }

    /// Tables a hostile pass wrote: each once lost or invented data without a word.
    @Test func mixedLetteredTablesHeadersAndLabelsAreReadAsWritten() throws {
        let sandbox = try Sandbox()
        func importing(_ body: String, _ extra: [String] = []) throws -> (CommandResult, Plan?) {
            try? FileManager.default.removeItem(at: sandbox.folder.appendingPathComponent("o.json"))
            try Data(WordFixture.document(body: body)).write(to: sandbox.folder.appendingPathComponent("t.docx"))
            let result = try sandbox.run(["import", "t.docx", "--out", "o.json", "--organisation", "N", "--inspection-date", "2019-11",
                                          "--status-date", "2020-01-31", "--title", "T"] + extra)
            let plan = try? PlanLoader.load(file: sandbox.folder.appendingPathComponent("o.json").path, relativeTo: testFolder, today: testToday).plan
            return (result, plan)
        }
        // A lettered row among rows with their own ids: those keep them.
        let (mixed, mixedPlan) = try importing(WordFixture.table([
            ["ID", "Action", "Lead"], ["1", "A: alpha\nB: beta", "J. Smith"], ["LM 7", "plain action", "Ann"], ["2.1", "other", "Ann"],
        ]))
        #expect(mixed.status == 0, "\(mixed.stderr)")
        #expect(mixedPlan?.actions.map(\.id) == ["1A", "1B", "LM 7", "2.1"])
        // "J. Smith" is a name, not a label for a letter the row does not have.
        #expect(mixedPlan?.actions.first?.leads == ["J. Smith"])
        // Words above the letters become the recommendation's text; a shaded row without words is a spacer.
        let (intro, introPlan) = try importing(WordFixture.table([
            ["No.", "Action", "Lead"], ["3", "The board will:\nA: meet monthly\nB: publish minutes", "Chair"], ["#D9D9D9|", "#D9D9D9|", "#D9D9D9|"],
        ]))
        #expect(intro.status == 0, "\(intro.stderr)")
        #expect(introPlan?.actions.map(\.id) == ["3A", "3B"] && introPlan?.actions.first?.text == "meet monthly")
        #expect(introPlan?.recommendations.map(\.text) == ["The board will:"])
        // A lettered row with no id, and a lead for a letter the action cell lacks: both said, nothing written.
        let (bad, _) = try importing(WordFixture.table([["ID", "Action", "Lead"], ["", "A: alpha\nB: beta", "Ann"], ["2", "A: one\nB: two", "A: Ann\nC: Carol"]]))
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("table 1 row 2: no id: give the row its recommendation's number"))
        #expect(bad.stderr.contains("table 1 row 3: the Lead cell names C, but the Action cell has no action lettered so (it has A, B)"))
        // A header of two rows (ID and Action merged down) and a cell merged down from the header are not data.
        let header = """
        <w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
        <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>ID</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Action</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Lead</w:t></w:r></w:p></w:tc></w:tr>
        <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>
        <w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Do it</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>
        </w:tbl>
        """
        let (twoRows, twoRowsPlan) = try importing(header)
        #expect(twoRows.status == 0, "\(twoRows.stderr)")
        #expect(twoRowsPlan?.actions.map(\.id) == ["1"] && twoRowsPlan?.actions.first?.leads == [])
        // The same id twice is placed; a table of only a header is nothing to import.
        let (twice, _) = try importing(WordFixture.table([["ID", "Action"], ["1", "a"], ["2", "b"], ["1", "c"]]))
        #expect(twice.status == 65 && twice.stderr.contains("table 1 row 4: the id 1 is also at table 1 row 2; give each action its own id"))
        let (empty, _) = try importing(WordFixture.table([["ID", "Action"]]))
        #expect(empty.status == 65 && empty.stderr.contains("t.docx has no rows to import"))
        // Words under a blank header are named, and --strict refuses them.
        let unnamed = WordFixture.table([["ID", "Action", ""], ["1", "a", "kept somewhere"]])
        let (noted, _) = try importing(unnamed)
        #expect(noted.status == 0 && noted.stdout.contains("note: table 1 column 3 holds values under no header and was not read"))
        let (strict, _) = try importing(unnamed, ["--strict"])
        #expect(strict.status == 65 && strict.stderr.contains("--strict and table 1 column 3 holds values under no header"))
    }

    @Test func wordForTheWebsMainPartAndAKilledCreatorsLeftovers() throws {
        let sandbox = try Sandbox()
        // Word for the web names its main part word/document2.xml in the package's relationships.
        let xml = "<w:document xmlns:w=\"\(WordFixture.namespace)\"><w:body>\(WordFixture.table([["ID", "Action"], ["1", "Do it"]]))</w:body></w:document>"
        let rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r1\" "
            + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"/word/document2.xml\"/></Relationships>"
        let online = try ZipBuilder(entries: [.init(name: "_rels/.rels", data: Array(rels.utf8)), .init(name: "word/document2.xml", data: Array(xml.utf8))]).bytes()
        try Data(online).write(to: sandbox.folder.appendingPathComponent("online.docx"))
        // A temporary file a killed import left beside the plan it was creating.
        try sandbox.write(".o.json.tmp-AbC123", "{\"half")
        let result = try sandbox.run(["import", "online.docx", "--out", "o.json", "--organisation", "N", "--inspection-date", "2019-11"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent(".o.json.tmp-AbC123").path))
        try Data().write(to: sandbox.folder.appendingPathComponent("empty.docx"))
        let empty = try sandbox.run(["import", "empty.docx", "--out", "e.json", "--organisation", "N", "--inspection-date", "2019-11"])
        #expect(empty.status == 65 && empty.stderr.contains("empty.docx has no rows to import"))
    }

    /// What a second hostile pass found.
    @Test func numberedIDsLineBreaksHiddenTextAndWorkbookSheetsReadAsShown() throws {
        let sandbox = try Sandbox()
        // An ID column numbered by Word, a line break inside a lettered Timescale cell, hidden text, and an
        // empty numbered paragraph after an action's words (nothing, not a number).
        let numbered = "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"7\"/></w:numPr></w:pPr></w:p>"
        func cell(_ xml: String) -> String { "<w:tc>\(xml)</w:tc>" }
        let body = "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
            + "<w:tr>" + cell(WordFixture.paragraph("ID")) + cell(WordFixture.paragraph("Action")) + cell(WordFixture.paragraph("Timescale")) + "</w:tr>"
            + "<w:tr>" + cell(numbered) + cell(WordFixture.paragraph("A: meet\nB: publish").replacingOccurrences(of: "\n", with: "</w:t><w:br/><w:t>"))
            + cell(WordFixture.paragraph("A: Mar 2020\nB: Jun 2020").replacingOccurrences(of: "\n", with: "</w:t><w:br/><w:t>")) + "</w:tr>"
            + "<w:tr>" + cell(numbered) + cell("<w:p><w:r><w:t xml:space=\"preserve\">Audit </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>secret</w:t></w:r><w:r><w:t>files</w:t></w:r></w:p>" + numbered)
            + cell(WordFixture.paragraph("Sep 2020")) + "</w:tr></w:tbl>"
        try Data(WordFixture.document(body: body)).write(to: sandbox.folder.appendingPathComponent("n.docx"))
        let result = try sandbox.run(["import", "n.docx", "--out", "n.json", "--organisation", "N", "--inspection-date", "2019-11", "--title", "N"])
        #expect(result.status == 0, "\(result.stderr)")
        let plan = try PlanLoader.load(file: sandbox.folder.appendingPathComponent("n.json").path, relativeTo: testFolder, today: testToday).plan
        #expect(plan.actions.map(\.id) == ["1A", "1B", "2"])
        #expect(plan.actions.map(\.deadline) == [.month(CalendarMonth(year: 2020, month: 3)!), .month(CalendarMonth(year: 2020, month: 6)!),
                                                 .month(CalendarMonth(year: 2020, month: 9)!)])
        #expect(plan.actions.last?.text == "Audit files")
        // A chart sheet and a cover sheet before the plan's sheet; a formula never computed; a section row in one cell.
        let cover = "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Northshire improvement plan</t></is></c></row></sheetData>"
        let sheet = "<sheetData>"
            + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>ID</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Action</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>Lead</t></is></c></row>"
            + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Objective 3 – Victims</t></is></c></row>"
            + "<row r=\"3\"><c r=\"A3\"><v>1</v></c><c r=\"B3\" t=\"inlineStr\"><is><t>Offer contact</t></is></c><c r=\"C3\"><f>Leads!A1</f></c></row>"
            + "</sheetData>"
        var book = try SheetFixture.workbook(sheets: [("Cover", cover), ("Plan", sheet)])
        // Make the first sheet a chart sheet: its relationship points into chartsheets/.
        let archive = try ZipArchive(bytes: book)
        let entries = try archive.entries.map { entry -> ZipBuilder.Entry in
            var data = try archive.contents(of: entry)
            if entry.name == "xl/workbook.xml" {
                data = Array(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<sheets>", with: "<sheets><sheet name=\"Chart\" sheetId=\"9\" r:id=\"rId9\"/>").utf8)
            }
            if entry.name == "xl/_rels/workbook.xml.rels" {
                data = Array(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "</Relationships>", with: "<Relationship Id=\"rId9\" Type=\"chartsheet\" Target=\"chartsheets/sheet1.xml\"/></Relationships>").utf8)
            }
            return ZipBuilder.Entry(name: entry.name, data: data)
        }
        book = try ZipBuilder(entries: entries + [.init(name: "xl/chartsheets/sheet1.xml", data: Array("<chartsheet/>".utf8))]).bytes()
        try Data(book).write(to: sandbox.folder.appendingPathComponent("b.xlsx"))
        let excel = try sandbox.run(["import", "b.xlsx", "--out", "b.json", "--organisation", "N", "--inspection-date", "2019-11", "--title", "B"])
        #expect(excel.status == 0, "\(excel.stderr)")
        #expect(excel.stdout.contains("note: read the worksheet \"Plan\" of \"Cover\", \"Plan\"; give --sheet for another"))
        #expect(excel.stdout.contains("note: cell C3 holds a formula whose result was never saved and was read as empty"))
        let workbookPlan = try PlanLoader.load(file: sandbox.folder.appendingPathComponent("b.json").path, relativeTo: testFolder, today: testToday).plan
        #expect(workbookPlan.themes.map(\.title) == ["Victims"] && workbookPlan.actions.map(\.id) == ["1"])
        // --skip-bad with every row bad is no plan at all.
        let bad = WordFixture.document(tables: [[["ID", "Action", "Deadline"], ["1", "x", "whenever"]]])
        try Data(bad).write(to: sandbox.folder.appendingPathComponent("bad.docx"))
        let none = try sandbox.run(["import", "bad.docx", "--out", "x.json", "--organisation", "N", "--inspection-date", "2019-11", "--skip-bad"])
        #expect(none.status == 65 && !FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("x.json").path))
    }
}
