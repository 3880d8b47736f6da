import PlanKit
import PlanReports

/// `--wrap` and `--oneline`: how the tables of actions of `list`, `overdue`,
/// `summary`, `report` and `log` are laid out, declared once for all of them.
///
/// A terminal gets one line per action, so that a list can be scanned (`show`
/// gives an action whole); `--wrap` gives the wrapped table, where nothing is
/// cut. Output that is not to a terminal (a pipe, a file, a script) keeps the
/// wrapped table, as it always has, unless `--oneline` asks for one line.
struct TableLayoutChoice {
    static let wrap = Flag("--wrap", help: "Show each action whole, its texts wrapped in their cells (the default when not on a terminal).")
    static let oneLine = Flag("--oneline", help: "One line per action, texts cut with … to the width (the default on a terminal; $COLUMNS when piped).")
    static let specs = declared(wrap, oneLine)

    var layout: TableLayout

    init(arguments: ParsedArguments, context: CommandContext, command: CommandDescriptor) throws(CLIError) {
        if arguments[Self.wrap], arguments[Self.oneLine] {
            throw .usage("\(Self.wrap) and \(Self.oneLine) cannot be used together", command: command)
        }
        if arguments[Self.oneLine] {
            layout = .oneLine
        } else {
            layout = context.stdoutIsTerminal && !arguments[Self.wrap] ? .oneLine : .wrapped
        }
    }
}
