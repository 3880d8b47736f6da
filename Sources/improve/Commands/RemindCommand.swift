import FoundationEssentials
import Glibc
import PlanKit
import PlanReports
import PlanStorage

/// `improve remind`: one message per lead with their newly overdue, overdue, due-soon and stale actions,
/// written as `.eml` files, piped to a sendmail-compatible program, or shown (`--dry-run`).
struct RemindCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "remind",
        abstract: "Send each lead one message listing their overdue, due-soon and stale actions.",
        usage: "remind (--out DIR | --sendmail \"CMD\" | --dry-run) [--from ADDRESS] [--leads FILE] [--new-since DATE] [--due-within DAYS] [--stale DAYS] [--lead TEXT] [--resend]",
        discussion: """
        One message per lead (an action with three leads is in three messages, once in each), listing
        what became overdue since --new-since (default: the day before the as-of day), what else is
        overdue, what falls due within --due-within (default 14d) and what has had no update for
        --stale (default 60d): each action once, with its plan, id, text, deadline, latest position and
        the 'improve update' line that records progress. A lead with nothing to report gets no message.
        Messages are RFC 5322 with a text and an HTML part (UTF-8, quoted-printable).

        Addresses come from leads.json in the plans folder (the folder of the first --plan file when
        plans are named), or --leads FILE: {"YOT Manager": "yot.manager@example.gov.uk", ...}, names
        matched ignoring case. A malformed file or address is an error (65) and nothing is sent. Leads
        with no address are listed at the end of the summary printed to stdout.

        Exactly one of: --out DIR writes one NAME-DATE.eml a lead (DIR is created when missing; a file
        already there is refused, exit 73, before anything is written); --sendmail "CMD" pipes each
        message to CMD (split into words, not run by a shell; a missing program or a non-zero exit is
        an error naming the lead, exit 74, and the messages sent before it stay recorded); --dry-run
        prints each lead's To, Subject and text and sends nothing.

        What was sent or written is recorded in .reminders.json in the plans folder: a second run for
        the same as-of day skips those leads and says so; --resend sends again. --dry-run records nothing.
        """,
        examples: [
            "improve remind --as-of 2019-04-10 --dry-run",
            "improve remind --as-of 2019-04-10 --from board.secretary@example.gov.uk --out reminders",
            "improve remind --from board.secretary@example.gov.uk --sendmail \"/usr/sbin/sendmail -t\"",
        ])

    static let out = Option<String>("--out", value: "DIR", completion: .files, help: "Write one .eml file a lead into DIR (created when missing).")
    static let sendmail = Option<String>("--sendmail", value: "CMD", help: "Pipe each message to this program (\"/usr/sbin/sendmail -t\").")
    static let dryRun = Flag("--dry-run", help: "Print what would be sent (To, Subject, text); send and record nothing.")
    static let from = Option<String>("--from", value: "ADDRESS", help: "The sender's address (default: your login name @ this host).")
    static let leads = Option<String>("--leads", value: "FILE", completion: .files, help: "Lead name → address JSON file (default: leads.json in the plans folder).")
    static let newSince = DateOption.day("--new-since", help: "Newly overdue: not overdue on this day (default: the day before --as-of; 'yesterday' counts from --as-of).")
    static let dueWithin = Option.days("--due-within", value: "DAYS", help: "List what falls due within DAYS after the day (default 14d).")
    static let stale = Option.days("--stale", value: "DAYS", help: "List open actions with no update for DAYS (default 60d).")
    static let lead = Option<String>("--lead", value: "TEXT", help: "Only the leads whose name contains TEXT, ignoring case.")
    static let resend = Flag("--resend", help: "Send again to leads already sent a reminder for the day.")
    static let options = declared(out, sendmail, dryRun, from, leads, newSince, dueWithin, stale, lead, resend)

    enum Delivery {
        case files(String)
        case program(String)
        case dryRun
    }

    var common: CommonOptions
    var delivery: Delivery
    var from: String
    var leadsFile: String?
    var newSince: CalendarDate
    var dueWithin: Int
    var staleDays: Int
    var leadFilter: String?
    var resend: Bool

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let command = Self.descriptor
        common = try CommonOptions(arguments: arguments, context: context, command: command, formats: [.text])
        if let extra = arguments.positionals.first { throw .usage("unexpected argument '\(extra)'", command: command) }
        let out = try arguments[Self.out], program = try arguments[Self.sendmail], dry = arguments[Self.dryRun]
        switch (out, program, dry) {
        case (let folder?, nil, false):
            guard !folder.isEmpty else { throw .usage("\(Self.out) needs a folder", command: command) }
            delivery = .files(folder)
        case (nil, let program?, false):
            guard !Self.words(program).isEmpty else { throw .usage("\(Self.sendmail) needs a program, such as \"/usr/sbin/sendmail -t\"", command: command) }
            delivery = .program(program)
        case (nil, nil, true): delivery = .dryRun
        case (nil, nil, false):
            throw .usage("say how to send: \(Self.out) DIR, \(Self.sendmail) \"CMD\" or \(Self.dryRun)", command: command)
        default:
            throw .usage("give only one of \(Self.out), \(Self.sendmail) and \(Self.dryRun)", command: command)
        }
        if let given = try arguments[Self.from] {
            guard LeadAddresses.isAddress(given) else {
                throw .usage("invalid value '\(given)' for \(Self.from); give an address such as board.secretary@example.gov.uk", command: command)
            }
            from = given
        } else {
            let user = [context.environment["LOGNAME"], context.environment["USER"]].compactMap { $0 }.first { !$0.isEmpty } ?? "improve"
            let host = ProcessInfo.processInfo.hostName
            from = "\(user)@\(host.isEmpty ? "localhost" : host)"
            if case .dryRun = delivery {} else if !LeadAddresses.isAddress(from) {
                throw .usage("no sender address: '\(from)' is not one; give \(Self.from) ADDRESS", command: command)
            }
        }
        leadsFile = try arguments[Self.leads]
        // 'yesterday' is the day before the as-of day: what a daily run compares with.
        newSince = try arguments[Self.newSince, today: common.asOf] ?? common.asOf.adding(days: -1)
        guard newSince < common.asOf else {
            throw .usage("invalid value for \(Self.newSince): \(newSince) is not before the as-of day (\(common.asOf))", command: command)
        }
        dueWithin = try arguments[Self.dueWithin] ?? 14
        staleDays = try arguments[Self.stale] ?? 60
        leadFilter = try arguments[Self.lead]
        resend = arguments[Self.resend]
    }

    /// A command line split into words as a shell would for plain words: spaces separate, '…' and "…" quote.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = "", inWord = false
        var quote: Character?
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            if let open = quote {
                if character == open { quote = nil } else if open == "\"", character == "\\", let next = iterator.next() { current.append(next) } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == "\\", let next = iterator.next() {
                current.append(next)
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// The folder the leads file and the record are kept in: the plans folder, or the first named plan's.
    var plansFolder: String {
        if let folder = common.planFolder { return folder }
        let folder = PathText.parent(of: common.planFiles.first ?? "plans/x.json")
        return folder.isEmpty ? "." : folder
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        let asOf = common.asOf, folder = plansFolder
        let joined = { (name: String) in folder == "." ? name : (folder.hasSuffix("/") ? folder + name : folder + "/" + name) }
        // The addresses are read and checked before anything else: a bad one sends nothing.
        let leadsPath = leadsFile ?? joined(PlanLoader.leadsFileName)
        let addresses: LeadAddresses
        let resolvedLeads = common.workingFolder.resolve(leadsPath)
        var isFolder = false
        if FileManager.default.fileExists(atPath: resolvedLeads, isDirectory: &isFolder) {
            if isFolder { throw CLIError.inputNotAFile(leadsPath, kind: .folder) }
            guard let data = FileManager.default.contents(atPath: resolvedLeads) else {
                throw CLIError.data("cannot read \(leadsPath); no reminder was sent")
            }
            addresses = try LeadAddresses(file: leadsPath, bytes: Array(data))
        } else if leadsFile != nil {
            throw CLIError.missingInput(leadsPath)
        } else {
            addresses = LeadAddresses(file: leadsPath)
        }
        let recordPath = joined(ReminderRecord.fileName)
        var record = try ReminderRecord(path: common.workingFolder.resolve(recordPath))

        let (newSince, within, stale) = (self.newSince, dueWithin, staleDays)
        let actions = try common.mapPlansExistingOnAsOf { loaded in
            LeadReminders.actions(position: PlanPosition(of: loaded.plan, on: asOf), earlier: PlanPosition(of: loaded.plan, on: newSince),
                                  file: loaded.file, withinDays: within, staleDays: stale)
        }.flatMap { $0 }
        var reminders = LeadReminders.byLead(actions)
        if let leadFilter {
            reminders = reminders.filter { $0.lead.containsFolded(leadFilter) }
            if reminders.isEmpty, !actions.isEmpty || leadFilter.isEmpty {
                // Nothing to remind this lead of is no error; a lead no plan names is a typo.
                try QueryError.checkLead(leadFilter, amongLeadsOf: try common.mapPlansExistingOnAsOf { $0.plan.leadNames })
            }
        }

        let wording = ReminderWording(asOf: asOf, newSince: newSince, dueBy: asOf.adding(days: within), staleDays: stale)
        let fromAddress = MailAddress(name: nil, address: from)
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        var toSend: [(reminder: LeadReminder, address: String, message: MailMessage)] = []
        var alreadySent: [String] = []
        var noAddress: [String] = []
        for reminder in reminders {
            guard let address = addresses.address(for: reminder.lead) else {
                noAddress.append(reminder.lead)
                continue
            }
            if !resend, record.wasSent(day: asOf, lead: reminder.lead) {
                alreadySent.append(reminder.lead)
                continue
            }
            let id = UUID().uuidString.lowercased()
            let message = MailMessage(from: fromAddress, to: MailAddress(name: reminder.lead, address: address),
                                      subject: wording.subject(reminder), date: context.moment,
                                      messageID: "\(id).\(asOf)@\(domain)", text: wording.text(reminder),
                                      html: wording.html(reminder), boundary: "=_improve_\(id)")
            toSend.append((reminder, address, message))
        }

        var lines: [String] = []
        let timestamp = TimestampText.iso8601(context.moment)
        let summary = { (heading: String, lines: [String]) -> String in
            Self.summary(heading, lines: lines, asOf: asOf, alreadySent: alreadySent, noAddress: noAddress, leadsPath: leadsPath)
        }
        let counted = "\(toSend.count) \(toSend.count == 1 ? "reminder" : "reminders") as of \(asOf)"
        switch delivery {
        case .dryRun:
            for (reminder, address, message) in toSend {
                context.stdout.write("To: \(reminder.lead) <\(address)>\nSubject: \(message.subject)\n\n\(message.text)\n")
                lines.append("\(reminder.lead) <\(address)>: \(message.subject)")
            }
            context.stdout.write(summary("Would send \(counted) (dry run: nothing sent or recorded):", lines))
        case .files(let outFolder):
            let names = try prepareFolder(outFolder, for: toSend.map(\.reminder.lead))
            for (entry, shown) in zip(toSend, names) {
                var failure: (any Error)?
                do {
                    try NewFile.write(common.workingFolder.resolve(shown), bytes: Array(entry.message.rendered().utf8))
                } catch {
                    failure = error
                }
                if let failure {
                    context.stdout.write(summary("Wrote \(lines.count) of \(counted) before the error:", lines))
                    throw RemindError.cannotWrite(shown, lead: entry.reminder.lead, reason: ErrorReporter.report(failure, in: common.workingFolder).message)
                }
                try record.add(ReminderRecord.Sent(day: asOf, lead: entry.reminder.lead, address: entry.address, at: timestamp))
                lines.append("\(shown)  \(entry.reminder.lead) <\(entry.address)>: \(entry.message.subject)")
            }
            context.stdout.write(summary("Wrote \(counted) to \(outFolder):", lines))
        case .program(let commandLine):
            let words = Self.words(commandLine)
            for entry in toSend {
                var failure: Sendmail.Failure?
                do {
                    try Sendmail.pipe(entry.message.rendered(lineEnding: "\n"), to: words, environment: context.environment,
                                      folder: common.workingFolder.path)
                } catch {
                    failure = error
                }
                if let failure {
                    context.stdout.write(summary("Sent \(lines.count) of \(counted) before the error:", lines))
                    throw RemindError.sendFailed(program: commandLine, lead: entry.reminder.lead, failure: failure, sentBefore: lines.count, record: recordPath)
                }
                try record.add(ReminderRecord.Sent(day: asOf, lead: entry.reminder.lead, address: entry.address, at: timestamp))
                lines.append("\(entry.reminder.lead) <\(entry.address)>: \(entry.message.subject)")
            }
            context.stdout.write(summary("Sent \(counted) with \(commandLine):", lines))
        }
        common.leftOut.writeNotes(to: &context)
        return .success
    }

    /// What the sender reads at the end: a line a message, the leads already sent to, the leads with no address.
    static func summary(_ heading: String, lines: [String], asOf: CalendarDate, alreadySent: [String], noAddress: [String],
                        leadsPath: String) -> String {
        // Nothing to send is said as such, not as a list of none.
        var text = lines.isEmpty && !heading.contains(" before the error") ? "No reminder to send as of \(asOf).\n"
            : heading + "\n" + lines.map { "  \($0)\n" }.joined()
        if !alreadySent.isEmpty {
            text += "Already sent for \(asOf), so not sent again (give \(Self.resend) to send): \(alreadySent.joined(separator: "; "))\n"
        }
        if !noAddress.isEmpty {
            text += "No address for \(noAddress.count == 1 ? "1 lead" : "\(noAddress.count) leads"): \(noAddress.joined(separator: "; ")); add them to \(leadsPath)\n"
        }
        return text
    }

    /// The `--out` folder, made when missing, and a new file name in it for each lead, chosen and checked
    /// before any file is written: nothing is overwritten, nothing half done.
    func prepareFolder(_ outFolder: String, for leads: [String]) throws -> [String] {
        let resolved = common.workingFolder.resolve(outFolder)
        var isDirectory = false
        if FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) {
            guard isDirectory else { throw RemindError.notAFolder(outFolder) }
        } else if !leads.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: resolved, withIntermediateDirectories: true)
            } catch {
                throw RemindError.cannotCreateFolder(outFolder, reason: SystemErrorReason.words(for: error))
            }
        }
        var used = Set<String>()
        var names: [String] = []
        for lead in leads {
            let base = Self.fileName(for: lead)
            var name = "\(base)-\(common.asOf).eml", number = 2
            while !used.insert(name).inserted {
                name = "\(base)-\(number)-\(common.asOf).eml"
                number += 1
            }
            let shown = PathText.appending(name, to: outFolder)
            if FileManager.default.fileExists(atPath: common.workingFolder.resolve(shown)) {
                throw RemindError.wouldOverwrite(shown, lead: lead)
            }
            names.append(shown)
        }
        return names
    }

    /// A file name from a lead's name: lower-case letters and digits, other runs as one '-', at most 60 characters.
    static func fileName(for lead: String) -> String {
        var name = ""
        for scalar in lead.lowercased().unicodeScalars {
            if scalar.isASCII, CharacterClass.alphanumerics.contains(scalar) {
                name.unicodeScalars.append(scalar)
            } else if !name.isEmpty, !name.hasSuffix("-") {
                name += "-"
            }
        }
        while name.hasSuffix("-") { name.removeLast() }
        name = String(name.prefix(60))
        while name.hasSuffix("-") { name.removeLast() }
        return name.isEmpty ? "lead" : name
    }
}

