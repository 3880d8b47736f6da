@testable import PlanJSON
import Foundation
import Testing
@testable import PlanKit
@testable import PlanReports
@testable import PlanStorage

/// A change to one action of a plan whose bytes were checked whole when last
/// written reads only that action; these tests prove it behaves as reading
/// and checking the whole plan would, whatever happened to the file in between.
@Suite("Changing one action without reading the whole plan")
struct OneActionChangeTests {
    func planCopy() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("one-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/blackpool-2019.json"
        try FileManager.default.copyItem(atPath: examplePlanPath("blackpool-2019.json"), toPath: file)
        return file
    }

    /// A comment on an action, through the one-action path when it can be taken; what the closure saw.
    @discardableResult
    func note(_ id: String, _ text: String, file: String) throws -> Int {
        var seen = 0
        _ = try PlanStore(today: testToday, workingFolder: testFolder).update(file: file, action: id) { plan in
            seen = plan.actions.count
            var update = ActionUpdate(date: date("2019-04-02"), by: "Tester")
            update.comment = text
            let outcome = try plan.apply(update, toAction: plan.actions.first { IdentifierMatcher.matches(id, $0.id) }!.id)
            return RecordedChange(result: outcome, description: outcome.summary)
        }
        return seen
    }

    func bytes(_ file: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: file))) }

    /// The same change made by reading the whole plan, on a copy: the bytes it writes.
    func wholeReadBytes(of file: String, change: (inout Plan) throws -> Void) throws -> [UInt8] {
        var plan = try PlanLoader.load(file: file, relativeTo: testFolder, today: testToday).plan
        try change(&plan)
        return JSONWriter.bytes(from: plan.jsonValue())
    }

    @Test func theSecondChangeReadsOneActionAndWritesWhatAWholeReadWould() throws {
        let file = try planCopy()
        #expect(try note("lm7", "First", file: file) == 60, "no fingerprint yet: read whole")
        let expected = try wholeReadBytes(of: file) { plan in
            var update = ActionUpdate(date: date("2019-04-02"), by: "Tester")
            update.comment = "Second"
            _ = try plan.apply(update, toAction: "LM 8")
        }
        #expect(try note("lm8", "Second", file: file) == 1, "fingerprint matches: one action read")
        #expect(try bytes(file) == expected)
        // Undo takes the change back exactly.
        _ = try PlanStore(today: testToday, workingFolder: testFolder).undo(file: file)
        #expect(try PlanLoader.load(file: file, relativeTo: testFolder, today: testToday).plan.action(id: "LM 8")?.history.isEmpty == true)
    }

    @Test func actionsPassedOverMayHoldBracketsQuotesAndEscapesInTheirTexts() throws {
        let file = try planCopy()
        var plan = try PlanLoader.load(file: file, relativeTo: testFolder, today: testToday).plan
        let tricky = "A \"quoted\" } ] { [ text \\ with \u{1F600} and \u{7} end"
        for index in plan.actions.indices where plan.actions[index].id != "LM 8" {
            plan.actions[index].text = tricky
            plan.actions[index].subPoints.append("[{\"}\"]}")
        }
        try Data(JSONWriter.bytes(from: plan.jsonValue())).write(to: URL(fileURLWithPath: file))
        try note("lm7", "Recorded whole", file: file)
        #expect(try note("lm8", "Recorded alone", file: file) == 1)
        let read = try PlanLoader.load(file: file, relativeTo: testFolder, today: testToday).plan
        #expect(read.action(id: "LM 8")?.history.last?.comment == "Recorded alone")
        #expect(read.actions.filter { $0.id != "LM 8" }.allSatisfy { $0.text == tricky })
    }

    @Test func aFingerprintFromAFileStatusedAgainIsNotTrusted() throws {
        let file = try planCopy()
        try note("lm7", "First", file: file)
        // The same bytes written again (a restore, a copy back): the file's status time moved.
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        try data.write(to: URL(fileURLWithPath: file))
        #expect(try note("lm8", "After", file: file) == 60)
    }

    @Test func aValidEditByHandBetweenTwoChangesIsKept() throws {
        let file = try planCopy()
        try note("lm7", "First", file: file)
        var text = try String(contentsOfFile: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "Ensure that the Executive Board", with: "Make sure that the Executive Board")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try note("lm8", "After the hand edit", file: file) == 60, "other bytes: read whole")
        let plan = try PlanLoader.load(file: file, relativeTo: testFolder, today: testToday).plan
        #expect(plan.action(id: "LM 12")?.text.hasPrefix("Make sure that") == true)
        #expect(plan.action(id: "LM 8")?.history.last?.comment == "After the hand edit")
    }

    @Test(arguments: [
        // Another action made invalid: an unknown status, a broken date, a duplicate id.
        ("\"id\": \"LM 12\"", "\"id\": \"LM 11\""),
        ("\"deadline\": \"2019-03\"", "\"deadline\": \"2019-13\""),
    ])
    func anInvalidEditByHandIsRefusedAsAWholeCheckWould(from: String, to: String) throws {
        let file = try planCopy()
        try note("lm7", "First", file: file)
        var text = try String(contentsOfFile: file, encoding: .utf8)
        let range = try #require(text.range(of: from))
        text.replaceSubrange(range, with: to)
        // Same length or not, the bytes differ from those checked.
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let before = try bytes(file)
        #expect(throws: PlanError.self) { try note("lm8", "Refused", file: file) }
        #expect(try bytes(file) == before, "nothing written")
    }

    @Test func aSameLengthEditThatBreaksThePlanIsCaught() throws {
        let file = try planCopy()
        try note("lm7", "First", file: file)
        var data = try bytes(file)
        // Swap two bytes far from LM 8: a same-size change the fingerprint still sees.
        let target = Array("\"YOT Manager\"".utf8)
        let start = try #require((0..<(data.count - target.count)).first { Array(data[$0..<($0 + target.count)]) == target })
        data[start] = UInt8(ascii: "{")
        try Data(data).write(to: URL(fileURLWithPath: file))
        #expect(throws: PlanError.self) { try note("lm8", "Refused", file: file) }
    }

    @Test func aChangeThatWouldBreakTheWholePlanIsRefusedOnTheOneActionPathToo() throws {
        let file = try planCopy()
        try note("lm7", "First", file: file)
        let before = try bytes(file)
        // A theme that does not exist, decided on one action only.
        do {
            _ = try PlanStore(today: testToday, workingFolder: testFolder).update(file: file, action: "lm8") { plan in
                let index = plan.actions.firstIndex { $0.id == "LM 8" }!
                plan.actions[index].theme = "NO SUCH THEME"
                return RecordedChange(result: (), description: "bad")
            }
            Issue.record("accepted")
        } catch let error as PlanWriteError {
            guard case .wouldNotValidate(_, let problems) = error else { Issue.record("\(error)"); return }
            // The path names LM 8's place in the file (the eighth action), as a whole check would.
            #expect(problems.contains { $0.path == "actions[7].theme" }, "\(problems.map(\.path))")
        }
        #expect(try bytes(file) == before)
    }
}
