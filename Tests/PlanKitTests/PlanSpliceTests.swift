@testable import PlanJSON
import Foundation
import Testing
@testable import PlanKit
@testable import PlanStorage

@Suite("Writing only the entries a change touched")
struct PlanSpliceTests {
    /// An example plan's bytes, the plan and where its entries lie.
    func read(_ name: String) throws -> (bytes: [UInt8], plan: Plan, layout: PlanLayout) {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: examplePlanPath(name))))
        let (plan, layout) = try StrictScanner.read(bytes, latestRecordable: testToday.latestRecordable)
        return (bytes, plan, layout)
    }

    @Test(arguments: ["blackpool-2019.json", "portsmouth-2014.json"])
    func theLayoutFindsEveryEntry(name: String) throws {
        let (bytes, plan, layout) = try read(name)
        #expect(layout.themes.count == plan.themes.count)
        #expect(layout.recommendations.count == plan.recommendations.count)
        #expect(layout.actions.count == plan.actions.count)
        for (action, range) in zip(plan.actions, layout.actions) {
            #expect(Array(bytes[range]) == JSONWriter.bytes(from: action.jsonValue, indent: 2))
        }
    }

    @Test(arguments: ["blackpool-2019.json", "portsmouth-2014.json"])
    func aSplicedChangeIsTheWholePlanEncoded(name: String) throws {
        let (bytes, original, layout) = try read(name)
        var changed = original
        var update = ActionUpdate(date: date("2019-04-02"), by: "Tester")
        update.comment = "Spliced \"quoted\"\nnote"
        _ = try changed.apply(update, toAction: changed.actions[3].id)
        changed.recommendations[1].text += " (amended)"
        changed.themes[0].title += " (renamed)"
        let spliced = try #require(PlanSplice.bytes(bytes, layout: layout, original: original, changed: changed))
        #expect(spliced == JSONWriter.bytes(from: changed.jsonValue()))
        #expect(try StrictScanner.read(spliced, latestRecordable: testToday.latestRecordable).plan == changed)
    }

    @Test func anUnchangedPlanSplicesToTheSameBytes() throws {
        let (bytes, plan, layout) = try read("blackpool-2019.json")
        #expect(PlanSplice.bytes(bytes, layout: layout, original: plan, changed: plan) == bytes)
    }

    @Test func addingRemovingOrMovingAnEntryIsNotSpliced() throws {
        let (bytes, original, layout) = try read("blackpool-2019.json")
        var added = original
        added.actions.append(Action(id: "LM 99", theme: original.actions[0].theme, text: "New"))
        #expect(PlanSplice.bytes(bytes, layout: layout, original: original, changed: added) == nil)
        var removed = original
        removed.recommendations.removeLast()
        #expect(PlanSplice.bytes(bytes, layout: layout, original: original, changed: removed) == nil)
        var moved = original
        moved.actions.swapAt(0, 1)
        #expect(PlanSplice.bytes(bytes, layout: layout, original: original, changed: moved) == nil)
    }

    @Test func aChangeOutsideTheListsIsNotSpliced() throws {
        let (bytes, original, layout) = try read("blackpool-2019.json")
        var changed = original
        changed.title += " (revised)"
        #expect(PlanSplice.bytes(bytes, layout: layout, original: original, changed: changed) == nil)
    }

    @Test func anEntryNotInCanonicalFormIsNotSpliced() throws {
        let (canonical, plan, canonicalLayout) = try read("blackpool-2019.json")
        // The first action written on one line: valid, but not as the writer writes it.
        let firstRange = canonicalLayout.actions[0]
        let compact = Array(JSONWriter.compactString(from: plan.actions[0].jsonValue).utf8)
        let bytes = Array(canonical[..<firstRange.lowerBound]) + compact + Array(canonical[firstRange.upperBound...])
        let (original, layout) = try StrictScanner.read(bytes, latestRecordable: testToday.latestRecordable)
        #expect(original == plan)
        var changed = original
        changed.actions[0].text += " (revised)"
        #expect(PlanSplice.bytes(bytes, layout: layout, original: original, changed: changed) == nil)
        var other = original
        other.actions[1].text += " (revised)"
        // Another action can still be spliced, and the hand-written one is kept as it was.
        let spliced = try #require(PlanSplice.bytes(bytes, layout: layout, original: original, changed: other))
        #expect(String(decoding: spliced, as: UTF8.self).contains(String(decoding: compact, as: UTF8.self)))
        #expect(try StrictScanner.read(spliced, latestRecordable: testToday.latestRecordable).plan == other)
    }
}
