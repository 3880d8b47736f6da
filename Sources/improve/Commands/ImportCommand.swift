import FoundationEssentials
import Glibc
import PlanKit
import PlanInterchange

/// `improve import plan.docx --out plans/NAME.json`: a plan from the council's own Word or Excel file, or a CSV.
struct ImportCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "import",
        abstract: "Create a plan from a Word document, an Excel workbook or a CSV/TSV spreadsheet of actions.",
        usage: "import FILE.docx|FILE.xlsx|FILE.csv|FILE.tsv --out plans/NAME.json --organisation TEXT --inspection-date DATE [--map COLUMN=FIELD]… [--skip-bad] [--dry-run]",
        discussion: """
        A table is found by its header row (in its first 30 rows, under any title rows: a title row names the
        plan when --title does not), which must name the actions or hold them in a column of sentences.
        Columns are recognised by the headers plans use (ID/No./Ref, Recommendation/Finding/Area for improvement,
        Action/What we will do, Lead/Lead Officer / Agency/Responsible/Owner, Deadline/Target date/Planned
        Completion Date/Timescale, RAG/Status/Progress, Comment/Update/Progress update, Evidence, Success measures,
        Theme/Objective); a column under an unknown or blank header is read by what it holds (dates, ratings or
        coloured cells, short codes, recommendation references, sentences, names), each such decision a note.
        --map overrides by header or by place: --map "Owner=lead", --map "column 5=deadline", --map "Notes=skip".
        Fields: \(ImportField.allCases.map(\.rawValue).joined(separator: ", ")).
        Actions without an id of their own are given one: rows sharing an id cell (merged down, blank, repeated)
        2.12A, 2.12B; rows without an id column from their recommendation's number (3A, 3B, or 3); else 1, 2, 3.
        A recommendation column of the inspectorate's words becomes the plan's recommendations, each action
        linked. Section rows (merged across the table, or only their first cell filled) are themes, or the
        recommendation the rows below answer. An action cell of bullets only is an action per bullet; lettered
        actions in one cell (A: a) (a) (1a) 1a. a. i)) are an action each, with leads and deadlines matched by
        letter. A status or comment cell that begins with completion words ("Action completed.", "Achieved –")
        is complete; deadlines in words ("Ongoing", "When funding is agreed") are kept as written, with a note.
        A paragraph before a Word table that names a theme (Theme 1: …, Objective 5 …, Part B) puts the table's
        actions under it. A merged Lead or Timescale cell applies to every row it spans. A coloured RAG cell
        whose words name no level is read as the nearest level (the document's RAG key decides colours). An
        Excel workbook's first worksheet with a table of actions is read (--sheet NAME for another): dates as
        dates, merged cells as in Word, hidden rows and columns skipped and named. Older .doc/.xls files and
        password-protected ones are refused with what to do. Other tables (a version table, a RAG key) are
        skipped and named.
        --dry-run shows each table's header row, how each column was read and why, its first actions, and the
        command line to run; nothing is written.
        Every unreadable row is reported and nothing is written unless all rows read (or --skip-bad).
        The plan is validated before it is written; an existing file is never overwritten.
        Every column not read is named with the --map that would read it; a column of recommendation
        references (3, "3, 5", HMIP 2) is proposed as links. --strict refuses the import instead.
        A Progress column of ratings (Some progress, AMBER - …) is read as the status.
        A CSV or TSV file is read as UTF-8, as UTF-16 by its byte order mark (Excel's Unicode Text) or, when
        it is not UTF-8, as Windows-1252 (Excel's CSV (Comma delimited)), with a note; a file with NUL bytes
        and no byte order mark is refused (65). Its columns are separated by tabs in a .tsv file, otherwise
        by commas, tabs or semicolons as its header shows (a note names tabs and semicolons).
        A CSV or TSV file is bounded as Word and Excel files are (65, nothing written): over
        \(DelimitedText.maximumFileSize >> 20) MiB, a cell over \(DelimitedText.Limits().fieldLength) characters, over \(DelimitedText.Limits().records) rows or over \(DelimitedText.Limits().cells) cells.
        An id, theme or link cell holding an invisible or control character is an unreadable row.
        """,
        examples: [
            "improve import plan.docx --out plans/m2.json --organisation \"Council\" --inspection-date 2019-01",
            "improve import plan.xlsx --sheet \"Action plan\" --out plans/m2.json --organisation \"Council\" --inspection-date 2019-01",
            "improve import plan.csv --out plans/m2.json --organisation \"Council\" --inspection-date 2019-01",
            "improve import plan.csv --out plans/m2.json --organisation \"Council\" --inspection-date 2019-01 --dry-run",
            "improve import plan.csv --out plans/m2.json --organisation \"Council\" --inspection-date 2019-01 --map \"column 5=deadline\"",
            "improve import plan.csv --out plans/m2.json --organisation \"Council\" --inspection-date 2019-01 --map \"Insp. ref=links\" --strict",
            "improve import plan.csv --out plans/m2.json --organisation \"Council\" --inspection-date 2019-01 --themes themes.csv",
        ])

    static let out = Option<String>("--out", value: "FILE", completion: .files, help: "The plan file to create (plans/NAME.json).")
    static let id = Option<String>("--id", value: "ID", help: "The plan's id (default: the --out file's name).")
    static let title = Option<String>("--title", value: "TEXT", help: "The plan's title (default: the title row above the table, else Imported plan ID).")
    /// Read as text: a scheme's name, or a scheme file read when the command runs.
    static let scheme = Option<String>("--scheme", value: "NAME|FILE", completion: .files, help: "The RAG column's scale: brag (default), rag, progress, or a scheme file (FILE.json, as a plan's ragScheme); inferred from the values when not given.")
    static let map = Option<String>("--map", value: "COLUMN=FIELD", repeatable: true, help: "Read COLUMN (a header, or `column N` by place) as FIELD, or `skip` it (repeatable).")
    static let statusDate = DateOption.day("--status-date", help: "The date of the RAG statuses (default: today).")
    static let by = Option<String>("--by", value: "NAME", help: "Who the statuses are recorded by.")
    static let sheet = Option<String>("--sheet", value: "NAME", help: "An Excel workbook's worksheet to read (default: the first that holds a table of actions).")
    static let skipBad = Flag("--skip-bad", help: "Import the rows that read and report the others.")
    static let recommendations = Option<String>("--recommendations", value: "FILE", completion: .files, help: "The recommendations' ids and texts: a CSV (ID, Text), or a Word or Excel file with such a table (the plan's own document may hold one).")
    static let themes = Option<String>("--themes", value: "FILE", completion: .files, help: "A CSV of the themes' ids and titles (ID, Title).")
    static let strict = Flag("--strict", help: "Refuse the import (65) when a column is not read.")
    static let dryRun = Flag("--dry-run", help: "Show how each table's columns would be read and the first actions, and write nothing.")
    static let options = declared(out, id, title, scheme) + NewCommand.ownerAndInspection
        + declared(map, statusDate, by, sheet, skipBad, recommendations, themes, strict, dryRun)

    var common: CommonOptions
    var output: String
    /// The import, as the library runs it.
    var request: ImportRequest
    var input: String { request.input }
    var dryRun: Bool
    /// The command line as given (without --dry-run), to repeat in the line suggested to run next.
    var commandLine: [String]

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor, formats: [.text])
        let command = Self.descriptor
        guard arguments.positionals.count == 1 else {
            throw .usage(arguments.positionals.isEmpty ? "missing the file to import (FILE.docx, FILE.xlsx, FILE.csv or FILE.tsv)"
                         : "unexpected argument '\(arguments.positionals[1])'", command: command)
        }
        let input = arguments.positionals[0]
        guard let output = try arguments[Self.out] else { throw .usage("missing \(Self.out) plans/NAME.json", command: command) }
        guard output.hasSuffix(".json"), !output.hasSuffix(".schema.json") else {
            throw .usage("\(Self.out) names a plan file ending in .json", command: command)
        }
        guard PlanLoader.isPlanFileName(PathText.lastComponent(of: output)) else {
            throw .usage("\(Self.out) " + NewCommand.hiddenName(output), command: command)
        }
        self.output = output
        let givenID = try arguments[Self.id]
        let id = try ParsedArguments.planID(givenID ?? URL(fileURLWithPath: output).deletingPathExtension().lastPathComponent,
                                            from: givenID == nil ? "the plan id from \(Self.out)'s file name (or give \(Self.id))" : Self.id.name,
                                            command: command)
        let statusDate = try arguments[Self.statusDate, today: context.today] ?? context.today
        let title = try arguments[Self.title]
        var importer = PlanImporter(planID: id, title: title ?? "Imported plan \(id)",
                                    organisation: try arguments.required(NewCommand.organisation, for: "importing"),
                                    inspection: try arguments.inspection(for: "importing", today: context.today, command: command),
                                    statusDate: statusDate)
        importer.recordedBy = try arguments[Self.by]
        importer.skipBadRows = arguments[Self.skipBad]
        var schemeFile: String?
        if let name = try arguments[Self.scheme] {
            if let named = RAGScheme.named.first(where: { $0.name == name.lowercased() }) {
                importer.scheme = named.scheme
            } else if name.lowercased().hasSuffix(".json") {
                schemeFile = name  // read when the command runs
            } else {
                throw .usage("invalid value '\(name)' for \(Self.scheme); use \(RAGScheme.named.map(\.name).joined(separator: ", ")) or a scheme file (FILE.json)", command: command)
            }
        }
        for text in try arguments.all(Self.map) {
            do {
                let (column, field) = try PlanImporter.mapping(text)
                importer.mapping[column] = field
            } catch {
                throw .usage(ErrorReporter.sentence(error), command: command)
            }
        }
        request = ImportRequest(input: input, importer: importer)
        request.schemeFile = schemeFile
        request.recommendationsFile = try arguments[Self.recommendations]
        request.themesFile = try arguments[Self.themes]
        request.strict = arguments[Self.strict]
        request.sheet = try arguments[Self.sheet]  // a blank value is refused with every option's
        request.titleGiven = title != nil
        request.statusDateGiven = arguments.given(Self.statusDate)
        dryRun = arguments[Self.dryRun]
        commandLine = ["improve", "import"] + arguments.tokens.filter { $0 != Self.dryRun.name }
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        // Refused before the input is read: a large workbook takes a while, and the answer would be the same.
        let store = try ChangeOptions.store(context)
        if !dryRun { try store.checkCreatable(output) }
        let outcome: ImportOutcome
        do {
            let folder = context.workingFolder
            var request = request
            // A dry run reads every row it can, and says which it could not.
            if dryRun { request.importer.skipBadRows = true }
            outcome = try PlanImporter.run(request, read: { try Self.readImport($0, in: folder) })
        } catch ImportError.sheetOfNonWorkbook(let file) {
            throw CLIError.usage(ErrorReporter.sentence(ImportError.sheetOfNonWorkbook(file: file)), command: Self.descriptor)
        } catch let error as ImportError {
            throw nextStep(after: error)
        }
        if dryRun { return try preview(outcome, store: store, context: &context) }
        var plan = outcome.plan
        if FileManager.default.fileExists(atPath: URL(fileURLWithPath: context.path(output)).deletingLastPathComponent()
            .appendingPathComponent("plan.schema.json").path) {
            plan.schemaLocation = "./plan.schema.json"
        }
        try store.create(plan, at: output)
        for problem in outcome.skipped { context.stderr.write("improve: skipped \(input) \(problem)\n") }
        context.stdout.write("created \(output) (\(plan.id)): \(plan.actions.count) \(plan.actions.count == 1 ? "action" : "actions") in \(plan.themes.count) \(plan.themes.count == 1 ? "theme" : "themes")")
        if !outcome.skipped.isEmpty { context.stdout.write(", \(outcome.skipped.count) \(outcome.skipped.count == 1 ? "row" : "rows") skipped") }
        context.stdout.write("\n")
        for note in outcome.notes { context.stdout.write("note: \(Self.sentence(note))\n") }
        return .success
    }

    /// What an import note says to the person who ran it.
    static func sentence(_ note: ImportNote) -> String {
        /// `one` or `many` by the count.
        func words(_ count: Int, _ one: String, _ many: String) -> String { count == 1 ? one : many }
        switch note {
        case .textEncoding(let file, .windows1252):
            return "\(file) is not UTF-8 and was read as Windows-1252 (Excel's \"CSV (Comma delimited)\"); save it as \"CSV UTF-8\" to be sure"
        case .textEncoding(let file, .utf16LittleEndian):
            return "\(file) was read as UTF-16 little-endian (Excel's \"Unicode Text\"), as its byte order mark says"
        case .textEncoding(let file, .utf16BigEndian):
            return "\(file) was read as UTF-16 big-endian, as its byte order mark says"
        case .textEncoding(let file, .utf8):
            return "\(file) was read as UTF-8"
        case .separator(let file, let separator):
            let name = separator == ";" ? "semicolons" : separator == "\t" ? "tabs" : "\"\(separator)\""
            return "\(file) was read with \(name) between its columns, as its header has them"
        case .tablesRead(let tables):
            let first = tables[0]
            return "read \(tables.count == 1 ? "" : "\(tables.count) tables: ")\(first.name) (\(first.actions) \(words(first.actions, "action", "actions")))"
                + tables.dropFirst().map { ", \($0.name) (\($0.actions))" }.joined()
        case .tableSkipped(let name, let start):
            return "skipped \(name) (\(start.isEmpty ? "empty" : start.joined(separator: ", "))): no header naming an Action column"
        case .sheetRead(let name, let sheets):
            return "read the worksheet \"\(name)\" of \(sheets.map { "\"\($0)\"" }.joined(separator: ", ")); give \(Self.sheet) for another"
        case .formulasWithoutValues(let cells):
            let count = cells.count
            return "\(words(count, "cell", "cells")) \(cells.prefix(10).joined(separator: ", "))\(count > 10 ? " and \(count - 10) more" : "") "
                + "\(words(count, "holds a formula whose result was", "hold formulas whose results were")) never saved and "
                + "\(words(count, "was", "were")) read as empty; open the workbook in Excel, save it, and import it again"
        case .hiddenRowsSkipped(let rows):
            let them = words(rows.count, "it", "them")
            return "skipped hidden \(words(rows.count, "row", "rows")) \(rows.map(String.init).joined(separator: ", ")); unhide \(them) to import \(them)"
        case .hiddenColumnsSkipped(let columns):
            let them = words(columns.count, "it", "them")
            return "skipped hidden \(words(columns.count, "column", "columns")) \(columns.joined(separator: ", ")); unhide \(them) to import \(them)"
        case .letteredActions(let actions, let rows):
            return "\(actions) lettered actions read from \(rows) \(words(rows, "row", "rows")) of a recommendation each (ids such as 1A)"
        case .statusWordsKept(let count, let values, let scheme):
            let shown = values.prefix(6).map { "\"\($0.count > 30 ? String($0.prefix(29)) + "…" : $0)\"" }.joined(separator: ", ")
            return "\(count) \(words(count, "status names", "statuses name")) no level of the scale (\(scheme.joined(separator: ", "))): \(shown)\(values.count > 6 ? " …" : ""); "
                + "kept as the start of the comment, with no status. To read them as levels, give \(Self.scheme) FILE.json "
                + "with them as labels (docs/import.md), or write them as \(scheme.joined(separator: ", ")) and import again"
        case .statusesFromColour(let count):
            return "\(count) \(words(count, "status was", "statuses were")) read from a cell's colour alone; check them with improve list"
        case .deadlinesInWords(let ids):
            let count = ids.count
            return "\(count) \(words(count, "action has", "actions have")) a deadline in words and no date "
                + "(\(ids.prefix(10).joined(separator: ", "))\(count > 10 ? " and \(count - 10) more" : "")), kept as written; "
                + "\(words(count, "it is", "they are")) never overdue until given a date (improve update ID --due DATE --reason TEXT)"
        case .schemeInferred(let name, let labels):
            return "statuses read in the \(name ?? "its own") scale (\(labels.joined(separator: ", "))); give \(Self.scheme) to choose"
        case .columnWithoutHeader(let place):
            let column = place.split(separator: " ").suffix(2).joined(separator: " ")
            return "\(place) holds values under no header and was not read; to read it, add \(Self.map) \"\(column)=FIELD\" (\(Self.map) \"\(column)=skip\" passes over it)"
        case .columnLooksLikeLinks(let header):
            return "column \"\(header)\" looks like the recommendations each action answers; to link them, add \(Self.map) \"\(header)=links\""
        case .columnNotRead(let header):
            return "column \"\(header)\" was not read; to read it, add \(Self.map) \"\(header)=FIELD\" (FIELD one of \(ImportField.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .columnReadByContent(let place, let header, let field, let reason):
            let column = header.isEmpty ? place : "column \"\(header)\""
            let key = header.isEmpty ? place.split(separator: " ").suffix(2).joined(separator: " ") : header
            return "\(column) was read as \(field): \(reason); to read it otherwise, add \(Self.map) \"\(key)=FIELD\" (or \"\(key)=skip\")"
        case .idsMade(let made):
            var how: [String] = []
            if made.shared > 0 { how.append("\(made.shared) \(words(made.shared, "shares", "share")) an id cell with the rows around \(words(made.shared, "it", "them"))") }
            if made.fromRecommendation > 0 { how.append("\(made.fromRecommendation) \(words(made.fromRecommendation, "has", "have")) no id column and \(words(made.fromRecommendation, "takes its", "take their")) recommendation's number") }
            if made.inOrder > 0 { how.append("\(made.inOrder) \(words(made.inOrder, "is", "are")) numbered in order") }
            return "\(made.total) \(words(made.total, "action has", "actions have")) no id of \(words(made.total, "its", "their")) own and \(words(made.total, "was", "were")) given one"
                + (made.examples.isEmpty ? "" : " (\(made.examples.joined(separator: ", "))\(made.total > made.examples.count ? " …" : ""))") + ": \(how.joined(separator: "; ")); "
                + "add an ID column to choose them"
        case .recommendationsFromWords(let count):
            return "\(count) \(words(count, "recommendation was", "recommendations were")) read from the words of the recommendation column, each action linked to its own"
        case .statusesDatedByDefault(let day):
            return "the statuses read are dated \(day), today; give \(Self.statusDate) for the day they were rated"
        case .titleByDefault(let title):
            return "the plan is titled \"\(title)\"; give \(Self.title) to name it"
        case .titleFromTitleRow(let title):
            return "the plan is titled \"\(title)\", from the title row above the table; give \(Self.title) to name it otherwise"
        case .recommendationsWithoutText(let ids, let source):
            return "add the text of \(ids.joined(separator: ", ")), which the \(source == .delimitedText ? "spreadsheet" : "document") links to but does not give "
                + "(or import it with \(Self.recommendations) FILE, a table of ID and Text)"
        }
    }

    /// A file to import, read as ``read(_:)`` reads it; but one larger than a CSV or TSV file may be
    /// (``DelimitedText/maximumFileSize``) is read only when it starts as a Word document or workbook
    /// does (a ZIP package, whose parts are bounded as they are unpacked, or an older Office file,
    /// refused with what to do). Any other is refused from its size, before it is read.
    static func readImport(_ path: String, in folder: WorkingFolder) throws -> [UInt8] {
        let limit = DelimitedText.maximumFileSize
        // lstat, as FileManager's attributes were read: a symbolic link is not a regular file here.
        var info = stat()
        if lstat(folder.resolve(path), &info) == 0, info.st_mode & S_IFMT == S_IFREG, case let size = Int(info.st_size), size > limit {
            var start = [UInt8](repeating: 0, count: 8)
            let descriptor = open(folder.resolve(path), O_RDONLY | O_CLOEXEC)
            let count = descriptor < 0 ? 0 : start.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, 8) }
            if descriptor >= 0 { close(descriptor) }
            start = Array(start.prefix(max(0, count)))
            let package: [[UInt8]] = [[0x50, 0x4B, 0x03, 0x04], [0xD0, 0xCF, 0x11, 0xE0]]
            if !package.contains(where: start.starts(with:)) {
                throw ImportError.fileTooLarge(file: path, bytes: size, limit: limit)
            }
        }
        return try read(path, in: folder)
    }

    /// An input file's bytes, read as plan files are: only a regular file (a folder, FIFO or
    /// device is named as such, 66, and never opened for blocking reads), within the size limit.
    /// (A relative `path` is read from `folder`, and named as typed.)
    static func read(_ path: String, in folder: WorkingFolder) throws -> [UInt8] {
        do {
            return try PlanLoader.read(file: path, relativeTo: folder)
        } catch .fileNotFound {
            throw CLIError.missingInput(path)
        } catch .notAFile(_, let kind) {
            throw CLIError.inputNotAFile(path, kind: kind)
        }
    }
}

