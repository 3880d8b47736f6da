import Foundation
@testable import PlanInterchange
@testable import PlanKit
import TestSupport

/// What the generator compares of each action: the source's, as the rules (R2–R4) say the import must give
/// it, and the import's.
struct ActionView: Equatable, CustomStringConvertible {
    var id: String
    var text: String
    var leads: [String]
    /// The deadline's last day (`2020-03-31`), and its wording when it has no date (lower case).
    var deadline: String?
    var deadlineWords: String?
    /// `behind`, `ongoing`, `complete`, or the level's code for another.
    var status: String?
    var links: [String]
    /// Compared only where the layout gives them (`nil` otherwise).
    var recommendationText: String?
    var theme: String?
    var themeTitle: String?

    var description: String {
        "\(id) \"\(text.prefix(40))…\" leads \(leads) deadline \(deadline ?? deadlineWords ?? "none") status \(status ?? "none") "
            + "links \(links)" + (recommendationText.map { " recommendation \"\($0.prefix(40))…\"" } ?? "")
            + (theme.map { " theme \($0) \"\(themeTitle ?? "")\"" } ?? "")
    }

    /// The fields that differ from `other`, one `name: mine ≠ other` each.
    func differences(from other: ActionView) -> [String] {
        var result: [String] = []
        func compare<T: Equatable>(_ name: String, _ a: T, _ b: T) { if a != b { result.append("\(name): \(a) ≠ \(b)") } }
        compare("id", id, other.id)
        compare("text", text, other.text)
        compare("leads", leads, other.leads)
        compare("deadline", deadline ?? "none", other.deadline ?? "none")
        compare("deadline words", deadlineWords ?? "none", other.deadlineWords ?? "none")
        compare("status", status ?? "none", other.status ?? "none")
        compare("links", links, other.links)
        compare("recommendation text", recommendationText ?? "none", other.recommendationText ?? "none")
        compare("theme", theme ?? "none", other.theme ?? "none")
        compare("theme title", themeTitle ?? "none", other.themeTitle ?? "none")
        return result
    }
}

extension LayoutSource {
    /// The actions the import must give for `layout` written as `table`, in order.
    func expected(_ layout: Layout, _ table: LayoutTable) -> [ActionView] {
        var views: [ActionView] = []
        var count = 0
        for theme in themes {
            for recommendation in theme.recommendations {
                let placeInAll = recommendations.firstIndex { $0.number == recommendation.number }! + 1
                for (index, action) in recommendation.actions.enumerated() {
                    count += 1
                    let letter = recommendation.actions.count > 1 ? String(UnicodeScalar(UInt8(65 + index))) : ""
                    let id: String
                    switch layout.ids {
                    case .own: id = action.id
                    case .sharedNumber: id = table.sharedNumber(recommendation.number) + letter
                    case .absent:
                        switch layout.recommendation {
                        case .words: id = "\(placeInAll)" + letter
                        case .numberedWords, .references, .sectionRows: id = "\(recommendation.number)" + letter
                        case .absent: id = "\(count)"
                        }
                    }
                    var links: [String] = []
                    var recommendationText: String?
                    switch layout.recommendation {
                    case .words: links = ["Recommendation \(placeInAll)"]; recommendationText = recommendation.text
                    case .numberedWords, .sectionRows:
                        links = ["Recommendation \(recommendation.number)"]; recommendationText = recommendation.text
                    case .references: links = [table.referenceID(recommendation.number)]
                    case .absent: break
                    }
                    var themeID: String?
                    var themeTitle: String?
                    if layout.themes != .none {
                        (themeID, themeTitle) = (String(theme.number), theme.title)
                    }
                    views.append(ActionView(
                        id: id, text: action.text, leads: action.leads,
                        deadline: action.deadlineWords == nil ? action.deadline?.description : nil,
                        deadlineWords: action.deadlineWords?.lowercased(), status: action.status?.rawValue, links: links,
                        recommendationText: recommendationText, theme: themeID, themeTitle: themeTitle))
                }
            }
        }
        return views
    }
}

extension LayoutTable {
    /// The shared number a recommendation's actions have in the id column (`3`, `1.3`).
    func sharedNumber(_ number: Int) -> String { sharedNumberForm.replacingOccurrences(of: "#", with: String(number)) }

