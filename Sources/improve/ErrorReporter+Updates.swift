import PlanKit
import PlanInterchange

/// The sentences for a returned request (`import-updates`) that cannot be read or recorded.
extension ErrorReporter {
    static func sentence(_ error: UpdateReturnError) -> String {
        switch error {
        case .office(let file, let failure):
            return "\(file): " + sentence(failure)
        case .unreadableText(let file, let failure):
            return sentence(ImportError.unreadableText(file: file, role: .sideFile, failure))
        case .unreadableCSV(let file, let failure):
            return sentence(ImportError.pastLimit(file: file, failure))
        case .noRequestSheet(let file, let sheets):
            let names = sheets.isEmpty ? "" : " (its sheets: \(sheets.map { "'\($0)'" }.joined(separator: ", ")))"
            return "\(file) has no sheet laid out as improve export \(ExportCommand.forUpdate) writes it, with Action and New status in a header row\(names); "
                + "nothing was written"
        case .missingColumns(let file, let sheet, let missing):
            return "\(file)\(sheet.map { ", sheet '\($0)'" } ?? ""): no column \(missing.map { "'\($0)'" }.joined(separator: " or ")) in the header row; "
                + "put back the columns as exported (nothing was written)"
        case .rows(let problems):
            let count = problems.count
            return "\(count) \(count == 1 ? "row" : "rows") cannot be recorded, so nothing was written:\n"
                + problems.map { "  \($0.place): \(sentence($0))" }.joined(separator: "\n")
        }
    }

    /// What is wrong with one cell of a returned request.
    static func sentence(_ problem: RowProblem) -> String {
        func list(_ items: [String]) -> String { items.joined(separator: ", ") }
        switch problem.kind {
        case .unknownStatus(let typed, let labels):
            return "'\(ParsedArguments.shown(typed))' is not a status of this plan (\(list(labels)))"
        case .unreadableDate(let typed, let error):
            return "'\(ParsedArguments.shown(typed))' under Date: \(ParsedArguments.sentence(error, wanting: .day))"
        case .dateOutOfRange(let date, let earliest, let latest):
            return date > latest ? "\(date) is after today (\(latest)); give the day the update was made"
                : "\(date) is before the plan's inspection (\(earliest)); give the day the update was made"
        case .unknownPlan(let planID, let loaded):
            return "no plan \"\(planID)\" is loaded (plans: \(list(loaded))); give it with --plan FILE"
        case .unknownAction(let plan):
            return "\(plan) has no action \"\(problem.actionID)\"; was it removed or renamed since the export?"
        case .noPlan:
            return "the row for \(problem.actionID) names no plan and has no stamp; put back the Plan column as exported"
        case .unknownMilestone(let typed, let open):
            return open == 0 ? "'\(ParsedArguments.shown(typed))' under Milestone done, but \(problem.actionID) has no open milestone"
                : "'\(ParsedArguments.shown(typed))' names no open milestone of \(problem.actionID); write Yes for the one shown, or its number or title"
        case .stampForAnother(let shown):
            return "the row shows \(shown) but its hidden stamp is for \(problem.actionID); keep the Plan and Action cells as exported "
                + "(copy a row only whole), or write the update on the row of the action meant"
        case .filledTwice(let first):
            return "\(problem.actionID) is filled in on row \(first) too; keep one row for each action and clear the other"
        case .refused(let error):
            switch error {
            case .completeNeedsComment(let level):
                return "marking \(problem.actionID) \(level) needs a Progress comment saying what shows it is done"
            case .openMilestones(let action, let titles):
                return "\(action) still has \(titles.count) open milestone\(titles.count == 1 ? "" : "s") (\(titles.map { "\"\($0)\"" }.joined(separator: ", "))); "
                    + "mark them done first, or give \(ImportUpdatesCommand.force)"
            case .milestoneAlreadyDone(let title, let day):
                return "milestone \"\(title)\" of \(problem.actionID) was already done on \(day)"
            default:
                return "\(problem.actionID): " + sentence(error)
            }
        }
    }
}

