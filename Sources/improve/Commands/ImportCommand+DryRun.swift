import FoundationEssentials
import PlanKit
import PlanInterchange
import PlanStorage

/// `import --dry-run`, and the command line an import suggests running next: what a first try says
/// so that the second is the last.
extension ImportCommand {
    /// Shows, per table, where its header is, how each column was read and why, and its first actions as
    /// they would be; then the plan that would be created, the notes, and the line that changes a decision.
    func preview(_ outcome: ImportOutcome, store: PlanStore, context: inout CommandContext) throws -> ExitCode {
        var out = "dry run of \(input): nothing written\n"
        let actions = Dictionary(outcome.plan.actions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for table in outcome.tables {
            out += "\n\(table.name.isEmpty ? input : table.name): header in row \(table.headerRow), \(table.actionIDs.count) \(table.actionIDs.count == 1 ? "action" : "actions")\n"
            let width = min(30, table.columns.map { $0.mapKey.count }.max() ?? 0)
            for column in table.columns {
                let name = column.mapKey.count > width ? String(column.mapKey.prefix(width - 1)) + "…" : column.mapKey.padded(toLength: width)
                let read = column.field.map { "→ \($0)".padded(toLength: 14) } ?? "not read      "
                let why: String
                switch column.because {
                case .header: why = "by its header"
                case .mapped: why = "by your \(Self.map)"
                case .content(let reason): why = "by its content: \(reason)"
                case .notRead: why = "add \(Self.map) \"\(column.mapKey)=FIELD\" to read it"
                }
                out += "  \(name)  \(read)\(why)\n"
            }
            for id in table.actionIDs.prefix(5) {
                guard let action = actions[id] else { continue }
                var facts = [String(action.text.split(separator: "\n").first ?? "").prefix(60).description]
                if !action.leads.isEmpty { facts.append(action.leads.joined(separator: ", ")) }
                if let text = action.deadlineText ?? action.deadline?.displayText { facts.append(text) }
                if let status = action.history.last?.status { facts.append(status) }
                if !action.recommendations.isEmpty { facts.append("answers " + action.recommendations.joined(separator: ", ")) }
                out += "    \(id)  \(facts.joined(separator: " · "))\n"
            }
            if table.actionIDs.count > 5 { out += "    … and \(table.actionIDs.count - 5) more\n" }
        }
        let plan = outcome.plan
        out += "\nwould create \(output) (\(plan.id)): \(plan.actions.count) \(plan.actions.count == 1 ? "action" : "actions") in \(plan.themes.count) \(plan.themes.count == 1 ? "theme" : "themes")\n"
        for note in outcome.notes { out += "note: \(Self.sentence(note))\n" }
        for problem in outcome.skipped { out += "cannot read \(input) \(problem)\n" }
        do {
            try store.checkValid(plan, at: output)
            try store.checkCreatable(output)
        } catch {
            out += ErrorReporter.report(error, in: context.workingFolder).message + "\n"
        }
        let changeable = outcome.tables.flatMap(\.columns).filter { column in
            switch column.because { case .content, .notRead: return true; default: return false }
        }
        if !changeable.isEmpty {
            // Not a line to run as it is: FIELD is the user's choice.
            let maps = changeable.map { Self.line([Self.map.name, "\($0.mapKey)=FIELD"]) }
            out += "to read a column otherwise, add to the line below, with FIELD one of \(ImportField.allCases.map(\.rawValue).joined(separator: ", ")):\n  \(maps.joined(separator: "  "))\n"
        }
        if !outcome.skipped.isEmpty, !request.importer.skipBadRows {
            out += "to import the rows that read and leave these out, run:\n  \(Self.line(commandLine + [Self.skipBad.name]))\n"
        } else {
            out += "to import it, run:\n  \(Self.line(commandLine))\n"
        }
        context.stdout.write(out)
        return .success
    }

    /// An import error with the complete command line to run next, when adding something to the line would go on.
    func nextStep(after error: ImportError) -> any Error {
        switch error {
        case .badRows where !request.importer.skipBadRows:
            return CLIError.withNextCommand(error, why: "to import the rows that read and leave these out",
                                            next: Self.line(commandLine + [Self.skipBad.name]))
        case .missingColumns(_, let missing, let found) where missing == [ImportField.action.rawValue]:
            let column = found.first { !$0.isEmpty && ImportField.recognise($0) == nil } ?? "COLUMN"
            return CLIError.withNextCommand(error, why: "to read \(column == "COLUMN" ? "a column" : "\"\(column)\"") as the actions",
                                            next: Self.line(commandLine + [Self.map.name, "\(column)=action"]))
        case .strictColumnsNotRead(_, let columns, let proposedLinks):
            let maps = columns.flatMap { [Self.map.name, "\($0)=\(proposedLinks.contains($0) ? "links" : "skip")"] }
            return CLIError.withNextCommand(error, why: "to go on, reading the columns that look like links and passing over the rest (or map each to a field)",
                                            next: Self.line(commandLine + maps))
        case .strictColumnsWithoutHeader(_, let places):
            let maps = places.flatMap { [Self.map.name, "\($0.split(separator: " ").suffix(2).joined(separator: " "))=skip"] }
            return CLIError.withNextCommand(error, why: "to go on, passing over the columns without a header (or map each to a field)",
                                            next: Self.line(commandLine + maps))
        default:
            return error
        }
    }

    /// A command line as a shell reads it: words with spaces or special characters in single quotes.
    static func line(_ words: [String]) -> String {
        words.map { word in
            if !word.isEmpty, word.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_./=:@+,".contains($0)) }) { return word }
            return "'" + word.replacingEvery("'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }
}
