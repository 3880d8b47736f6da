import Foundation
import PlanKit

/// `improve import plan.docx --out plans/NAME.json`: a plan from the council's own Word or Excel file, or a CSV.
struct ImportCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "import",
        abstract: "Create a plan from a Word document, an Excel workbook or a CSV/TSV spreadsheet of actions.",
        usage: "import FILE.docx|FILE.xlsx|FILE.csv|FILE.tsv --out plans/NAME.json --organisation TEXT --inspection-date DATE [--map COLUMN=FIELD]… [--skip-bad]",
        discussion: """
        A Word document's tables are read when their header row names the columns below; other tables
        (a version table, a RAG key) are skipped and named. A paragraph before a table that names a theme
        (Theme 1: …, Objective 5 …, Part B) puts the table's actions under it, as does a row merged across
        the table. A merged Lead or Timescale cell applies to every row it spans; bulleted paragraphs
        under an action are its sub-points. A row per recommendation with lettered actions (A: …, B: …)
        gives actions 1A, 1B, with leads and timescales matched by letter (A/ B: … shares one) and
        unlettered ones given to every letter. A coloured RAG cell whose words name no level (or that
        has none) is read as the nearest level, its words the comment (the document's RAG key decides
        colours when it has one). An Excel workbook's first worksheet with a table of actions is read
        (--sheet NAME for another): dates as dates, merged cells as in Word, hidden rows and columns
        skipped and named. Older .doc/.xls files and password-protected ones are refused with what to do.
        Columns are recognised by the headers plans use (ID/No./Ref, Link/Linked HMIP Recommendations,
        Action, Lead/By Whom/Accountable Person, Deadline/By When/Timescale, RAG, Comment on current
        position, What success will look like/Success measures, Theme/Objective); --map overrides,
        e.g. --map "Owner=lead". Fields: \(ImportField.allCases.map(\.rawValue).joined(separator: ", ")).
        Every unreadable row is reported and nothing is written unless all rows read (or --skip-bad).
        The plan is validated before it is written; an existing file is never overwritten.
        Every column not read is named with the --map that would read it; a column of recommendation
        references (3, "3, 5", HMIP 2) is proposed as links. --strict refuses the import instead.
        A Progress column of ratings (Some progress, AMBER - …) is read as the status.
        A CSV or TSV file is bounded as Word and Excel files are (65, nothing written): over
        \(DelimitedText.maximumFileSize >> 20) MiB, a cell over \(DelimitedText.Limits().fieldLength) characters, over \(DelimitedText.Limits().records) rows or over \(DelimitedText.Limits().cells) cells.
        An id, theme or link cell holding an invisible or control character is an unreadable row.
        """,
        examples: [
            "improve import plan.docx --out plans/m2.json --organisation \"Council\" --inspection-date 2019-01",
            "improve import plan.xlsx --sheet \"Action plan\" --out plans/m2.json --organisation \"Council\" --inspection-date 2019-01",
            "improve import plan.csv --out plans/m2.json --organisation \"Council\" --inspection-date 2019-01",
            "improve import plan.csv --out plans/m2.json --organisation \"Council\" --inspection-date 2019-01 --map \"Insp. ref=links\" --strict",
            "improve import plan.csv --out plans/m2.json --organisation \"Council\" --inspection-date 2019-01 --themes themes.csv",
        ])

    static let options: [OptionSpec] = [
        OptionSpec(name: "--out", value: "FILE", help: "The plan file to create (plans/NAME.json)."),
        OptionSpec(name: "--id", value: "ID", help: "The plan's id (default: the --out file's name)."),
        OptionSpec(name: "--title", value: "TEXT", help: "The plan's title (default: Imported plan ID)."),
        OptionSpec(name: "--scheme", value: "NAME|FILE", help: "The RAG column's scale: brag (default), rag, progress, or a scheme file (FILE.json, as a plan's ragScheme); inferred from the values when not given."),
    ] + NewCommand.ownerAndInspection + [
        OptionSpec(name: "--map", value: "COLUMN=FIELD", repeatable: true, help: "Read COLUMN as FIELD (repeatable)."),
        OptionSpec(name: "--status-date", value: "DATE", help: "The date of the RAG statuses (default: today)."),
        OptionSpec(name: "--by", value: "NAME", help: "Who the statuses are recorded by."),
        OptionSpec(name: "--sheet", value: "NAME", help: "An Excel workbook's worksheet to read (default: the first that holds a table of actions)."),
        OptionSpec(name: "--skip-bad", help: "Import the rows that read and report the others."),
        OptionSpec(name: "--recommendations", value: "FILE", help: "The recommendations' ids and texts: a CSV (ID, Text), or a Word or Excel file with such a table (the plan's own document may hold one)."),
        OptionSpec(name: "--themes", value: "FILE", help: "A CSV of the themes' ids and titles (ID, Title)."),
        OptionSpec(name: "--strict", help: "Refuse the import (65) when a column is not read."),
    ]

    var common: CommonOptions
    var input: String
    var output: String
    /// Whether --title was given; without it the plan is titled "Imported plan ID", and the answer says so.
    var titleGiven: Bool
    var importer: PlanImporter
    var recommendationsFile: String?
    var themesFile: String?
    /// A RAG scheme file given to --scheme, read when the command runs.
    var schemeFile: String?
    var strict = false
    /// The worksheet --sheet names, for an Excel workbook.
    var sheet: String?
    /// Whether --status-date was given; without it statuses are dated today, and the answer says so.
    var statusDateGiven = false

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor, formats: [.text])
        let command = Self.descriptor
        guard arguments.positionals.count == 1 else {
            throw .usage(arguments.positionals.isEmpty ? "missing the file to import (FILE.docx, FILE.xlsx, FILE.csv or FILE.tsv)"
                         : "unexpected argument '\(arguments.positionals[1])'", command: command)
        }
        input = arguments.positionals[0]
        guard let output = arguments.value("--out") else { throw .usage("missing --out plans/NAME.json", command: command) }
        guard output.hasSuffix(".json"), !output.hasSuffix(".schema.json") else {
            throw .usage("--out names a plan file ending in .json", command: command)
        }
        self.output = output
        let id = try ParsedArguments.planID(arguments.value("--id") ?? URL(fileURLWithPath: output).deletingPathExtension().lastPathComponent,
                                            from: arguments.value("--id") == nil ? "the plan id from --out's file name (or give --id)" : "--id",
                                            command: command)
        let statusDate = try arguments.day("--status-date", today: context.today, command: command) ?? context.today
        titleGiven = arguments.value("--title") != nil
        statusDateGiven = arguments.value("--status-date") != nil
        importer = PlanImporter(planID: id, title: arguments.value("--title") ?? "Imported plan \(id)",
                                organisation: try arguments.required("--organisation", for: "importing", command: command),
                                inspection: try arguments.inspection(for: "importing", today: context.today, command: command),
                                statusDate: statusDate)
        importer.recordedBy = arguments.value("--by")
        importer.skipBadRows = arguments.has("--skip-bad")
        if let name = arguments.value("--scheme") {
            if let named = RAGScheme.named.first(where: { $0.name == name.lowercased() }) {
                importer.scheme = named.scheme
            } else if name.lowercased().hasSuffix(".json") {
                schemeFile = name
            } else {
                throw .usage("invalid value '\(name)' for --scheme; use \(RAGScheme.named.map(\.name).joined(separator: ", ")) or a scheme file (FILE.json)", command: command)
            }
        }
        recommendationsFile = arguments.value("--recommendations")
        themesFile = arguments.value("--themes")
        strict = arguments.has("--strict")
        sheet = arguments.value("--sheet")  // a blank value is refused with every option's
        for text in arguments.all("--map") {
            do {
                let (column, field) = try PlanImporter.mapping(text)
                importer.mapping[column] = field
            } catch {
                throw .usage(ErrorReporter.sentence(error), command: command)
            }
        }
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        let bytes = try Self.readImport(input, in: context.workingFolder)
        let source = try PlanImporter.source(of: bytes, file: input)
        if sheet != nil, source != .excel {
            throw CLIError.usage("--sheet chooses a worksheet of an Excel workbook, and \(input) is not one", command: Self.descriptor)
        }
        var importer = self.importer
        if let schemeFile {
            importer.scheme = try PlanLoader.scheme(bytes: try Self.read(schemeFile, in: context.workingFolder), file: schemeFile)
        }
        let result: PlanImporter.Result
        if source == .delimitedText {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw CLIError.data("\(input) is not UTF-8; save the spreadsheet as \"CSV UTF-8\"")
            }
            let separator: Character? = input.lowercased().hasSuffix(".tsv") ? "\t" : nil
            result = try importer.importPlan(text, file: input, separator: separator)
        } else {
            result = try importer.importDocument(bytes, file: input, source: source, sheet: sheet)
        }
        var plan = result.plan
        var withoutText = result.recommendationsWithoutText
        if let recommendationsFile {
            let recBytes = try Self.readImport(recommendationsFile, in: context.workingFolder)
            let recSource = try PlanImporter.source(of: recBytes, file: recommendationsFile)
            let given: [Recommendation]
            if recSource == .delimitedText {
                guard let recText = String(validating: recBytes, as: UTF8.self) else {
                    throw CLIError.data("\(recommendationsFile) is not UTF-8; save it as \"CSV UTF-8\"")
                }
                given = try PlanImporter.recommendations(recText, file: recommendationsFile)
            } else {
                given = try PlanImporter.recommendations(document: recBytes, file: recommendationsFile, source: recSource)
            }
            var merged = given
            for stub in plan.recommendations where !given.contains(where: { $0.id == stub.id }) { merged.append(stub) }
            plan.recommendations = merged
            withoutText.removeAll { id in given.contains { $0.id == id } }
        }
        if let themesFile {
            guard let themesText = String(validating: try Self.readImport(themesFile, in: context.workingFolder), as: UTF8.self) else {
                throw CLIError.data("\(themesFile) is not UTF-8; save it as \"CSV UTF-8\"")
            }
            let given = try PlanImporter.themes(themesText, file: themesFile)
            // The file's titles for the themes the sheet uses, in the sheet's order, then the file's other themes.
            plan.themes = plan.themes.map { theme in given.first { $0.id == theme.id } ?? theme }
                + given.filter { theme in !plan.themes.contains { $0.id == theme.id } }
        }
        if strict, !result.unnamedColumnPlaces.isEmpty {
            let places = result.unnamedColumnPlaces, one = places.count == 1
            throw CLIError.data("\(input): --strict and \(places.joined(separator: ", ")) \(one ? "holds" : "hold") values under no header; "
                + "give \(one ? "it a header" : "them headers") and --map \(one ? "it" : "them"); nothing was written")
        }
        if strict, !result.unusedColumns.isEmpty {
            throw CLIError.data("\(input): --strict and \(result.unusedColumns.count == 1 ? "a column is" : "columns are") not read: "
                + result.unusedColumns.map { "\"\($0)\" (add --map \"\($0)=\(result.proposedLinks.contains($0) ? "links" : "FIELD")\")" }
                    .joined(separator: ", ") + "; nothing was written")
        }
        if FileManager.default.fileExists(atPath: URL(fileURLWithPath: context.path(output)).deletingLastPathComponent()
            .appendingPathComponent("plan.schema.json").path) {
            plan.schemaLocation = "./plan.schema.json"
        }
        try ChangeOptions.store(context).create(plan, at: output)
        for problem in result.skipped { context.stderr.write("improve: skipped \(input) \(problem)\n") }
        context.stdout.write("created \(output) (\(plan.id)): \(plan.actions.count) \(plan.actions.count == 1 ? "action" : "actions") in \(plan.themes.count) \(plan.themes.count == 1 ? "theme" : "themes")")
        if !result.skipped.isEmpty { context.stdout.write(", \(result.skipped.count) \(result.skipped.count == 1 ? "row" : "rows") skipped") }
        context.stdout.write("\n")
        if let first = result.tablesRead.first {
            let count = result.tablesRead.count
            context.stdout.write("note: read \(count == 1 ? "" : "\(count) tables: ")\(first.name) (\(first.actions) \(first.actions == 1 ? "action" : "actions"))"
                + result.tablesRead.dropFirst().map { ", \($0.name) (\($0.actions))" }.joined() + "\n")
        }
        for table in result.tablesSkipped {
            let start = table.firstRow.filter { !$0.isEmpty }.prefix(4).joined(separator: ", ")
            context.stdout.write("note: skipped \(table.name) (\(start.isEmpty ? "empty" : start)): no ID and Action columns\n")
        }
        if let name = result.sheet, result.sheets.count > 1 {
            context.stdout.write("note: read the worksheet \"\(name)\" of \(result.sheets.map { "\"\($0)\"" }.joined(separator: ", ")); give --sheet for another\n")
        }
        if !result.formulasWithoutValues.isEmpty {
            let cells = result.formulasWithoutValues
            context.stdout.write("note: \(cells.count == 1 ? "cell" : "cells") \(cells.prefix(10).joined(separator: ", "))\(cells.count > 10 ? " and \(cells.count - 10) more" : "") "
                + "\(cells.count == 1 ? "holds a formula whose result was" : "hold formulas whose results were") never saved and "
                + "\(cells.count == 1 ? "was" : "were") read as empty; open the workbook in Excel, save it, and import it again\n")
        }
        if !result.hiddenRows.isEmpty {
            context.stdout.write("note: skipped hidden \(result.hiddenRows.count == 1 ? "row" : "rows") \(result.hiddenRows.map(String.init).joined(separator: ", ")); unhide \(result.hiddenRows.count == 1 ? "it" : "them") to import \(result.hiddenRows.count == 1 ? "it" : "them")\n")
        }
        if !result.hiddenColumns.isEmpty {
            context.stdout.write("note: skipped hidden \(result.hiddenColumns.count == 1 ? "column" : "columns") \(result.hiddenColumns.joined(separator: ", ")); unhide \(result.hiddenColumns.count == 1 ? "it" : "them") to import \(result.hiddenColumns.count == 1 ? "it" : "them")\n")
        }
        if result.letteredRows > 0 {
            context.stdout.write("note: \(result.letteredActions) lettered actions read from \(result.letteredRows) \(result.letteredRows == 1 ? "row" : "rows") of a recommendation each (ids such as 1A)\n")
        }
        if result.statusesFromColour > 0 {
            context.stdout.write("note: \(result.statusesFromColour) \(result.statusesFromColour == 1 ? "status was" : "statuses were") read from a cell's colour alone; check them with improve list\n")
        }
        if result.schemeInferred, result.scheme != .default {
            let name = RAGScheme.named.first { $0.scheme == result.scheme }?.name ?? "its own"
            context.stdout.write("note: statuses read in the \(name) scale (\(result.scheme.levels.map(\.label).joined(separator: ", "))); give --scheme to choose\n")
        }
        for place in result.unnamedColumnPlaces {
            context.stdout.write("note: \(place) holds values under no header and was not read; give it a header and --map it to read it\n")
        }
        for column in result.unusedColumns where result.proposedLinks.contains(column) {
            context.stdout.write("note: column \"\(column)\" looks like the recommendations each action answers; to link them, add --map \"\(column)=links\"\n")
        }
        for column in result.unusedColumns where !result.proposedLinks.contains(column) {
            context.stdout.write("note: column \"\(column)\" was not read; to read it, add --map \"\(column)=FIELD\" (FIELD one of \(ImportField.allCases.map(\.rawValue).joined(separator: ", ")))\n")
        }
        if !statusDateGiven, plan.actions.contains(where: { !$0.history.isEmpty }) {
            context.stdout.write("note: the statuses read are dated \(importer.statusDate), today; give --status-date for the day they were rated\n")
        }
        if !titleGiven {
            context.stdout.write("note: the plan is titled \"\(plan.title)\"; give --title to name it\n")
        }
        if !withoutText.isEmpty {
            context.stdout.write("note: add the text of \(withoutText.joined(separator: ", ")), which the \(source == .delimitedText ? "spreadsheet" : "document") links to but does not give (or import it with --recommendations FILE, a table of ID and Text)\n")
        }
        return .success
    }

    /// A file to import, read as ``read(_:)`` reads it; but one larger than a CSV or TSV file may be
    /// (``DelimitedText/maximumFileSize``) is read only when it starts as a Word document or workbook
    /// does (a ZIP package, whose parts are bounded as they are unpacked, or an older Office file,
    /// refused with what to do). Any other is refused from its size, before it is read.
    static func readImport(_ path: String, in folder: WorkingFolder) throws -> [UInt8] {
        let limit = DelimitedText.maximumFileSize
        if let attributes = try? FileManager.default.attributesOfItem(atPath: folder.resolve(path)),
           attributes[.type] as? FileAttributeType == .typeRegular,
           let size = (attributes[.size] as? NSNumber)?.intValue, size > limit {
            let handle = FileHandle(forReadingAtPath: folder.resolve(path))
            let start = [UInt8]((try? handle?.read(upToCount: 8)) ?? Data())
            try? handle?.close()
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

