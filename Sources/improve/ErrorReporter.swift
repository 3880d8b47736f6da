import PlanKit
import PlanInterchange
import OfficeDocument
import PlanReports
import PlanStorage

/// The one place that turns any error into a sentence and an exit code.
///
/// The library's errors carry facts (which file, which id, which value); the
/// sentences, the options they name and the commands they suggest are the
/// command line's, and are written here.
enum ErrorReporter {
    /// The note on stderr for a plan left out of an answer as of a day before
    /// its inspection: a note, not an error, so the exit code is the command's.
    static func note(_ leftOut: PlanNotYetInspected) -> String {
        "improve: note: \(leftOut.planID) is left out: its inspection (\(leftOut.inspection)) is after \(leftOut.asOf), so it had no plan yet"
    }

    /// The message to print on stderr and the exit code for an error.
    ///
    /// - Parameter error: any error a command threw.
    /// - Parameter folder: the command's working folder, where a plan named in the error is looked at.
    /// - Returns: the message (without a trailing newline) and the exit code.
    static func report(_ error: any Error, in folder: WorkingFolder) -> (message: String, code: ExitCode) {
        switch error {
        case CLIError.usage(let message, let command):
            var text = "improve: \(message)"
            if let command {
                text += "\n\(command.usageLine)\nSee 'improve \(command.name) --help'."
            } else {
                text += "\nusage: improve <command> [options]\nSee 'improve --help'."
            }
            return (text, .usage)
        case CLIError.data(let message):
            return ("improve: \(message)", .dataError)
        case CLIError.missingInput(let path):
            return ("improve: no file at \(path); check the path", .noInput)
        case CLIError.inputNotAFile(let path, let kind):
            return ("improve: \(path) is \(words(kind)), not a file; it was not read (give the path of a file)", .noInput)
        case CLIError.refused(let message):
            return ("improve: \(message)", .usage)
        case CLIError.withNextCommand(let inner, let why, let next):
            let (message, code) = report(inner, in: folder)
            return ("\(message)\n\(why), run:\n  \(next)", code)
        case let error as PlanError:
            switch error {
            case .fileNotFound, .folderNotFound, .noPlans, .unreadable, .notAFile:
                return ("improve: \(sentence(error, in: folder))", .noInput)
            case .invalidPlan, .tooLarge, .invalidScheme:
                return ("improve: \(sentence(error, in: folder))", .dataError)
            case .duplicatePlanID:
                return ("improve: \(sentence(error, in: folder))", .dataError)
            }
        case let error as PlanWriteError:
            let code: ExitCode
            switch error {
            case .lockTimeout: code = .tryAgain
            case .readOnly, .alreadyExists, .noFolder, .unsafeSidecar, .stickyFolder: code = .cannotCreate
            case .writeFailed, .createFailed: code = .ioError
            case .wouldNotValidate, .changedSince, .unreadableJournal: code = .dataError
            case .nothingToUndo: code = .findings
            case .someoneElsesChange, .latestChangeMoved: code = .usage
            }
            return ("improve: \(sentence(error))", code)
        case let error as ImportError:
            switch error {
            case .unknownMapping, .missingColumns, .mappedIDsAreSentences, .mappedColumnAbsent: return ("improve: \(sentence(error))", .usage)
            default: return ("improve: \(sentence(error))", .dataError)
            }
        case let error as UpdateError:
            return ("improve: \(sentence(error))", .usage)
        case let error as EditError:
            return ("improve: \(sentence(error))", .usage)
        case let error as LookupError:
            return ("improve: \(sentence(error))", .usage)
        case let error as QueryError:
            return ("improve: \(sentence(error))", .usage)
        case let error as RemindError:
            let (message, code) = error.sentence
            return ("improve: \(message)", code)
        case let error as OutputFileError:
            let (message, code) = error.sentence
            return ("improve: \(message)", code)
        case let error as LeadAddressError:
            return ("improve: \(sentence(error)); no reminder was sent", .dataError)
        case let error as UpdateReturnError:
            return ("improve: \(sentence(error))", .dataError)
        case let error as UpdateFileError:
            let (message, code) = error.sentence
            return ("improve: \(message)", code)
        case let error as OfficeWriteError:
            return ("improve: \(error.sentence)", .dataError)
        case let error as ReminderRecordError:
            switch error {
            case .unreadable(let path, let reason):
                return ("improve: cannot read the record of reminders sent, \(path): \(reason); fix or remove it (no reminder was sent)", .dataError)
            }
        default:
            return ("improve: \(error)", .dataError)
        }
    }

