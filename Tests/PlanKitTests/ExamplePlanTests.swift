import Testing
@testable import PlanKit

@Suite("The example plans say what the seed documents say")
struct ExamplePlanTests {
    @Test func blackpoolHasEveryRecommendationThemeAndAction() throws {
        let plan = try loadExample("blackpool-2019.json")
        #expect(plan.recommendations.map(\.id) == (1...9).map { "HMIP \($0)" })
        #expect(plan.themes.map(\.id) == ["LM", "1", "2", "3", "4", "5"])
        let lm = plan.actions.filter { $0.theme == "LM" }.map(\.id)
        #expect(lm == (1...17).map { "LM \($0)" })
        #expect(plan.actions.count == 17 + 17 + 8 + 9 + 6 + 3)
        #expect(plan.actions.allSatisfy { $0.history.isEmpty }, "Blackpool's plan records no statuses")
        let lm7 = try #require(plan.action(id: "LM 7"))
        #expect(lm7.recommendations == ["HMIP 8", "HMIP 3"])
        #expect(lm7.milestones.count == 9)
        #expect(lm7.finalDeadline == Deadline(planText: "2019-12"))
        let lm8 = try #require(plan.action(id: "LM 8"))
        #expect(lm8.milestones.map(\.title).first == "Skills audit complete")
        #expect(lm8.milestones.first?.deadline == Deadline(planText: "2019-02"))
        #expect(plan.action(id: "1.1")?.leads == ["Head of Criminal Justice", "Project, Process and Systems Manager (Police)", "BCU"])
        #expect(plan.action(id: "5.2")?.recommendations == ["HMIP 5", "HMIP 6"])
    }

    @Test func portsmouthHasItsObjectivesRatingsAndKey() throws {
        let plan = try loadExample("portsmouth-2014.json")
        #expect(plan.recommendations.count == 12)
        #expect(plan.themes.map(\.id) == (1...10).map(String.init))
        #expect(plan.ragScheme.levels.map(\.code) == ["BLUE", "RED", "AMBER", "GREEN"])
        let counts = [1: 10, 2: 7, 3: 6, 4: 5, 5: 17, 6: 11, 7: 6, 8: 12, 9: 22, 10: 8]
        for (objective, count) in counts {
            #expect(plan.actions.filter { $0.theme == String(objective) }.count == count, "objective \(objective)")
        }
        let induction = try #require(plan.action(id: "1.9"))
        #expect(induction.history == [StatusChange(date: date("2015-03-31"), status: "AMBER", by: "YOT Board",
                                                   comment: "Now due from YJB in March 2015")])
        #expect(induction.isOverdue(asOf: date("2015-04-23"), in: plan.ragScheme))
        // Part B actions inherit their objective's recommendations.
        #expect(plan.recommendationIDs(for: try #require(plan.action(id: "5.3"))) == ["Recommendation 5", "Recommendation 12"])
        let amber = plan.actions.filter { $0.status(asOf: date("2015-04-23"), in: plan.ragScheme)?.code == "AMBER" }
        #expect(amber.map(\.id) == ["1.9", "2.4", "5.3", "5.11", "5.14", "6.3", "6.5", "6.10", "8.6", "10.7"])
        #expect(plan.actions(answering: "Recommendation 11").count == 8)
    }
}
