import PlanKit
import PlanReports

/// The manual page, `improve(1)`, generated from the same registry as `--help`.
enum ManualPage {
    static func roff(version: String) -> String {
        var page = """
        .TH IMPROVE 1 "" "improve \(version)" "User Commands"
        .SH NAME
        improve \\- track inspection improvement plans: actions, leads, deadlines and RAG status
        .SH SYNOPSIS
        .B improve
        .I command
        [\\fIoptions\\fR]
        .SH DESCRIPTION
        improve keeps each inspection improvement plan as a JSON plan file and answers questions about it,
        records progress safely, and writes the RAG summary, the board pack and the cron overdue check.
        Plans are every *.json plan in ./plans (or $IMPROVE_PLANS); \\fB\\-\\-plan\\fR chooses instead.
        .SH COMMANDS

        """
        for command in CommandRegistry.visible {
            let descriptor = command.descriptor
            page += ".SS \(escape(descriptor.name))\n"
            page += ".B improve \(escape(descriptor.usage))\n.br\n"
            page += escape(descriptor.abstract) + "\n"
            // Discussions are laid out in lines (some are tables of kinds): kept as written.
            if !descriptor.discussion.isEmpty { page += ".PP\n.nf\n" + escape(descriptor.discussion) + "\n.fi\n" }
            for option in command.options { page += item(option) }
        }
        page += ".SH EXAMPLES\n"
        for command in CommandRegistry.visible {
            for example in command.descriptor.examples { page += ".PP\n.nf\n" + escape(example) + "\n.fi\n" }
        }
        page += ".SH COMMON OPTIONS\n"
        for option in CommonOptions.specs + [CommonOptions.helpSpec] { page += item(option) }
        page += ".PP\n" + escape(ParsedArguments.dateForms) + "\n"
        page += """
        .SH EXIT STATUS
        .TP
        \(ExitCode.allCases.map { "\($0.rawValue)\n\(escape($0.meaning))" }.joined(separator: "\n.TP\n"))
        .SH ENVIRONMENT
        .TP
        .B IMPROVE_PLANS
        the plans folder (default: plans)
        .TP
        .B IMPROVE_USER
        who records changes (default: the login name)
        .TP
        .B IMPROVE_LOCK_TIMEOUT
        seconds to wait for another update's lock, 0 to 3600 (default: 5); another value is refused (64)
        .TP
        .B IMPROVE_LEAD
        the lead whose actions overdue lists (\\fB\\-\\-all\\fR for everyone's)
        .TP
        .B IMPROVE_TODAY
        the day every command takes for today, as YYYY-MM-DD, up to the real today (for scripts and tests); another value is refused (64)
        .TP
        .B NO_COLOR
        no colour, even on a terminal (as \\fB\\-\\-color never\\fR)
        .TP
        .B IMPROVE_PAGER, PAGER
        the pager for output longer than the terminal (default: less, with LESS=\(Pager.defaultLess)); empty or cat for none
        .SH FILES
        .TP
        .I ~/.config/improve/config
        settings: a line \\fBlead = NAME\\fR gives overdue's default lead (or $XDG_CONFIG_HOME/improve/config)
        .TP
        .I plans/*.json
        plan files, described by plans/plan.schema.json
        .TP
        .I plans/.NAME.json.lock, .undo, .valid, .recorded, .conflicts
        beside each plan: its lock, undo journal, the fingerprint of its last checked write,
        the baseline hand edits are seen against, and a merge's conflicts to settle

        """
        return page
    }

    static func item(_ option: OptionSpec) -> String {
        var label = "\\fB\(escape(option.name))\\fR"
        if let short = option.short { label = "\\fB\(escape(short))\\fR, " + label }
        if let value = option.value { label += " \\fI\(escape(value))\\fR" }
        return ".TP\n\(label)\n\(escape(option.help))\n"
    }

    /// Text made safe for roff: backslashes and hyphens escaped, characters
    /// outside ASCII written as `\[uXXXX]`, no line starting with a control character.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\e"
            case "-": out += "\\-"
            default:
                if scalar.isASCII {
                    out.unicodeScalars.append(scalar)
                } else {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
                }
            }
        }
        return out.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") || $0.hasPrefix("'") ? "\\&" + $0 : String($0) }
            .joined(separator: "\n")
    }
}