    static func sentence(_ error: LeadAddressError) -> String {
        switch error {
        case .syntax(let file, let syntax):
            return "\(file):\(syntax.line):\(syntax.column): \(syntax.message); write {\"LEAD NAME\": \"address@example.gov.uk\", …}"
        case .notAnObject(let file, let found):
            return "\(file) holds \(found), not an object of lead name → address ({\"YOT Manager\": \"yot.manager@example.gov.uk\"})"
        case .notText(let file, let lead, let found):
            return "\(file): the address of \"\(lead)\" is \(found), not a string such as \"name@example.gov.uk\""
        case .badAddress(let file, let lead, let address):
            return "\(file): the address of \"\(lead)\", \"\(address)\", is not an e-mail address (write name@example.gov.uk, without a display name)"
        case .repeatedLead(let file, let lead, let other):
            return "\(file) names \"\(other)\" and \"\(lead)\", which are one lead (names are matched ignoring case); keep one"
        case .blankLead(let file):
            return "\(file) has a blank lead name; name the lead"
        }
    }

    static func sentence(_ error: LookupError) -> String {
        switch error {
        case .notFound(let id, let planIDs, let suggestions):
            var message = "no action \"\(id)\" in \(planIDs.joined(separator: " or "))"
            if !suggestions.isEmpty {
                let list = suggestions.count == 1 ? suggestions[0]
                    : suggestions.dropLast().joined(separator: ", ") + " or " + suggestions.last!
                message += "; did you mean \(list)?"
            }
            return message
        case .ambiguous(let id, let planIDs):
            return "\"\(id)\" is in several plans (\(planIDs.joined(separator: ", "))); name one, e.g. \(planIDs[0]):\(id)"
        case .unknownPlan(let plan, let loaded):
            return "no plan \"\(plan)\" loaded (loaded: \(loaded.joined(separator: ", ")))"
        case .ambiguousPlan(let plan, let matching):
            return "\"\(plan)\" starts the ids of several plans (\(matching.joined(separator: ", "))); write more of it"
        }
    }

