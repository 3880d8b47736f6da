import Foundation
import Testing
@testable import PlanKit
@testable import PlanReports
import TestSupport

/// A line's width on the terminal: its escape codes take none.
private func displayWidth(_ line: String) -> Int {
    TextTable.characterCount(line.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression))
}

/// For each cell text (between runs of two spaces), how many lines hold it as a cell of their own:
/// counted once per output, so that asking for every id of a long list stays linear.
private func rowsHolding(in text: String) -> [String: Int] {
    var rows: [String: Int] = [:]
    for line in text.split(separator: "\n") {
        for cell in Set(line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }) {
            rows[cell, default: 0] += 1
        }
    }
    return rows
}

@Suite("One line per action on a terminal")
struct OneLineTests {
    static let commands: [[String]] = [
        ["list", "--as-of", "2019-04-10"],
        ["list", "--as-of", "2019-04-10", "--lead", "yot manager", "--plan", "plans/blackpool-2019.json"],
        ["overdue", "--as-of", "2019-04-10", "--lead", "yot manager"],
        ["overdue", "--as-of", "2015-04-23", "--plan", "plans/portsmouth-2014.json", "--group", "theme", "--within", "14d"],
        ["summary", "--as-of", "2015-04-23", "--plan", "plans/portsmouth-2014.json"],
        ["summary", "--as-of", "2019-02-01", "--plan", "plans/blackpool-2019.json"],
        ["report", "--as-of", "2015-04-23", "--plan", "plans/portsmouth-2014.json"],
        ["report", "--as-of", "2019-03-01", "--plan", "plans/blackpool-2019.json"],
        ["log", "--as-of", "2015-04-30", "--since", "60d"],
    ]

    /// The ids of the actions a command lists, from its JSON.
    func ids(_ arguments: [String], _ sandbox: Sandbox) throws -> [String] {
        let json = try sandbox.run(arguments + ["--format", "json"]).stdout
        let pattern = try NSRegularExpression(pattern: "\"id\": ?\"([^\"]+)\"")
        let matches = pattern.matches(in: json, range: NSRange(json.startIndex..., in: json))
        return Array(Set(matches.map { String(json[Range($0.range(at: 1), in: json)!]) }))
    }

    @Test(arguments: commands, [60, 80, 120])
    func everyActionIsOneLineWithinTheWidth(arguments: [String], width: Int) throws {
        let sandbox = try sandboxWithExamples()
        let environment = sandbox.environment(["COLUMNS": String(width), "IMPROVE_PAGER": ""])
        let screen = InProcess.run(arguments, in: sandbox.folder, environment: environment, terminal: true)
        #expect(screen.stderr == "")
        let long = screen.stdout.split(separator: "\n").filter { displayWidth(String($0)) > width }
        #expect(long.isEmpty, "\(arguments) at \(width): \(long)")
        // Piped with no width, today's table has one line per row: the terminal has as many, each one line.
        // (A summary or board pack names an action in several sections, and gives a long list as its ids.)
        guard ["list", "overdue", "log"].contains(arguments[0]) else { return }
        let piped = rowsHolding(in: try sandbox.run(arguments).stdout), shown = rowsHolding(in: screen.stdout)
        let compared = try ids(arguments, sandbox).filter { piped[$0, default: 0] > 0 }
        #expect(!compared.isEmpty, "\(arguments): no action of the JSON is in the table")
        for id in compared {
            #expect(shown[id, default: 0] == piped[id, default: 0], "\(arguments) at \(width): \(id)")
        }
    }

    @Test("overdue keeps a day's deadline whole, and grouped by lead leaves out the lead it is headed by", arguments: [60, 80])
    func overdueDeadlinesWholeAndNoRepeatedLead(width: Int) throws {
        let sandbox = try sandboxWithExamples()
        let environment = sandbox.environment(["COLUMNS": String(width), "IMPROVE_PAGER": ""])
        let screen = InProcess.run(["overdue", "--as-of", "2019-04-10", "--lead", "yot manager", "--color", "never"],
                                   in: sandbox.folder, environment: environment, terminal: true).stdout
        #expect(screen.contains("31 Jan 2019"), "\(screen)")
        #expect(!screen.contains("31 Jan…"))
        #expect(screen.contains("  PLAN  ID     STATUS  DUE          WHAT\n"), "\(screen)")
        #expect(!screen.contains("YOT…"))
        let byTheme = InProcess.run(["overdue", "--as-of", "2019-04-10", "--group", "theme", "--color", "never"],
                                    in: sandbox.folder, environment: environment, terminal: true).stdout
        #expect(byTheme.contains("LEAD"), "\(byTheme)")
    }