/// What `remind` refuses or fails at, worded by ``ErrorReporter``.
enum RemindError: Error {
    /// `--out` names something that is not a folder (73).
    case notAFolder(String)
    case cannotCreateFolder(String, reason: String)
    /// A message's file is already there (73): nothing was written.
    case wouldOverwrite(String, lead: String)
    /// A message's file could not be written (74).
    case cannotWrite(String, lead: String, reason: String)
    /// The mail program is missing or failed (74).
    case sendFailed(program: String, lead: String, failure: Sendmail.Failure, sentBefore: Int, record: String)

    var sentence: (String, ExitCode) {
        switch self {
        case .notAFolder(let path):
            return ("\(path) is not a folder; give \(RemindCommand.out) a folder for the messages (nothing was written)", .cannotCreate)
        case .cannotCreateFolder(let path, let reason):
            return ("cannot create the folder \(path): \(reason) (nothing was written)", .cannotCreate)
        case .wouldOverwrite(let path, let lead):
            return ("\(path) (the reminder for \(lead)) already exists; move it away or give another \(RemindCommand.out) folder (nothing was written)", .cannotCreate)
        case .cannotWrite(let path, let lead, let reason):
            return ("could not write \(path), the reminder for \(lead): \(reason.hasPrefix("improve: ") ? String(reason.dropFirst(9)) : reason)", .ioError)
        case .sendFailed(let program, let lead, let failure, let sentBefore, let record):
            let what: String
            switch failure {
            case .notFound(let name): what = "cannot run \(name): no such program (give its full path)"
            case .cannotRun(let name, let reason): what = "cannot run \(name): \(reason)"
            case .exited(let status, let output): what = "'\(program)' exited with status \(status)" + (output.isEmpty ? "" : ": \(output)")
            case .signalled(let signal): what = "'\(program)' was killed by signal \(signal)"
            }
            let before = sentBefore == 0 ? "nothing was sent" : "the \(sentBefore) sent before it \(sentBefore == 1 ? "is" : "are") recorded in \(record) and will not be sent again today"
            return ("the reminder for \(lead) was not sent: \(what); \(before)", .ioError)
        }
    }
}