    static func sentence(_ error: QueryError) -> String {
        func hint(_ suggestions: [String]) -> String {
            suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { "\"\($0)\"" }.joined(separator: " or "))?"
        }
        switch error {
        case .unknownStatus(let status, let known):
            return "unknown status \"\(status)\"; use one of \(known.joined(separator: ", ")) or \"none\""
        case .unknownEntry(let what, let id, let suggestions):
            return "no \(what) \"\(id)\" in the plans loaded\(hint(suggestions))"
        case .unknownLead(let lead, let suggestions):
            return "no action of the plans loaded has a lead containing \"\(lead)\"\(hint(suggestions))"
        }
    }

    static func sentence(_ error: PlanError, in folder: WorkingFolder) -> String {
        switch error {
        case .fileNotFound(let path):
            return "no plan file at \(path); check the path given to --plan"
        case .folderNotFound(let path):
            return "no plans folder at \(path); run improve in the folder that holds plans/, set IMPROVE_PLANS, or name a file with --plan"
        case .noPlans(let folder):
            return "no plan files (*.json) in \(folder); add a plan or name one with --plan"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .notAFile(let path, let kind):
            return "\(path) is \(words(kind)), not a plan file; it was not read (rename or remove it)"
        case .tooLarge(let path, let bytes, let limit):
            return "\(path) is \(bytes >> 20) MiB, more than the \(limit >> 30) GiB a plan file may be; it was not read"
        case .invalidPlan(let path, let problems):
            let errors = problems.filter { $0.severity == .error }
            let lines = errors.map(\.description).joined(separator: "\n")
            let merge = GitRepository.mergeNote(file: path, in: folder)
            return "\(path) has \(errors.count) \(errors.count == 1 ? "error" : "errors"); fix \(errors.count == 1 ? "it" : "them") and run `improve validate`:\n\(lines)"
                + (merge.map { "\n\($0)" } ?? "")
        case .invalidScheme(let path, let problems):
            let errors = problems.filter { $0.severity == .error }
            return "\(path) is not a RAG scheme a plan can use (\(errors.count) \(errors.count == 1 ? "error" : "errors")); "
                + "write {\"levels\": [{\"code\", \"label\", \"colour\", \"complete\"}, …]} as in a plan's ragScheme:\n"
                + errors.map(\.description).joined(separator: "\n")
        case .duplicatePlanID(let id, let files):
            return "\(files[1]) and \(files[0]) both have the plan id \"\(id)\"; plan ids must be unique"
        }
    }

    /// What a path that is not a regular file is, in words.
    static func words(_ kind: FileKind) -> String {
        switch kind {
        case .folder: return "a folder"
        case .fifo: return "a FIFO (named pipe)"
        case .socket: return "a socket"
        case .device: return "a device"
        case .other: return "not a regular file"
        }
    }

    static func sentence(_ error: PlanWriteError) -> String {
        switch error {
        case .lockTimeout(let path, let seconds):
            return "\(path) is locked by another update (waited \(tenths(seconds)) s); try again in a moment"
        case .readOnly(let path, let what):
            return "\(path): \(what) is read-only; nothing was changed (make it writable to record updates)"
        case .writeFailed(let path, let reason):
            return "could not write \(path): \(reason); the plan was left as it was"
        case .alreadyExists(let path):
            return "\(path) already exists; choose another file name (nothing was changed)"
        case .noFolder(let path):
            return "cannot write \(path): its folder does not exist; create it first (nothing was written)"
        case .createFailed(let path, let reason):
            return "could not write \(path): \(reason); nothing was written"
        case .wouldNotValidate(let path, let problems):
            let lines = problems.filter { $0.severity == .error }.map(\.description).joined(separator: "\n")
            return "the change would leave \(path) invalid, so nothing was written:\n\(lines)"
        case .nothingToUndo(let path):
            return "nothing to undo in \(path): no change recorded by improve since it was created or last undone"
        case .changedSince(let path, let entry):
            return "cannot undo in \(path): \(entry) has changed since the last recorded change (edited by hand?); undo it by hand instead"
        case .unreadableJournal(let path, let entry):
            return "cannot undo in \(path): the undo journal's record of \(entry) cannot be read; nothing was changed (undo it by hand instead)"
        case .someoneElsesChange(let path, let by, let description, _):
            return "the latest change to \(path) was recorded by \(by), not you: \(description); nothing was changed "
                + "(see it with undo --dry-run; undo it anyway with --yes, or answer yes when asked at a terminal)"
        case .latestChangeMoved(let path, let description):
            return "another change was recorded to \(path) while you were asked (\(description)); nothing was undone, run undo again"
        case .unsafeSidecar(let path, let problem):
            let why: String
            switch problem {
            case .symbolicLink: why = "is a symbolic link, which improve never writes through"
            case .notAFile: why = "is not a regular file"
            case .foreignOwner(let owner): why = "belongs to \(owner), who may not change the plan"
            case .widerPermissions(let mode, let planMode):
                why = "lets others in (mode \(String(mode, radix: 8)), the plan's \(String(planMode, radix: 8))) and only its owner may change that"
            }
            return "\(path) \(why); nothing was changed (remove it, and run the command again)"
        case .stickyFolder(let path, let owner, let folder):
            return "cannot replace \(path): it belongs to \(owner), and its folder \(folder) has the sticky bit, so only \(owner) "
                + "or the folder's owner may replace it; nothing was changed (remove the sticky bit: chmod -t \(folder), or ask \(owner))"
        }
    }

    static func sentence(_ error: UpdateError) -> String {
        switch error {
        case .nothingToRecord:
            return "nothing to record; give --status, --comment, --milestone with --done or --reopen, or --due with --reason"
        case .unknownStatus(let status, let scheme):
            return "unknown status \"\(status)\"; this plan's levels are \(scheme.joined(separator: ", "))"
        case .completeNeedsComment(let level):
            return "marking an action \(level) needs --comment with the evidence of its impact"
        case .openMilestones(let action, let titles):
            return "\(action) still has \(titles.count) open milestone\(titles.count == 1 ? "" : "s") (\(titles.map { "\"\($0)\"" }.joined(separator: ", "))); mark them done with --milestone N --done, or use --force"
        case .unknownMilestone(let typed, let action, let count):
            return "no milestone \"\(typed)\" in \(action); give its number (1–\(count)) or its title"
        case .milestoneNeedsDoneOrReopen:
            return "\(UpdateCommand.milestone) needs \(UpdateCommand.done) [DATE] or \(UpdateCommand.reopen)"
        case .doneOrReopenNeedsMilestone:
            return "\(UpdateCommand.done) and \(UpdateCommand.reopen) need \(UpdateCommand.milestone) N|TITLE"
        case .milestoneAlreadyDone(let title, let date):
            return "milestone \"\(title)\" was already done on \(date); give --done YYYY-MM-DD with another day to move it, or --reopen"
        case .milestoneNotDone(let title):
            return "milestone \"\(title)\" is not done, so it cannot be reopened"
        case .deadlineNeedsReason:
            return "\(UpdateCommand.due) needs \(UpdateCommand.reason): say why the deadline moved"
        case .reasonNeedsDeadline:
            return "\(UpdateCommand.reason) goes with \(UpdateCommand.due) DATE"
        case .sameDeadline(let deadline):
            return "the deadline is already \(deadline.displayText)"
        case .withdrawn(let action, let day):
            return "\(action) was withdrawn on \(day); reinstate it first (improve reinstate \"\(action)\") to record progress"
        case .deadlineChangedLater(let action, let day):
            return "\(action) has a deadline change recorded on \(day), after --date; record a new deadline on or after that day"
        }
    }

    static func sentence(_ error: EditError) -> String {
        func list(_ items: [String]) -> String { items.isEmpty ? "none" : items.map { "\"\($0)\"" }.joined(separator: ", ") }
        switch error {
        case .nothingToEdit:
            return "nothing to edit; give " + TextOption.all.map(\.alternatives).joined(separator: ", ") + ", --add-sub-point or --remove-sub-point, "
                + "--add-lead or --remove-lead, --link or --unlink, --add-milestone, or --milestone with --rename, --milestone-due or --remove"
        case .unchanged(let field):
            switch field {
            case .milestones: return "the milestone already has that title; nothing was changed"
            case .leads: return "the leads would be as they are; nothing was changed"
            case .subPoints: return "the sub-points would be as they are; nothing was changed"
            default:
                // A text the action may lack is named alone; edit may have been asked to remove one it lacks.
                if field.facts.isRemovable { return "the \(field.facts.noun) is already that (or there is none to remove); nothing was changed" }
                return "the action's \(field.facts.noun) is already that; nothing was changed"
            }
        case .noSuchSubPoint(let typed, let action, let count):
            return count == 0 ? "\(action) has no sub-points to remove"
                : "no sub-point \"\(typed)\" in \(action); give its number (1–\(count)), its text, or a part of it only one has"
        case .subPointAlreadyThere(let text, let action):
            return "\(action) already has the sub-point \"\(text)\""
        case .leadNotThere(let lead, let action, let leads):
            return "\(action) has no lead \"\(lead)\" (its leads: \(list(leads))); --remove-lead takes a lead as it is written, in any case"
        case .leadAlreadyThere(let lead, let action):
            return "\(lead) is already a lead of \(action)"
        case .noSuchRecommendation(let typed, let known):
            return "no recommendation \"\(typed)\" in this plan (its recommendations: \(known.joined(separator: ", ")))"
        case .alreadyLinked(let id, let action):
            return "\(action) already answers recommendation \(id)"
        case .notLinked(let typed, let action, let linked):
            return "\(action) is not linked to \"\(typed)\" (its own links: \(linked.isEmpty ? "none" : linked.joined(separator: ", ")))"
        case .linkedThroughTheme(let id, let action, let theme):
            return "\(action) answers \(id) through its theme \(theme), which links the whole theme; that link is the theme's "
                + "(its \"recommendations\" in the plan file), not the action's"
        case .milestone(let error):
            return sentence(error)
        case .milestoneExists(let title, let action):
            return "\(action) already has a milestone \"\(title)\"; milestone titles are unique within an action"
        case .milestoneChangeNeedsRenameOrDate:
            return "\(EditCommand.milestone) needs \(EditCommand.rename) TITLE, \(EditCommand.milestoneDue) DATE with \(EditCommand.reason), or \(EditCommand.remove)"
        case .milestoneDateNeedsReason:
            return "\(EditCommand.milestoneDue) needs \(EditCommand.reason): say why the milestone's date moved"
        case .sameMilestoneDeadline(let deadline):
            return "the milestone is already due \(deadline.displayText)"
        case .alreadyWithdrawn(let action, let day):
            return "\(action) was already withdrawn on \(day)"
        case .notWithdrawn(let action):
            return "\(action) is not withdrawn, so there is nothing to reinstate"
        case .changedLater(let action, let day):
            return "\(action) has a change recorded on \(day), after this one's date; record it on or after \(day) (--date), so that the history reads in order"
        case .boardMeetingExists(let day):
            return "a board meeting on \(day) is already recorded"
        case .noBoardMeeting(let day, let meetings):
            return "no board meeting on \(day) (recorded: \(meetings.isEmpty ? "none" : meetings.map(\.description).joined(separator: ", ")))"
        }
    }

    static func sentence(_ error: ImportError) -> String {
        switch error {
        case .syntax(let file, let line, let message):
            return "\(file): line \(line): \(message)"
        case .empty(let file):
            return "\(file) has no rows to import"
        case .missingColumns(let file, let missing, let found):
            let looked = missing == [ImportField.action.rawValue] ? " in a header row (looked for in the first \(PlanImporter.headerSearchRows) rows)" : ""
            return "\(file): no column for \(missing.joined(separator: " or "))\(looked) (columns found: \(found.joined(separator: ", "))); name it, or map one with --map \"COLUMN=\(missing.first ?? "field")\""
        case .unknownMapping(let text):
            return "cannot use --map \"\(text)\"; write --map \"COLUMN=FIELD\" with FIELD one of \(ImportField.allCases.map(\.rawValue).joined(separator: ", "))"
        case .badRows(let file, let problems):
            return "\(file): \(problems.count) \(problems.count == 1 ? "row" : "rows") cannot be read, so nothing was written (--skip-bad imports the rest):\n"
                + problems.map { "  \($0)" }.joined(separator: "\n")
        case .noActionTable(let file, let tables):
            guard !tables.isEmpty else { return "\(file) has no tables; a plan's actions are read from a table with ID and Action columns" }
            return "\(file): no table has the columns an import needs (an ID or Recommendation column and an Action column); "
                + "the tables start: " + tables.map { "\($0.name) (\($0.firstRow.filter { !$0.isEmpty }.prefix(6).joined(separator: ", ")))" }.joined(separator: "; ")
                + "; name the columns, or map them with --map \"COLUMN=id\" and --map \"COLUMN=action\""
        case .office(let file, let failure):
            return "\(file): " + sentence(failure)
        case .misnamed(let file, let content, let rename):
            return "\(file) is \(content)" + (rename.map { "; rename it \($0) and import that" } ?? "; import a .docx, .xlsx, .csv or .tsv file")
        case .fileTooLarge(let file, let bytes, let limit):
            // Bytes too when the megabytes round to the limit ("16 MiB, more than the 16 MiB" says nothing).
            let size = megabytes(bytes) == megabytes(limit) ? "\(grouped(bytes)) bytes" : megabytes(bytes)
            let most = megabytes(bytes) == megabytes(limit) ? "\(grouped(limit)) bytes (\(megabytes(limit)))" : megabytes(limit)
            return "\(file) is \(size), more than the \(most) a CSV or TSV file to import may be, far beyond any plan's table of actions; "
                + "nothing was read. If it is a plan, copy its table of actions into a new file and import that"
        case .unreadableText(let file, let role, let failure):
            let save = "save \(role == .actions ? "the spreadsheet" : "it") again as \"CSV UTF-8\""
            func hex(_ byte: UInt8) -> String { "0x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true) }
            func order(_ encoding: DelimitedText.Encoding) -> String {
                encoding == .utf16BigEndian ? "UTF-16 big-endian (byte order mark FE FF)" : "UTF-16 little-endian (byte order mark FF FE)"
            }
            switch failure {
            case .utf16WithoutByteOrderMark:
                return "\(file) looks like UTF-16 text but does not start with the byte order mark that says which byte of each pair comes first, "
                    + "so it cannot be read safely; \(save) (or as Excel's \"Unicode Text\", which has the mark)"
            case .utf16OddByteCount(let encoding):
                return "\(file) starts as \(order(encoding)) but has an odd number of bytes, so it is cut short or damaged; \(save)"
            case .utf16UnpairedSurrogate(let encoding, let offset):
                return "\(file) is \(order(encoding)) but holds half of a character (an unpaired surrogate) at byte \(offset), so it is damaged; \(save)"
            case .invalidUTF8AfterByteOrderMark(let byte, let offset):
                return "\(file) starts with the UTF-8 byte order mark but is not UTF-8 (byte \(hex(byte)) at byte \(offset)); \(save)"
            case .notText(let byte, let offset):
                return "\(file) is not a CSV or TSV file: it holds byte \(hex(byte)) at byte \(offset), which no text does; "
                    + "\(role == .actions ? "import a .docx, .xlsx, .csv or .tsv file, or " : "")\(save)"
            }
        case .mappedIDsAreSentences(let file, let column, let row, let value):
            let shown = value.count > 60 ? String(value.prefix(57)) + "…" : value
            return "\(file): the column \"\(column)\" mapped to id holds sentences, not ids (row \(row): \"\(shown)\"); "
                + "nothing was written. Map it to what it holds (\(ImportCommand.map) \"\(column)=action\") and the column of ids to id"
        case .mappedColumnAbsent(let file, let column, let headers, let width):
            let named = headers.filter { !$0.isEmpty }.prefix(12).map { "\"\($0)\"" }.joined(separator: ", ")
            let columns = width == 0 ? "no columns" : "columns 1 to \(width)\(named.isEmpty ? "" : " (headers \(named))")"
            return "\(ImportCommand.map) \"\(column)=…\" names no column of \(file), which has \(columns); "
                + "name a header as it is written or a column by its place (\(ImportCommand.map) \"column \(max(width, 1))=FIELD\"); nothing was written"
        case .sheetOfNonWorkbook(let file):
            return "\(ImportCommand.sheet) chooses a worksheet of an Excel workbook, and \(file) is not one"
        case .strictColumnsWithoutHeader(let file, let places):
            let one = places.count == 1
            return "\(file): \(ImportCommand.strict) and \(places.joined(separator: ", ")) \(one ? "holds" : "hold") values under no header; "
                + "give \(one ? "it a header" : "them headers") and \(ImportCommand.map) \(one ? "it" : "them"); nothing was written"
        case .strictColumnsNotRead(let file, let columns, let proposedLinks):
            return "\(file): \(ImportCommand.strict) and \(columns.count == 1 ? "a column is" : "columns are") not read: "
                + columns.map { "\"\($0)\" (add \(ImportCommand.map) \"\($0)=\(proposedLinks.contains($0) ? "links" : "FIELD")\")" }
                    .joined(separator: ", ") + "; nothing was written"
        case .pastLimit(let file, let failure):
            switch failure {
            case .fieldTooLong(let row, let column, let limit):
                return "\(file): row \(row), column \(column) holds more than \(grouped(limit)) characters, the most a cell may (as in Excel); nothing was read. Shorten the cell and import again"
            case .tooManyFields(let row, let limit):
                return "\(file): row \(row) has more than \(grouped(limit)) cells, the most a row may (as in Excel); nothing was read. Is it a table of actions?"
            case .tooManyRecords(let limit):
                return "\(file) has more than \(grouped(limit)) rows, the most an import reads, far beyond any plan; nothing was read. If it is a plan, copy its table of actions into a new file and import that"
            case .tooManyCells(let limit):
                return "\(file) has more than \(grouped(limit)) cells (rows by columns), the most an import reads, far beyond any plan; nothing was read. If it is a plan, copy its table of actions into a new file and import that"
            case .syntax(let error):
                return "\(file): line \(error.line): \(error.message)"
            }
        }
    }

    static func sentence(_ failure: OfficeFailure) -> String {
        switch failure {
        case .notOffice: return "not a Word document or Excel workbook"
        case .legacyFormat:
            return "an Office 97–2003 file (.doc or .xls), which is not read; open it in Word or Excel and save it as .docx or .xlsx"
        case .passwordProtected:
            return "protected by a password; open it, remove the password (File > Info > Protect) and save a copy to import"
        case .wrongKind(let expected, let found): return "\(found), not \(expected)"
        case .damaged(let reason): return "the file is damaged (\(reason)); open it in Word or Excel and save it again"
        case .tooLarge(let part, let limit):
            return "the part \(part) would unpack to more than \(limit / 1024) KB, far beyond any plan (a damaged or hostile file); nothing was read"
        case .xml(let part, let line, let message):
            return "the part \(part) is not well-formed XML (line \(line): \(message)); open it in Word or Excel and save it again"
        case .tooManyCells(let part, let rows, let columns):
            return "\(part) is far larger than any plan (\(rows) rows by \(columns) columns); nothing was read. If it is a plan, copy its table of actions into a new file and import that"
        case .tooManyElements(let part, let limit):
            return "the part \(part) holds more than \(limit) XML elements, far more than any plan (a damaged or hostile file); nothing was read"
        case .noSuchSheet(let name, let available):
            return "no worksheet named \"\(name)\" (the workbook has: \(available.map { "\"\($0)\"" }.joined(separator: ", "))); give --sheet one of them"
        }
    }

    /// A size in whole MiB (`16 MiB`), or in bytes when under one.
    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    /// A count with thousands separated (`32,767`), as people read limits.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return text
    }

    /// Seconds to one decimal place, without a trailing `.0` (`5`, `0.5`).
    static func tenths(_ seconds: Double) -> String {
        let tenths = (seconds * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }
}
