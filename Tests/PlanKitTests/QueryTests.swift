import Testing
@testable import PlanKit

@Suite("Finding actions: ids, suggestions and filters")
struct QueryTests {
    @Test(arguments: ["lm7", "LM7", "LM 7", "lm 7", "Lm-7", " LM 7 "])
    func idsMatchForgivingly(typed: String) throws {
        let portfolio = Portfolio(plans: [try loadExample("blackpool-2019.json")])
        guard case .action(_, let action) = try portfolio.entry(named: typed) else {
            Issue.record("\(typed) did not name an action")
            return
        }
        #expect(action.id == "LM 7")
    }

    @Test func anUnknownIdSuggestsTheLikelyOnes() throws {
        let portfolio = Portfolio(plans: [try loadExample("blackpool-2019.json")])
        #expect(throws: LookupError.notFound(id: "LM 71", planIDs: ["blackpool-2019"], suggestions: ["LM 7", "LM 17"])) {
            try portfolio.entry(named: "LM 71")
        }
        #expect(IdentifierMatcher.suggestions(for: "hmip10", among: (1...9).map { "HMIP \($0)" }) == ["HMIP 1"])
        #expect(IdentifierMatcher.suggestions(for: "zzz", among: ["LM 1", "1.1"]).isEmpty)
    }

    @Test func recommendationsAreFoundToo() throws {
        let portfolio = Portfolio(plans: [try loadExample("blackpool-2019.json")])
        guard case .recommendation(let plan, let rec) = try portfolio.entry(named: "hmip8") else {
            Issue.record("hmip8 did not name a recommendation")
            return
        }
        #expect(rec.id == "HMIP 8")
        #expect(plan.actions(answering: rec.id).map(\.id) == ["LM 7"])
    }

    @Test func withSeveralPlansAPlanPrefixChoosesOne() throws {
        let portfolio = Portfolio(plans: [try loadExample("blackpool-2019.json"), try loadExample("portsmouth-2014.json")])
        #expect(throws: LookupError.ambiguous(id: "1.1", planIDs: ["blackpool-2019", "portsmouth-2014"])) {
            try portfolio.entry(named: "1.1")
        }
        guard case .action(let plan, let action) = try portfolio.entry(named: "portsmouth-2014:1.1") else {
            Issue.record("not an action")
            return
        }
        #expect(plan.id == "portsmouth-2014")
        #expect(action.text == "Secure long-term chairing arrangements")
        #expect(throws: LookupError.unknownPlan("leeds", loaded: ["blackpool-2019", "portsmouth-2014"])) {
            try portfolio.entry(named: "leeds:1.1")
        }
        // The tag a one-line table shows, or any start of the id naming one plan.
        for tag in ["bl", "BL", "blackpool"] {
            guard case .action(let tagged, _) = try portfolio.entry(named: "\(tag):3.2") else {
                Issue.record("\(tag):3.2 is not an action")
                continue
            }
            #expect(tagged.id == "blackpool-2019")
        }
        // A single letter is no tag; a start two plans share names neither.
        let twins = Portfolio(plans: portfolio.plans + [try loadExample("blackpool-2019.json")].map { plan in
            var twin = plan
            twin.id = "blackburn-2020"
            return twin
        })
        #expect(throws: LookupError.self) { try portfolio.entry(named: "b:3.2") }
        #expect(throws: LookupError.ambiguousPlan("bla", matching: ["blackpool-2019", "blackburn-2020"])) {
            try twins.entry(named: "bla:3.2")
        }
        // An action whose own id holds a colon is never taken for a plan's start and another plan's action.
        var colon = try loadExample("blackpool-2019.json")
        colon.actions[0].id = "po:1.9"
        let mixed = Portfolio(plans: [colon, try loadExample("portsmouth-2014.json")])
        guard case .action(let owner, let found) = try mixed.entry(named: "po:1.9") else {
            Issue.record("po:1.9 is not an action")
            return
        }
        #expect(owner.id == "blackpool-2019" && found.id == "po:1.9")
        guard case .action(let other, _) = try mixed.entry(named: "portsmouth-2014:1.9") else {
            Issue.record("portsmouth-2014:1.9 is not an action")
            return
        }
        #expect(other.id == "portsmouth-2014")
    }

    func ids(_ plans: [Plan], _ configure: (inout ActionQuery) -> Void) throws -> [String] {
        var query = ActionQuery(asOf: date("2015-04-23"))
        configure(&query)
        return try query.run(on: plans).map(\.action.id)
    }

    @Test func filtersByLeadCaseInsensitively() throws {
        let blackpool = [try loadExample("blackpool-2019.json")]
        let found = try ids(blackpool) { $0.lead = "yot manager"; $0.sort = .id }
        let expected = try loadExample("blackpool-2019.json").actions
            .filter { $0.leads.contains { $0.lowercased().contains("yot manager") } }.map(\.id)
        #expect(found == expected)
        #expect(found.contains("LM 7") && found.contains("1.2") && !found.contains("LM 14"))
    }

    @Test func filtersByStatusThemeRecommendationAndText() throws {
        let portsmouth = [try loadExample("portsmouth-2014.json")]
        #expect(try ids(portsmouth) { $0.statuses = ["amber"]; $0.theme("5") } == ["5.3", "5.11", "5.14"])
        #expect(try ids(portsmouth) { $0.statuses = ["Complete"]; $0.themes = ["4"] } == ["4.1", "4.2", "4.3", "4.4", "4.5"])
        // "Achieved" is complete (GREEN on its part's date): by April 2015 every action has a status.
        #expect(try ids(portsmouth) { $0.statuses = ["none"]; $0.themes = ["10"] }.isEmpty)
        #expect(try ids(portsmouth) { $0.statuses = ["amber"]; $0.themes = ["10"] } == ["10.7"])
        #expect(try ids(portsmouth) { $0.recommendation = "recommendation 11"; $0.sort = .id }.first == "10.1")
        #expect(try ids(portsmouth) { $0.text = "wright LINK" } == ["9.6"])
        #expect(throws: QueryError.unknownStatus("purple", known: ["BLUE", "RED", "AMBER", "GREEN"])) {
            try ids(portsmouth) { $0.statuses = ["purple"] }
        }
    }

    @Test func filtersByDueDatesAndOverdue() throws {
        let portsmouth = [try loadExample("portsmouth-2014.json")]
        // AMBER actions whose "by when" has passed are overdue at the April 2015 monitoring date.
        #expect(try ids(portsmouth) { $0.overdueOnly = true } == ["2.4", "8.6", "1.9", "5.3", "6.5", "5.11", "5.14", "6.3", "6.10", "10.7"])
        #expect(try ids(portsmouth) { $0.dueBefore = date("2014-06-01") } == ["2.4", "8.6"])
        #expect(try ids(portsmouth) { $0.dueAfter = date("2015-03-31") } == ["2.6", "5.4"])
    }

    @Test func sortsByDeadlineByDefaultWithUndatedLast() throws {
        let blackpool = [try loadExample("blackpool-2019.json")]
        let rows = try ActionQuery(asOf: date("2019-01-01")).run(on: blackpool)
        let keys = rows.map { Deadline.sortKey($0.deadline) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(rows.first?.action.id == "4.1", "Dec 2018 is the earliest final deadline")
        #expect(rows.last?.action.id == "3.7", "the ongoing action comes last")
    }
}

extension ActionQuery {
    mutating func theme(_ id: String) { themes = [id] }
}