/// Pipes a message to a sendmail-compatible program.
enum Sendmail {
    enum Failure: Error {
        case notFound(String)
        case cannotRun(String, reason: String)
        case exited(Int32, output: String)
        case signalled(Int32)
    }

    /// Runs `words` (a program and its arguments, not through a shell) with the message on its stdin.
    static func pipe(_ message: String, to words: [String], environment: [String: String], folder: String) throws(Failure) {
        let name = words[0]
        let path: String
        if name.contains("/") {
            path = name.hasPrefix("/") ? name : PathText.appending(name, to: folder)
        } else {
            let search = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
            guard let found = search.map({ PathText.appending(name, to: $0) }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
                throw .notFound(name)
            }
            path = found
        }
        guard FileManager.default.fileExists(atPath: path) else { throw .notFound(name) }
        let sender = ChildProcess(executable: path, arguments: Array(words.dropFirst()), environment: environment, folder: folder,
                                  input: .piped, output: .discarded, errors: .piped)
        // A program that exits without reading its input must not end this process.
        signal(SIGPIPE, SIG_IGN)
        let bytes = Array(message.utf8)
        let outcome: ChildProcess.Outcome, written: Int
        do { (outcome, written) = try sender.run(writing: bytes) } catch { throw .cannotRun(name, reason: error.reason) }
        let said = String(decoding: outcome.errors, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        if outcome.signalled { throw .signalled(outcome.status) }
        guard outcome.status == 0 else { throw .exited(outcome.status, output: said) }
        if written < bytes.count { throw .exited(0, output: "it stopped reading the message before its end") }
    }
}
