@testable import PlanJSON
import Testing
@testable import PlanKit

@Suite("Loading and validating plan files")
struct ValidationTests {
    /// The problems of a fixture, checked in a temporary copy.
    func problems(_ fixture: String) throws -> [PlanProblem] {
        try PlanLoader.check(file: try fixtureCopy(fixture), relativeTo: testFolder, today: testToday).problems
    }

    func errors(_ fixture: String) throws -> [PlanProblem] {
        try problems(fixture).filter { $0.severity == .error }
    }

    @Test func theExamplePlansValidateClean() throws {
        for name in ["blackpool-2019.json", "portsmouth-2014.json"] {
            let check = try PlanLoader.check(file: examplePlanPath(name), relativeTo: testFolder, today: testToday)
            #expect(check.problems.isEmpty, "\(name): \(check.problems)")
            #expect(check.plan != nil)
        }
    }

    @Test func aMinimalPlanLoads() throws {
        let loaded = try PlanLoader.load(file: try fixtureCopy("valid-minimal.json"), relativeTo: testFolder, today: testToday)
        #expect(loaded.plan.id == "mini")
        #expect(loaded.plan.actions.map(\.id) == ["A 1", "A 2"])
        #expect(loaded.plan.actions[0].history.first?.status == "AMBER")
        #expect(loaded.warnings.isEmpty)
    }

    @Test func malformedJSONGivesLineAndColumn() throws {
        let found = try errors("malformed.json")
        #expect(found.count == 1)
        #expect(found[0].line == 4)
        #expect(found[0].column == 27)
        #expect(found[0].description.hasSuffix("malformed.json:4:27: error: unexpected ','; expected a key in double quotes"))
    }

    @Test func wrongTypesAreEachReportedWithTheirPath() throws {
        let found = try errors("wrong-types.json")
        #expect(found.map(\.path) == ["title", "actions[0].deadline"])
        #expect(found[0].message == "expected a string, found an array")
        #expect(found[1].message.contains("expected a deadline string"))
    }

    @Test func missingRequiredFieldsAreEachReported() throws {
        let found = try errors("missing-fields.json")
        #expect(found.map(\.path) == ["", "actions[1]"])
        #expect(found[0].message == "missing required field \"organisation\"")
        #expect(found[1].message == "missing required field \"text\"")
    }

    @Test func duplicateIdsAreReported() throws {
        let found = try errors("duplicate-ids.json")
        #expect(found.map(\.path) == ["themes[1].id", "actions[1].id"])
        #expect(found[1].message.contains("duplicate action id \"A 1\" (also actions[0])"))
    }

    @Test func linksToMissingRecommendationsAndThemesAreReported() throws {
        let found = try errors("unknown-links.json")
        #expect(found.map(\.path) == ["actions[0].recommendations[0]", "actions[1].theme"])
        #expect(found[0].message.contains("no recommendation \"HMIP 7\""))
        #expect(found[1].message.contains("no theme \"B\""))
    }

    @Test func statusesOutsideTheSchemeAreReportedWithTheFix() throws {
        let found = try errors("unknown-status.json")
        #expect(found.map(\.path) == ["actions[0].history[0].status", "actions[1].history[0].status"])
        #expect(found[0].message.contains("\"Amber\" is not a status of this plan's RAG scheme (BLUE, RED, AMBER, GREEN); write \"AMBER\""))
        #expect(found[1].message.contains("\"PURPLE\""))
    }

    @Test func impossibleDatesAreReported() throws {
        let found = try errors("impossible-dates.json")
        #expect(found.map(\.path) == ["actions[0].history[0].date", "actions[1].deadline"])
        #expect(found[0].message.contains("there is no month 13"))
        #expect(found[1].message.contains("\"2019-02-30\" is not a date: Feb 2019 has 28 days"))
    }

    @Test func aMilestoneAfterItsActionsDeadlineIsAnError() throws {
        let found = try errors("milestone-after-deadline.json")
        #expect(found.map(\.path) == ["actions[0].milestones[1].deadline"])
        #expect(found[0].message.contains("due Mar 2019, after the action's deadline Feb 2019"))
    }

    @Test func anUnknownFormatVersionIsTheOnlyProblemReported() throws {
        let found = try errors("unknown-format-version.json")
        #expect(found.map(\.message) == ["unknown formatVersion 2; this version of improve reads formatVersion 1"])
        #expect(found[0].path == "formatVersion")
    }

    @Test func aFileThatIsNotUTF8IsReportedWhereItBreaks() throws {
        let found = try errors("not-utf8.json")
        #expect(found.count == 1)
        #expect(found[0].message.contains("not valid UTF-8"))
        #expect(found[0].line != nil)
    }

    @Test func anEmptyFileIsReported() throws {
        let found = try errors("empty.json")
        #expect(found.count == 1)
        #expect(found[0].message.contains("the file is empty"))
    }