    /// The id of the recommendation a reference cell names (`HMIP 3`, or `Recommendation 3` for `Rec 3`).
    func referenceID(_ number: Int) -> String { referenceForm.hasPrefix("HMIP") ? "HMIP \(number)" : "Recommendation \(number)" }
}

extension Plan {
    /// The imported actions, seen as ``ActionView``s, with recommendations' texts and themes where `layout` gives them.
    func views(_ layout: Layout) -> [ActionView] {
        actions.map { action in
            let code = action.history.last { $0.status != nil }?.status
            let level = code.flatMap { ragScheme.level(code: $0) }
            let status: String? = level.map { level in
                if level.isComplete { return "complete" }
                if level.colour == .red { return "behind" }
                if level.colour == .amber { return "ongoing" }
                return level.code
            } ?? code
            var words = action.deadlineText?.lowercased()
            if words == nil, action.deadline == .ongoing { words = "ongoing" }
            let givesTexts = [.words, .numberedWords, .sectionRows].contains(layout.recommendation)
            let givesThemes = layout.themes != .none
            return ActionView(
                id: action.id, text: action.text, leads: action.leads, deadline: action.deadline?.lastDay?.description,
                deadlineWords: words, status: status, links: action.recommendations,
                recommendationText: givesTexts ? action.recommendations.first.map { id in recommendations.first { $0.id == id }?.text ?? "(missing)" } : nil,
                theme: givesThemes ? action.theme : nil,
                themeTitle: givesThemes ? themes.first { $0.id == action.theme }?.title : nil)
        }
    }
}

/// One layout generated, written, imported and compared.
struct LayoutCase {
    let layout: Layout
    let source: LayoutSource
    let table: LayoutTable

    init(seed: UInt64) { self.init(layout: Layout(seed: seed)) }

    /// The case of a layout as given (its seed still picks the source and the words).
    init(layout: Layout) {
        self.layout = layout
        var random = SeededGenerator(seed: layout.seed ^ 0x9E37_79B9_7F4A_7C15)
        source = LayoutSource(using: &random, themed: layout.themes != .none && layout.recommendation != .sectionRows,
                              wordsForSomeDeadlines: layout.dates == .someWords)
        table = LayoutTable(source, layout: layout, using: &random)
    }

    /// The first difference between the import and the source, or `nil` when they are the same action for action.
    func firstDifference() -> String? {
        let plan: Plan
        switch imported() {
        case .success(let imported): plan = imported
        case .failure(let error): return "import failed: \(String(describing: error).prefix(300))"
        }
        let expected = source.expected(layout, table)
        let imported = plan.views(layout)
        for (index, (want, got)) in zip(expected, imported).enumerated() where want != got {
            return "action \(index + 1): " + want.differences(from: got).joined(separator: "; ")
        }
        if expected.count != imported.count {
            return "\(imported.count) actions imported, \(expected.count) in the source"
                + (imported.count > expected.count ? "; the first extra: \(imported[expected.count])" : "")
        }
        return nil
    }

    /// The plan the import makes of the layout's file, on the first try and without flags.
    func imported() -> Result<Plan, any Error> {
        let file = "plan.\(layout.format.rawValue)"
        let importer = PlanImporter(planID: "g", title: "Generated", organisation: "Council",
                                    inspection: Inspection(inspectorate: "HMIP", date: PlanDate(iso: "2019-01")!),
                                    statusDate: CalendarDate(iso: "2020-04-30")!)
        return Result {
            let bytes = try table.file(layout)
            return try PlanImporter.run(ImportRequest(input: file, importer: importer), read: { _ in bytes }).plan
        }
    }

    /// The layout in full, for a replayed seed: its features, choices, table (as CSV) and expected actions.
    var report: String {
        "\(layout)\nchoices: \(table.choices.joined(separator: ", "))\ntable as CSV:\n\(table.csvText.replacingOccurrences(of: "\r\n", with: "\n"))\nexpected:\n"
            + source.expected(layout, table).map { "  \($0)" }.joined(separator: "\n")
            + "\nimported:\n" + ((try? imported().get())?.views(layout).map { "  \($0)" }.joined(separator: "\n") ?? "  (nothing)")
    }
}