    @Test("list --overdue says why an action due later is listed: its late milestones")
    func lateMilestonesAreMarked() throws {
        let sandbox = try sandboxWithExamples()
        let screen = InProcess.run(["list", "--overdue", "--as-of", "2019-07-15", "--plan", "plans/blackpool-2019.json", "--color", "never"],
                                   in: sandbox.folder, environment: sandbox.environment(["COLUMNS": "80", "IMPROVE_PAGER": ""]),
                                   terminal: true).stdout
        let lm7 = screen.split(separator: "\n").first { $0.hasPrefix("LM 7 ") }
        #expect(lm7?.contains("Dec 2019 (5 late)") == true, "\(screen)")
    }

    @Test("log on a terminal gives what changed whole, the comment after it, and no plan column for one plan's entries")
    func logLinesKeepWhatChanged() throws {
        let sandbox = try sandboxWithExamples()
        let environment = sandbox.environment(["COLUMNS": "80", "IMPROVE_PAGER": ""])
        _ = try sandbox.run(["update", "lm8", "--due", "31/07/2019", "--reason", "HR sign-off", "--date", "2019-07-15"], environment: environment)
        _ = try sandbox.run(["update", "lm8", "--status", "amber", "--comment", "Skills audit done", "--date", "2019-07-15"],
                            environment: environment)
        let screen = InProcess.run(["log", "--as-of", "2019-07-31", "--since", "30d", "--color", "never"], in: sandbox.folder,
                                   environment: environment, terminal: true).stdout
        #expect(screen.contains("2019-07-15  LM 8  "), "\(screen)")
        #expect(screen.contains("deadline Apr 2019 → 31 Jul 2019 (HR sign-off)"), "\(screen)")
        #expect(screen.contains("none → AMBER: Skills audit done"), "\(screen)")
        #expect(!screen.contains("PLAN") && !screen.contains("Plans:"), "\(screen)")
    }

