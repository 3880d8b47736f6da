import Foundation
import Testing
@testable import PlanKit
import TestSupport

/// Plans read as a stream (``PlanLoader/stream(files:relativeTo:today:_:window:_:consume:)``): each
/// plan's result handed on in file order, whatever window of files is read at once, with the files
/// that cannot be loaded left out and returned as ``PlanLoader/read(files:relativeTo:today:_:unloadable:_:)`` returns them.
@Suite("Plans read as a stream")
struct PlanStreamTests {
    /// A folder of `count` copies of the Blackpool plan, each with its own id (`plan-00` …), and
    /// a file that is no plan at each of `broken` (`plan-03.json` holding `{"broken": `).
    func folder(count: Int, broken: Set<Int> = [], sameIDAs: [Int: Int] = [:]) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let original = try String(contentsOfFile: examplePlanPath("blackpool-2019.json"), encoding: .utf8)
        return try (0..<count).map { index in
            let file = folder.appendingPathComponent(String(format: "plan-%02d.json", index)).path
            let id = String(format: "plan-%02d", sameIDAs[index] ?? index)
            let text = broken.contains(index) ? "{\"broken\": " : original.replacingOccurrences(of: "\"id\": \"blackpool-2019\"", with: "\"id\": \"\(id)\"")
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            return file
        }
    }

    @Test(arguments: [1, 2, 3, 7, 64])
    func resultsComeInFileOrderWhateverTheWindow(window: Int) throws {
        let files = try folder(count: 11, broken: [3, 8], sameIDAs: [9: 4])
        var seen: [String] = []
        let failures = try PlanLoader.stream(files: files, relativeTo: testFolder, today: testToday, window: window, { $0.plan.id }) { seen.append($0) }
        #expect(seen == ["plan-00", "plan-01", "plan-02", "plan-04", "plan-05", "plan-06", "plan-07", "plan-10"])
        // The same answer as reading them all at once: the broken files, then the second file with an id already read.
        let whole = try PlanLoader.read(files: files, relativeTo: testFolder, today: testToday, unloadable: .collect) { $0.plan.id }
        #expect(seen == whole.values)
        #expect(failures.map(String.init(describing:)) == whole.failures.map(String.init(describing:)))
        #expect(failures.count == 3)
        #expect(failures.last == .duplicatePlanID(id: "plan-04", files: [files[4], files[9]]))
    }

    @Test func whenNoPlanLoadsTheFirstErrorIsThrownAndNothingIsHandedOn() throws {
        let files = try folder(count: 4, broken: [0, 1, 2, 3])
        var handed = 0
        #expect(throws: PlanError.self) {
            _ = try PlanLoader.stream(files: files, relativeTo: testFolder, today: testToday, window: 2, { $0.plan.id }) { _ in handed += 1 }
        }
        #expect(handed == 0)
        do {
            _ = try PlanLoader.stream(files: files, relativeTo: testFolder, today: testToday, .complete, { $0.plan.id }) { _ in }
            Issue.record("no error thrown")
        } catch {
            guard case .invalidPlan(let path, _) = error else { Issue.record("not the first file's error: \(error)"); return }
            #expect(path == files[0])
        }
    }
}

/// Rows sorted in place (``ActionQuery/order(_:)``), against a sort worked out apart: the rows in
/// any order come out in the key's order, ties in the order they came.
@Suite("Rows sorted in place")
struct RowOrderTests {
    @Test func rowsInAnyOrderComeOutStablySortedByTheirFirstLead() throws {
        var random = SeededGenerator(test: "rowsInAnyOrderComeOutStablySortedByTheirFirstLead")
        let plans = [try loadExample("blackpool-2019.json"), try loadExample("portsmouth-2014.json")]
        var query = ActionQuery(asOf: date("2019-06-01"))
        query.sort = .id
        let all = try query.run(on: plans)
        query.sort = .lead
        for _ in 0..<5 {
            let shuffled = all.shuffled(using: &random)
            let expected = shuffled.enumerated().sorted { a, b in
                let (ka, kb) = (a.element.action.leads.first?.lowercased() ?? "\u{10FFFF}", b.element.action.leads.first?.lowercased() ?? "\u{10FFFF}")
                return ka < kb || ka == kb && a.offset < b.offset
            }.map { "\($0.element.plan.id):\($0.element.action.id)" }
            var rows = shuffled
            query.order(&rows)
            #expect(rows.map { "\($0.plan.id):\($0.action.id)" } == expected)
            #expect(query.ordered(shuffled).map { "\($0.plan.id):\($0.action.id)" } == expected)
        }
        #expect(all.count > 20)
    }
}
