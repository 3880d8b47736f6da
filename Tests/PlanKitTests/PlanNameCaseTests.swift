import PlanKit
import Testing

/// `PLAN:ID` with the plan's whole id in another case: `A:X1` was "no plan "A" loaded
/// (loaded: a, b)" and `AB:X1` beside `abc` was "starts the ids of several plans; write
/// more of it", which cannot help (reassign took both).
@Suite struct PlanNameCaseTests {
    let plans = [
        PlanIdentifiers(planID: "a", actionIDs: ["X1"], recommendationIDs: []),
        PlanIdentifiers(planID: "ab", actionIDs: ["X1"], recommendationIDs: []),
        PlanIdentifiers(planID: "abc", actionIDs: ["X1"], recommendationIDs: []),
    ]

    @Test(arguments: [("A:X1", 0), ("a:x1", 0), ("AB:X1", 1), ("Ab:X1", 1), ("ab:X1", 1), ("ABC:X1", 2)])
    func aPlansWholeIdInAnyCaseNamesIt(_ typed: String, _ plan: Int) throws {
        let entry = try PlanIdentifiers.resolve(typed, among: plans)
        #expect(entry.plan == plan)
        #expect(entry.id == "X1")
    }

    @Test func aStartOfSeveralPlansIdsIsStillAmbiguous() {
        let starts = [PlanIdentifiers(planID: "abc", actionIDs: ["X1"], recommendationIDs: []),
                      PlanIdentifiers(planID: "abd", actionIDs: ["X1"], recommendationIDs: [])]
        #expect(throws: LookupError.ambiguousPlan("AB", matching: ["abc", "abd"])) {
            try PlanIdentifiers.resolve("AB:X1", among: starts)
        }
    }

    /// Plans whose ids differ only in case: the one typed exactly, and none guessed for a third spelling.
    @Test func plansDifferingOnlyInCaseAreNamedExactly() throws {
        let both = [PlanIdentifiers(planID: "Leeds", actionIDs: ["1"], recommendationIDs: []),
                    PlanIdentifiers(planID: "leeds", actionIDs: ["1"], recommendationIDs: [])]
        #expect(try PlanIdentifiers.resolve("leeds:1", among: both).plan == 1)
        #expect(try PlanIdentifiers.resolve("Leeds:1", among: both).plan == 0)
        #expect(throws: LookupError.self) { try PlanIdentifiers.resolve("LEEDS:1", among: both) }
    }
}
