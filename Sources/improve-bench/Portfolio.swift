import PlanKit
import SplitMix

/// Builds synthetic portfolios shaped like real improvement plans.
enum SyntheticPortfolio {
    /// Deterministic pseudo-random numbers, so every run builds the same portfolio.
    typealias Generator = SplitMix64

    static let words = """
    review partnership board practice quality assurance framework young people children families court police
    youth offending team manager service staff training supervision audit plan assessment intervention health
    education safeguarding victims restorative justice reoffending custody transition resettlement performance
    dashboard evidence outcomes improvement strategy commissioning secure accommodation community disposal
    """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// How long generated texts are, relative to the defaults.
    nonisolated(unsafe) static var scale = 1.0

    static func sentence(_ wordCount: Int, _ random: inout Generator) -> String {
        let count = max(2, Int((Double(wordCount) * scale).rounded()))
        var out = (0..<count).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
        out.replaceSubrange(out.startIndex...out.startIndex, with: out.prefix(1).uppercased())
        return out + "."
    }

    /// A portfolio of `actions` actions spread over `files` plans.
    ///
    /// - Parameters:
    ///   - historyEntries: monthly history entries per action (24 for two years).
    ///   - milestones: milestones per action.
    static func plans(actions: Int, files: Int, historyEntries: Int, milestones: Int, textScale: Double = 1) -> [Plan] {
        scale = textScale
        var random = Generator(seed: 2019)
        let scheme = RAGScheme.default
        let start = CalendarDate(year: 2019, month: 1, day: 1)!
        return (0..<files).map { fileIndex in
            let count = actions / files + (fileIndex < actions % files ? 1 : 0)
            let themes = (1...5).map { Theme(id: "\($0)", title: sentence(8, &random), lead: "Theme Lead \($0)") }
            let recommendations = (1...10).map { Recommendation(id: "HMIP \($0)", text: sentence(16, &random), addressedTo: "YOT Manager") }
            let planActions = (0..<count).map { index -> Action in
                let theme = themes[index % 5]
                let due = start.addingMonths(Int(random.next() % 30)).calendarMonth
                var action = Action(
                    id: "\(theme.id).\(index / 5 + 1)", theme: theme.id,
                    recommendations: ["HMIP \(index % 10 + 1)"], text: sentence(20, &random),
                    subPoints: [sentence(10, &random)], impact: [sentence(12, &random)], outcomes: [sentence(10, &random)],
                    successMeasure: sentence(8, &random), leads: ["Lead \(index % 37)", "YOT Manager"],
                    deadline: .month(due))
                action.milestones = (0..<milestones).map { step in
                    let month = start.addingMonths(Int(random.next() % 30)).calendarMonth
                    let capped = min(month, due)
                    return Milestone(title: sentence(6, &random), deadline: .month(capped),
                                     completed: step == 0 ? capped.firstDay : nil)
                }
                action.history = (0..<historyEntries).map { month in
                    StatusChange(date: start.addingMonths(month).adding(days: 14),
                                 status: scheme.levels[Int(random.next() % UInt64(scheme.levels.count))].code,
                                 by: "Lead \(index % 37)", comment: sentence(10, &random))
                }
                return action
            }
            return Plan(id: "yot-\(fileIndex + 1)", title: "YOT \(fileIndex + 1) improvement plan", organisation: "YOT \(fileIndex + 1)",
                        inspection: Inspection(inspectorate: "HMI Probation", date: .month(CalendarMonth(year: 2018, month: 10)!)),
                        boardMeetings: (0..<24).map { start.addingMonths($0).adding(days: 20) },
                        themes: themes, recommendations: recommendations, actions: planActions)
        }
    }
}