    @Test("On a very narrow terminal columns go whole, the id stays, and a deadline is kept before the text",
          arguments: [14, 20, 30, 40])
    func narrowTerminalsKeepTheId(width: Int) throws {
        let sandbox = try sandboxWithExamples()
        let screen = InProcess.run(["list", "--plan", "plans/blackpool-2019.json", "--theme", "2", "--color", "never"], in: sandbox.folder,
                                   environment: sandbox.environment(["COLUMNS": String(width), "IMPROVE_PAGER": ""]), terminal: true).stdout
        let lines = screen.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= width }, "\(screen)")
        for id in ["2.1", "2.2", "2.8"] {
            #expect(lines.contains { $0.hasPrefix(id + " ") }, "\(id) at \(width): \(screen)")
        }
        if width >= 40 {
            #expect(screen.contains("31 Mar 2019"), "\(screen)")
            #expect(!screen.contains(" Leg… "), "a lead cut to nothing goes instead: \(screen)")
        }
    }

    @Test("With several plans on a very narrow terminal the id outlasts the plan's tag", arguments: [6, 8, 9, 12])
    func theIdOutlastsThePlanTag(width: Int) throws {
        let sandbox = try sandboxWithExamples()
        let environment = sandbox.environment(["COLUMNS": String(width), "IMPROVE_PAGER": ""])
        for command in [["list", "--as-of", "2019-12-31"], ["overdue", "--as-of", "2019-12-31", "--group", "theme"]] {
            let lines = InProcess.run(command + ["--color", "never"], in: sandbox.folder, environment: environment, terminal: true)
                .stdout.split(separator: "\n").map(String.init)
            // Headings, the count and the plans' key wrap to the width as the rows are cut to it.
            let long = lines.filter { TextTable.displayWidth($0) > width }
            #expect(long.isEmpty, "\(command) at \(width): \(long)")
            // Every row starts with an id whole ("LM 7", "10.7"), never a tag alone or an id cut short.
            let rows = lines.filter { $0.trimmingCharacters(in: .whitespaces).first?.isNumber == true || $0.contains("LM ") }
            #expect(!rows.isEmpty, "\(command) at \(width): \(lines)")
            for row in rows.prefix(40) {
                let cells = row.trimmingCharacters(in: .whitespaces).components(separatedBy: "  ").filter { !$0.isEmpty }
                let id = ["bl", "po"].contains(cells[0]) && cells.count > 1 ? cells[1].trimmingCharacters(in: .whitespaces) : cells[0]
                #expect(!id.hasSuffix("…") && id != "bl" && id != "po", "\(command) at \(width): \(row)")
            }
        }
    }

    @Test("An overlong id is cut rather than take every row's room, and a late mark keeps its date whole")
    func anOverlongIdIsCut() throws {
        let sandbox = try Sandbox()
        let file = try sandbox.copyExample("blackpool-2019.json")
        let url = sandbox.folder.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let long = String(repeating: "Long id ", count: 30)
        try text.replacingOccurrences(of: "\"id\": \"LM 1\"", with: "\"id\": \"\(long)\"").write(to: url, atomically: true, encoding: .utf8)
        let screen = InProcess.run(["list", "--plan", file, "--as-of", "2019-07-15", "--color", "never"], in: sandbox.folder,
                                   environment: sandbox.environment(["COLUMNS": "80", "IMPROVE_PAGER": ""]), terminal: true).stdout
        let longRow = screen.split(separator: "\n").first { $0.hasPrefix("Long id") }
        #expect(longRow?.contains("…  -  ") == true && longRow?.contains("Reformat") == true, "\(screen)")
        // The id column is a quarter of the line, not the id's 240 characters.
        #expect(screen.split(separator: "\n").first { $0.hasPrefix("LM 7 ") }.map { $0.count <= 80 } == true)
        let lm7 = screen.split(separator: "\n").first { $0.hasPrefix("LM 7 ") }
        #expect(lm7?.contains("Dec 2019 (5 late)") == true, "\(screen)")
        #expect(lm7?.contains("Implement") == true, "the text keeps room: \(screen)")
    }

    @Test func leadsAreTheFirstAndACountAndTextsAreCut() throws {
        let sandbox = try sandboxWithExamples()
        let result = InProcess.run(["list", "--as-of", "2019-04-10", "--lead", "yot manager", "--color", "never"], in: sandbox.folder,
                                   environment: sandbox.environment(["COLUMNS": "80", "IMPROVE_PAGER": ""]), terminal: true)
        #expect(result.stdout.contains("… +3  "), "a cut lead keeps its count")
        #expect(result.stdout.contains("…"))
        #expect(!result.stdout.contains("YOT Manager; "), "leads are not listed whole")
        // Several plans at 80 columns: short tags, explained under the table.
        #expect(result.stdout.contains("Plans: bl\u{00A0}blackpool-2019, po\u{00A0}portsmouth-2014"))
    }

    @Test func aLongSummaryListIsItsIds() throws {
        let sandbox = try sandboxWithExamples()
        let result = InProcess.run(["summary", "--plan", "plans/blackpool-2019.json", "--as-of", "2019-02-01", "--color", "never"], in: sandbox.folder,
                                   environment: sandbox.environment(["COLUMNS": "80", "IMPROVE_PAGER": ""]), terminal: true)
        #expect(result.stdout.contains("No status recorded (60)\nLM\u{00A0}1, LM\u{00A0}2, LM\u{00A0}3,"))
        #expect(!result.stdout.contains("LM\n"), "an id is never parted")
        #expect(result.stdout.contains("5.3.\n"))
        // A recommendation's line is read for its position: never cut, even at 60 columns.
        let narrow = InProcess.run(["summary", "--plan", "plans/blackpool-2019.json", "--as-of", "2019-02-01", "--color", "never"],
                                   in: sandbox.folder, environment: sandbox.environment(["COLUMNS": "60", "IMPROVE_PAGER": ""]),
                                   terminal: true)
        #expect(narrow.stdout.contains("HMIP 1  no information  "), "\(narrow.stdout)")
    }

    @Test(arguments: commands)
    func wrapGivesThePipedTableAndOnelineTheTerminalsOne(arguments: [String]) throws {
        let sandbox = try sandboxWithExamples()
        let environment = sandbox.environment(["COLUMNS": "80", "IMPROVE_PAGER": ""])
        let wrapped = InProcess.run(arguments + ["--wrap", "--color", "never"], in: sandbox.folder, environment: environment, terminal: true)
        let piped = InProcess.run(arguments, in: sandbox.folder, environment: environment)
        #expect(wrapped.stdout == piped.stdout)
        let screen = InProcess.run(arguments + ["--color", "never"], in: sandbox.folder, environment: environment, terminal: true)
        let asked = InProcess.run(arguments + ["--oneline"], in: sandbox.folder, environment: environment)
        #expect(asked.stdout == screen.stdout)
        let both = InProcess.run(arguments + ["--wrap", "--oneline"], in: sandbox.folder, environment: environment)
        #expect(both.status == 64)
        #expect(both.stderr.contains("--wrap and --oneline cannot be used together"))
    }

    @Test func colourTakesNoWidth() throws {
        let sandbox = try sandboxWithExamples()
        let result = InProcess.run(["list", "--as-of", "2015-04-23", "--color", "always"], in: sandbox.folder,
                                   environment: sandbox.environment(["COLUMNS": "60", "IMPROVE_PAGER": ""]), terminal: true)
        #expect(result.stdout.contains("\u{1B}["))
        #expect(result.stdout.split(separator: "\n").allSatisfy { displayWidth(String($0)) <= 60 })
    }
}