    @Test func unknownKeysSuggestTheKnownOne() throws {
        let found = try errors("unknown-key.json")
        #expect(found.map(\.path) == ["actions[0].dealine"])
        #expect(found[0].message.contains("did you mean \"deadline\"?"))
    }

    @Test func unansweredRecommendationsAndMissingLeadsAreWarnings() throws {
        let found = try problems("warnings.json")
        #expect(found.allSatisfy { $0.severity == .warning })
        #expect(found.map(\.path) == ["actions[1].leads", "recommendations[1]"])
        // Warnings don't stop a plan from loading.
        let loaded = try PlanLoader.load(file: try fixtureCopy("warnings.json"), relativeTo: testFolder, today: testToday)
        #expect(loaded.warnings.count == 2)
    }

    @Test func loadingAPlanWithErrorsThrowsEveryProblem() throws {
        let file = try fixtureCopy("impossible-dates.json")
        #expect {
            try PlanLoader.load(file: file, relativeTo: testFolder, today: testToday)
        } throws: { error in
            guard case PlanError.invalidPlan(let path, let problems) = error else { return false }
            return path == file && problems.filter { $0.severity == .error }.count == 2
        }
    }

    @Test func aMissingFileIsNotFound() {
        #expect(throws: PlanError.fileNotFound(path: "/nonexistent/plan.json")) {
            try PlanLoader.load(file: "/nonexistent/plan.json", relativeTo: testFolder, today: testToday)
        }
    }

    @Test func aPlansFolderListsPlansButNotSchemas() throws {
        let files = try PlanLoader.planFiles(in: repositoryRoot.appendingPathComponent("plans").path, relativeTo: testFolder)
        #expect(files.map { $0.split(separator: "/").last! } == ["blackpool-2019.json", "portsmouth-2014.json"])
        #expect(throws: PlanError.folderNotFound(path: "/nonexistent")) { try PlanLoader.planFiles(in: "/nonexistent", relativeTo: testFolder) }
    }

    @Test func theExamplePlansAreInCanonicalForm() throws {
        // Loading and writing an unchanged plan gives back the same bytes.
        for name in ["blackpool-2019.json", "portsmouth-2014.json"] {
            let original = try String(contentsOfFile: examplePlanPath(name), encoding: .utf8)
            let plan = try loadExample(name)
            #expect(JSONWriter.string(from: plan.jsonValue()) == original, "\(name) is not in canonical form")
        }
        // A plan's own $schema location is kept.
        let fixture = try fixtureCopy("valid-minimal.json")
        let original = try String(contentsOfFile: fixture, encoding: .utf8)
        let plan = try PlanLoader.load(file: fixture, relativeTo: testFolder, today: testToday).plan
        #expect(plan.schemaLocation == "../../../plans/plan.schema.json")
        #expect(JSONWriter.string(from: plan.jsonValue()) == original)
    }
}

import Foundation

@Suite("The plan format's examples (docs/plan-format.md)")
struct ReadmeExampleTests {
    /// The ```json blocks of docs/plan-format.md.
    func jsonBlocks() throws -> [String] {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/plan-format.md"), encoding: .utf8)
        return readme.components(separatedBy: "```json\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
    }

    @Test func theExamplePlanLoadsClean() throws {
        let block = try #require(try jsonBlocks().first { $0.contains("\"formatVersion\"") })
        let check = PlanLoader.check(bytes: Array(block.utf8), file: "docs/plan-format.md", today: testToday)
        #expect(check.problems.isEmpty, "\(check.problems)")
        let plan = try #require(check.plan)
        let action = try #require(plan.action(id: "LM 8"))
        #expect(action.status(asOf: date("2019-03-01"), in: plan.ragScheme)?.code == "AMBER")
        #expect(action.overdueMilestones(asOf: date("2019-05-01"), in: plan.ragScheme).map(\.title) == ["New Workforce Development Strategy"])
    }

    @Test func theProgressScaleIsADeclarableScheme() throws {
        let block = try #require(try jsonBlocks().first { $0.hasPrefix("\"ragScheme\"") })
        let plan = """
        {"formatVersion": 1, "id": "p", "title": "t", "organisation": "o",
         "inspection": {"inspectorate": "HMIP", "date": "2019-01"}, \(block),
         "themes": [{"id": "A", "title": "A"}], "recommendations": [],
         "actions": [{"id": "1", "theme": "A", "text": "x", "leads": ["L"],
                      "history": [{"date": "2019-01-02", "status": "GOOD"}]}]}
        """
        let check = PlanLoader.check(bytes: Array(plan.utf8), file: "progress.json", today: testToday)
        #expect(check.problems.isEmpty, "\(check.problems)")
        let scheme = try #require(check.plan?.ragScheme)
        #expect(scheme.levels.map(\.label) == ["No improvement", "Some progress", "Good progress", "Complete"])
        #expect(scheme.level(matching: "complete")?.isComplete == true)
        #expect(scheme.level(matching: "good progress")?.code == "GOOD")
    }
}

@Suite("Problems point at the line and column of the value at fault")
struct ProblemPositionTests {
    @Test func shapeProblemsCarryTheLineAndColumnOfTheirValue() throws {
        let text = """
        {"formatVersion": 1, "id": "p", "title": "T", "organisation": "O",
         "inspection": {"inspectorate": "HMIP", "date": "2019-02-30"},
         "themes": [{"id": "1", "title": "One", "colour": "red"}],
         "recommendations": [],
         "actions": [{"id": "A", "theme": "1", "text": "t", "leads": ["L"],
                      "deadline": 7, "history": [{"date": "2019-01-01"}]}]}
        """
        let problems = PlanLoader.check(bytes: Array(text.utf8), file: "p.json", today: testToday).problems
        func place(_ path: String) -> String? {
            problems.first { $0.path == path }.map { "\($0.line ?? 0):\($0.column ?? 0)" }
        }
        #expect(place("inspection.date") == "2:49")
        #expect(place("themes[0].colour") == "3:51")
        #expect(place("actions[0].deadline") == "6:27")
        // A missing field or a broken rule of an object points at the object.
        #expect(place("actions[0].history[0]") == "6:42")
        #expect(problems.first { $0.path == "inspection.date" }?.description
            == "p.json:2:49: inspection.date: error: \"2019-02-30\" is not a date; write YYYY-MM-DD or YYYY-MM (for example 2018-10)")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let text = "{\"formatVersion\": 1, \"id\": \"p\", \"title\": \"Ünïcödé – plan\", \"organisation\": 5}"
        let problem = try #require(PlanLoader.check(bytes: Array(text.utf8), file: "p.json", today: testToday).problems.first { $0.path == "organisation" })
        #expect(problem.line == 1)
        #expect(problem.column == Array(text).firstIndex(of: "5")! + 1)
    }
}

