import Foundation
@testable import PlanKit
import TestSupport

/// The plan a layout writes: a few recommendations, each answered by a few actions, under one to three themes,
/// all made of the example plans' real texts, leads, deadlines, statuses and comments.
struct LayoutSource {
    enum Status: String { case behind, ongoing, complete }

    struct Action {
        /// The action's own id (the source plan's), written when the layout has an id column of its own.
        var id: String
        var text: String
        var leads: [String]
        /// The deadline: a month's last day (so that `March 2020` and `31/03/2020` say the same), or words.
        var deadline: CalendarDate?
        var deadlineWords: String?
        var status: Status?
        var comment: String
        /// A success measure for the layouts with a column the import does not read.
        var outcome: String
    }

    struct Recommendation {
        var number: Int
        var text: String
        var actions: [Action]
    }

    struct Theme {
        var number: Int
        var title: String
        var recommendations: [Recommendation]
    }

    var themes: [Theme]

    var recommendations: [Recommendation] { themes.flatMap(\.recommendations) }
    var actions: [Action] { recommendations.flatMap(\.actions) }

    /// The words of a deadline with no date, as councils write them.
    static let deadlineWords = ["Ongoing", "When funding is agreed", "Immediate", "6 months"]

    /// A source of 3–8 recommendations, each answered by 1–4 actions, under 1 theme, or 2–3 when `themed`.
    init(using random: inout SeededGenerator, themed: Bool, wordsForSomeDeadlines: Bool) {
        let pool = ExamplePool.shared
        var actionPool = pool.actions.shuffled(using: &random)
        let recommendationCount = Int.random(in: 3...8, using: &random)
        let numbers = Array(1...12).shuffled(using: &random).prefix(recommendationCount).sorted()
        let texts = pool.recommendations.shuffled(using: &random)
        var recommendations: [Recommendation] = []
        for (index, number) in numbers.enumerated() {
            var actions: [Action] = []
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                var action = actionPool.removeLast()
                if wordsForSomeDeadlines, Bool.random(using: &random) {
                    action.deadline = nil
                    action.deadlineWords = Self.deadlineWords.randomElement(using: &random)
                }
                actions.append(action)
            }
            recommendations.append(Recommendation(number: number, text: texts[index % texts.count], actions: actions))
        }
        // At least one action not complete, so that a progress scale is read as one.
        if !recommendations.flatMap(\.actions).contains(where: { $0.status != nil && $0.status != .complete }) {
            recommendations[0].actions[0].status = .ongoing
        }
        let themeCount = themed ? min(Int.random(in: 2...3, using: &random), recommendations.count) : 1
        var cuts = Array(1..<recommendations.count).shuffled(using: &random).prefix(themeCount - 1).sorted()
        cuts.append(recommendations.count)
        let titles = pool.themeTitles.shuffled(using: &random)
        var start = 0
        themes = cuts.enumerated().map { index, end in
            defer { start = end }
            return Theme(number: index + 1, title: titles[index], recommendations: Array(recommendations[start..<end]))
        }
    }
}

/// The texts the generator takes from the example plans, read once.
struct ExamplePool: Sendable {
    var actions: [LayoutSource.Action] = []
    var recommendations: [String] = []
    var themeTitles: [String] = []

    static let shared = ExamplePool()

    /// A text the generator can put in a cell as it is: one line, starting with a word (not a label such as
    /// `A:` or `1.`), of a sensible length, without characters the lead column splits on.
    static func usable(_ text: String, longest: Int = 400) -> Bool {
        guard let first = text.first, first.isUppercase, text.count >= 12, text.count <= longest, !text.contains("\n") else { return false }
        // Nothing that reads as lettered or numbered actions inside the cell (`i) …`, `(a) …`).
        guard text.range(of: "(^|\\s)\\(?[a-z0-9]{1,4}\\)", options: .regularExpression) == nil else { return false }
        let second = text.dropFirst().first
        return second.map { $0.isLowercase || $0 == " " && text.dropFirst(2).first?.isLowercase == true } ?? false
    }

    init() {
        var seenTexts: Set<String> = []
        var seenIDs: Set<String> = []
        let plans = ["blackpool-2019.json", "portsmouth-2014.json"].compactMap { try? loadExample($0) }
        let leads = plans.flatMap(\.actions).flatMap(\.leads)
            .filter { !$0.contains("/") && !$0.contains(";") && !$0.contains("\n") && $0.count <= 60 }
        let comments = plans.flatMap(\.actions).compactMap { $0.history.last?.comment }
            .filter { Self.usable($0, longest: 200) && !$0.hasPrefix("Action completed") }
        for plan in plans {
            for (index, action) in plan.actions.enumerated() where Self.usable(action.text) && !seenTexts.contains(action.text)
                && !seenIDs.contains(action.id) {
                seenTexts.insert(action.text)
                seenIDs.insert(action.id)
                let ownLeads = action.leads.filter { leads.contains($0) }
                let lastDay = action.deadline?.lastDay ?? action.milestones.compactMap(\.deadline?.lastDay).max()
                    ?? CalendarDate(year: 2019 + index % 3, month: 1 + index % 12, day: 1)!
                let status: LayoutSource.Status?
                switch action.history.last(where: { $0.status != nil })?.status {
                case "GREEN": status = .complete
                case "AMBER": status = .ongoing
                case "RED": status = .behind
                default: status = [nil, .behind, .ongoing, .complete][index % 4]
                }
                actions.append(LayoutSource.Action(
                    id: action.id, text: action.text,
                    leads: ownLeads.isEmpty ? [leads[index % leads.count]] : Array(ownLeads.prefix(2)),
                    deadline: lastDay.calendarMonth.lastDay, deadlineWords: nil, status: status,
                    comment: comments[index % comments.count],
                    outcome: action.successMeasure ?? action.impact.first ?? "Partners understand their role."))
            }
            recommendations += plan.recommendations.map(\.text).filter { Self.usable($0, longest: 600) }
            themeTitles += plan.themes.map(\.title).filter { Self.usable($0, longest: 200) && !$0.contains(":") }
        }
    }
}
