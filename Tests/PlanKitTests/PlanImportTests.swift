import Testing
@testable import PlanKit
@testable import PlanInterchange

/// The import as the library runs it: a request and the files it names in, a plan and typed notes out.
/// The files are held in memory and handed over by the `read` closure, as the command hands over its own.
@Suite("An import is a request in, a plan and notes out")
struct PlanImportTests {
    let files: [String: String] = [
        "plan.csv": "ID,Action,Lead,Owner's notes,Linked\n1.1,Do the first thing,YOT manager,keep,2\n1.2,Do the next,Head of service,,2\n",
        "recs.csv": "ID,Text\nRecommendation 2,Improve the quality of assessments\n",
        "themes.csv": "ID,Title\n9,Not used by the sheet\n1,Governance\n",
    ]

    func request(_ input: String = "plan.csv") -> ImportRequest {
        let importer = PlanImporter(planID: "m", title: "Imported plan m", organisation: "O",
                                    inspection: Inspection(inspectorate: "HMIP", date: PlanDate(iso: "2019-01")!),
                                    statusDate: CalendarDate(iso: "2019-04-10")!)
        return ImportRequest(input: input, importer: importer)
    }

    func read(_ file: String) throws -> [UInt8] {
        guard let text = files[file] else { throw PlanError.fileNotFound(path: file) }
        return Array(text.utf8)
    }

    @Test func notesSayWhatWasAssumedAndWhatWasNotRead() throws {
        let outcome = try PlanImporter.run(request(), read: read)
        #expect(outcome.plan.actions.map(\.id) == ["1.1", "1.2"])
        #expect(outcome.notes.contains(.columnNotRead(header: "Owner's notes")))
        // A column of references under a header not known is read as links, by its content, and said.
        #expect(outcome.notes.contains(.columnReadByContent(place: "Linked", header: "Linked", field: "links", reason: "its cells name recommendations")))
        #expect(outcome.plan.actions.map(\.recommendations) == [["Recommendation 2"], ["Recommendation 2"]])
        #expect(outcome.notes.contains(.titleByDefault("Imported plan m")))
        // No status was read, so none was dated by default; nothing came from a document's tables.
        #expect(!outcome.notes.contains { if case .statusesDatedByDefault = $0 { true } else { false } })
        #expect(!outcome.notes.contains { if case .tablesRead = $0 { true } else { false } })
    }

    @Test func aGivenTitleIsNotNoted() throws {
        var request = request()
        request.titleGiven = true
        let outcome = try PlanImporter.run(request, read: read)
        #expect(!outcome.notes.contains(.titleByDefault("Imported plan m")))
    }

    @Test func sideFilesCompleteRecommendationsAndThemes() throws {
        var request = request()
        request.importer.mapping["linked"] = .links
        let before = try PlanImporter.run(request, read: read)
        #expect(before.notes.contains(.recommendationsWithoutText(ids: ["Recommendation 2"], source: .delimitedText)))
        request.recommendationsFile = "recs.csv"
        request.themesFile = "themes.csv"
        let after = try PlanImporter.run(request, read: read)
        #expect(after.plan.recommendations.map(\.text) == ["Improve the quality of assessments"])
        #expect(!after.notes.contains { if case .recommendationsWithoutText = $0 { true } else { false } })
        // The sheet's own theme first, titled from the file, then the file's other themes.
        #expect(after.plan.themes.map(\.id) == ["1", "9"])
        #expect(after.plan.themes.first?.title == "Governance")
    }

    @Test func strictRefusesColumnsNotRead() {
        var request = request()
        request.strict = true
        #expect(throws: ImportError.strictColumnsNotRead(file: "plan.csv", columns: ["Owner's notes"], proposedLinks: [])) {
            try PlanImporter.run(request, read: read)
        }
    }

    @Test func aWorksheetIsOnlyForAWorkbook() {
        var request = request()
        request.sheet = "Actions"
        #expect(throws: ImportError.sheetOfNonWorkbook(file: "plan.csv")) { try PlanImporter.run(request, read: read) }
    }

    @Test func aSpreadsheetThatIsNotUTF8IsRefused() {
        let latin1: [UInt8] = Array("ID,Action\n1,Caf".utf8) + [0xE9] + Array("\n".utf8)
        #expect(throws: ImportError.notUTF8(file: "latin.csv", role: .actions)) {
            try PlanImporter.run(request("latin.csv"), read: { _ in latin1 })
        }
    }
}