@Suite("What a hostile tester found in reading plans")
struct HostileReadingTests {
    func problems(_ text: String) -> [PlanProblem] {
        PlanLoader.check(bytes: Array(text.utf8), file: "p.json", today: testToday).problems
    }

    func minimal(actions: String) -> String {
        """
        {"formatVersion": 1, "id": "p", "title": "T", "organisation": "O", "inspection": {"inspectorate": "H", "date": "2019-01"},
         "themes": [{"id": "1", "title": "One"}], "recommendations": [], "actions": [\(actions)]}
        """
    }

    @Test func idsThatReadTheSameWhenTypedAreAnError() {
        let found = problems(minimal(actions: """
            {"id": "1.1", "theme": "1", "text": "a", "leads": ["L"]}, {"id": "1. 1", "theme": "1", "text": "b", "leads": ["L"]}
            """))
        #expect(found.contains { $0.path == "actions[1].id" && $0.message.contains("is typed the same as \"1.1\"") })
    }

    @Test func positionsCountNoByteOrderMarkAndEndLinesAtALoneCarriageReturn() throws {
        let text = "{\"formatVersion\": 1, \"id\": 5}"
        let plain = try #require(problems(text).first { $0.path == "id" })
        let marked = try #require(PlanLoader.check(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8), file: "p", today: testToday).problems.first { $0.path == "id" })
        #expect(plain.column == marked.column)
        let crOnly = try #require(problems("{\"formatVersion\": 1,\r\"id\": 5}").first { $0.path == "id" })
        #expect(crOnly.line == 2)
        #expect(crOnly.column == 7)
    }

    @Test func aCurlyQuoteIsNamedWhole() throws {
        let problem = try #require(problems("{\"formatVersion\": 1, \"title\": “Plan”}").first)
        #expect(problem.message.contains("'“' (U+201C)"), "\(problem.message)")
    }

    @Test func longValuesAreQuotedShort() throws {
        let key = String(repeating: "k", count: 100_000)
        let found = problems(minimal(actions: "{\"id\": \"A\", \"theme\": \"1\", \"text\": \"t\", \"\(key)\": 1}"))
        let unknown = try #require(found.first { $0.message.hasPrefix("unknown key") })
        #expect(unknown.description.utf8.count < 500, "the key is quoted short; the rest is the list of known keys")
        #expect(unknown.message.contains("(100000 bytes)"))
    }

    @Test func blankMeansWhatTheSchemaPatternMeans() {
        for (text, blank) in [("\u{0B}", true), ("\u{0C}", true), ("\u{FEFF}", true), ("\u{3000} ", true),
                              ("\u{85}", false), ("x", false), ("", true), (" \t\r\n", true)] {
            #expect(JSONText.isBlank(text) == blank, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func yearZeroIsSaidToBeNoYear() {
        #expect(CalendarDate.whyNotADate("0000-01-01") == "\"0000-01-01\" is not a date: there is no year 0")
        #expect(CalendarDate.whyNotADate("0000-01") == "\"0000-01\" is not a month: there is no year 0")
    }
}