@Suite("One-line rows of random texts")
struct OneLineRandomTests {
    static let pieces = ["Review", "the", "secure accommodation", "YOT Manager", "Head of Service", "é", "e\u{301}", "naïve",
                         "汉字", "東京都", "한국어", "😀", "👨‍👩‍👧", "🇬🇧", "❤️", "#️⃣", "ｆｕｌｌ", "\u{200B}", "a\u{0336}", "—", "…",
                         "\t", "\u{1B}[31m", "x", "1.1", "LM 7", "🚀", "🪄", "¯\\_(ツ)_/¯"]

    static func text(_ random: inout SeededGenerator, words: ClosedRange<Int>) -> String {
        (0..<Int.random(in: words, using: &random)).map { _ in pieces.randomElement(using: &random)! }
            .joined(separator: Bool.random(using: &random) ? " " : "")
    }

    @Test func everyRowIsOneLineWithinTheWidth() {
        var random = SeededGenerator(test: "OneLineRandomTests.everyRowIsOneLineWithinTheWidth")
        for _ in 0..<300 {
            let width = Int.random(in: 40...200, using: &random)
            let leads = (0..<Int.random(in: 0...5, using: &random)).map { _ in Self.text(&random, words: 0...4) }
            var table = TextTable(headers: ["PLAN", "ID", "STATUS", "DUE", "LEAD", "ACTION"], flexibleColumns: [3, 4, 5])
            table.minimumWidths = [3: 11, 4: 8, 5: 16]
            let count = Int.random(in: 1...6, using: &random)
            for row in 0..<count {
                table.rows.append([.init(Self.text(&random, words: 1...2)), .init("A\(row)"),
                                   .init("AMBER", colour: Bool.random(using: &random) ? .amber : nil),
                                   .init(Self.text(&random, words: 0...3)), TextTable.leadsCell(leads),
                                   .init(Self.text(&random, words: 0...60))])
            }
            var output = ""
            table.renderOneLine(width: width, style: TextStyle(usesColour: Bool.random(using: &random)), to: &output)
            let lines = TerminalText.clean(output).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count == count + 1, "width \(width): \(lines)")
            for line in lines {
                #expect(displayWidth(String(line)) <= width, "width \(width): \(line)")
            }
            if leads.count > 1, width >= 80 {
                #expect(lines.dropFirst().allSatisfy { $0.contains("+\(leads.count - 1)") }, "width \(width): \(lines)")
            }
        }
    }

    @Test func wideAndCombiningCharactersAreCountedAsTheTerminalShowsThem() {
        #expect(TextTable.characterCount("😀") == 2)
        #expect(TextTable.characterCount("🚀🪄") == 4)
        #expect(TextTable.characterCount("🇬🇧") == 2)
        #expect(TextTable.characterCount("❤️") == 2)
        #expect(TextTable.characterCount("東京") == 4)
        #expect(TextTable.characterCount("e\u{301}") == 1)
        #expect(TextTable.shorten("東京都東京都", to: 6) == "東京…")
        #expect(TextTable.fitted(TextTable.leadsCell(["Head of Youth Justice Services", "b", "c"]), to: 12) == "Head of… +2")
    }
}
