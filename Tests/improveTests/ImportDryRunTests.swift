import Foundation
import Testing
@testable import improve

/// `import --dry-run` and the command line a first try suggests running next: each suggested line, run as
/// given, goes on to write the plan (issue 25: "one screen says exactly what to add").
@Suite struct ImportDryRunTests {
    /// The words of a suggested line as a shell reads them (words in single quotes, `'\''` for a quote),
    /// without the leading `improve`.
    static func words(ofLine line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quoted = false
        for character in line {
            if quoted {
                if character == "'" { quoted = false } else { word.append(character) }
            } else if character == "'" {
                quoted = true
                inWord = true
            } else if character == "\\" {
                continue
            } else if character == " " {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        #expect(words.first == "improve", "a suggested line starts with improve: \(line)")
        return Array(words.dropFirst())
    }

    /// The line printed after `marker` (the next line of `text`), trimmed.
    static func line(after marker: String, in text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let index = lines.firstIndex(where: { $0.hasPrefix(marker) }), lines.indices.contains(index + 1) else { return nil }
        return lines[index + 1].trimmingCharacters(in: .whitespaces)
    }

    static let titled = """
        Youth Justice Improvement Plan 2020

        Ref,Recommendation,What we will do,Who,,Progress,Extra
        1,Improve governance of the board,Refresh the board terms of reference,Head of Service,31/03/2020,Green,x
        ,,Induct new board members,Board Chair,30/04/2020,Amber,y
        2,Better assessments,Audit assessments quarterly,Team Manager,Ongoing,Red,z

        """

    @Test func aDryRunShowsEachColumnsReadingAndItsReasonTheFirstActionsAndWritesNothing() throws {
        let sandbox = try Sandbox()
        try sandbox.write("plan.csv", Self.titled)
        try sandbox.write("plans/.keep", "")
        let command = ["import", "plan.csv", "--out", "plans/yj.json", "--organisation", "O", "--inspection-date", "2019-01"]
        let dry = try sandbox.run(command + ["--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        let out = dry.stdout
        #expect(out.hasPrefix("dry run of plan.csv: nothing written\n"))
        #expect(out.contains("plan.csv: header in row 3, 3 actions"))
        #expect(out.range(of: "Ref +→ id +by its header", options: .regularExpression) != nil, "\(out)")
        #expect(out.range(of: "column 5 +→ deadline +by its content: its cells are dates", options: .regularExpression) != nil, "\(out)")
        #expect(out.range(of: "Extra +not read +add --map \"Extra=FIELD\" to read it", options: .regularExpression) != nil, "\(out)")
        #expect(out.contains("1A  Refresh the board terms of reference · Head of Service · 31 Mar 2020 · GREEN · answers Recommendation 1"))
        #expect(out.contains("2  Audit assessments quarterly · Team Manager · ongoing · RED · answers Recommendation 2"))
        #expect(out.contains("would create plans/yj.json (yj): 3 actions in 1 theme"))
        #expect(out.contains("note: the plan is titled \"Youth Justice Improvement Plan 2020\", from the title row above the table"))
        // What to add to read a column otherwise, apart from the line to run (FIELD is the user's to choose).
        #expect(out.contains("to read a column otherwise, add to the line below, with FIELD one of id, theme,"))
        #expect(out.contains("\n  --map 'column 5=FIELD'  --map Extra=FIELD\nto import it, run:\n"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("plans/yj.json").path))

        // The line it says to run imports the plan as shown.
        let next = try #require(Self.line(after: "to import it, run:", in: out))
        let run = try sandbox.run(Self.words(ofLine: next))
        #expect(run.status == 0, "\(run.stderr)")
        let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: sandbox.folder.appendingPathComponent("plans/yj.json"))) as? [String: Any]
        #expect(plan?["title"] as? String == "Youth Justice Improvement Plan 2020")
        let recommendations = (plan?["recommendations"] as? [[String: Any]])?.compactMap { $0["text"] as? String }
        #expect(recommendations == ["Improve governance of the board", "Better assessments"])
        let actions = plan?["actions"] as? [[String: Any]] ?? []
        #expect(actions.compactMap { $0["id"] as? String } == ["1A", "1B", "2"])
        #expect(actions.compactMap { $0["deadline"] as? String } == ["2020-03-31", "2020-04-30", "ongoing"])

        // The column read by its content is read otherwise by the --map the dry run names.
        let mapped = try sandbox.run(Array(command.dropLast(6)) + ["--out", "plans/yj2.json", "--organisation", "O", "--inspection-date", "2019-01",
                                                                  "--map", "column 5=skip", "--map", "Extra=comment", "--dry-run"])
        #expect(mapped.stdout.range(of: "column 5 +not read +by your --map", options: .regularExpression) != nil, "\(mapped.stdout)")
        #expect(mapped.stdout.range(of: "Extra +→ comment +by your --map", options: .regularExpression) != nil, "\(mapped.stdout)")
    }

    @Test func aDryRunWithRowsThatDoNotReadSaysWhichAndTheSkipBadLineToRun() throws {
        let sandbox = try Sandbox()
        try sandbox.write("bad.csv", "ID,Action,Deadline\n1,Do the thing,Feb 30 2021\n2,Do another,March 2020\n")
        let command = ["import", "bad.csv", "--out", "bad.json", "--organisation", "O", "--inspection-date", "2019-01"]
        let dry = try sandbox.run(command + ["--dry-run"])
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("cannot read bad.csv row 2: cannot read the deadline \"Feb 30 2021\""))
        let next = try #require(Self.line(after: "to import the rows that read and leave these out, run:", in: dry.stdout))
        #expect(next.hasSuffix("--skip-bad"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("bad.json").path))
        let run = try sandbox.run(Self.words(ofLine: next))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("created bad.json (bad): 1 action"))
    }

    @Test func aSpreadsheetWithoutAnActionColumnSaysTheMapToAddAndThatLineImports() throws {
        let sandbox = try Sandbox()
        try sandbox.write("nz.csv", "Ref,Zorb,Who\n1,do x,Ann Lee\n2,do y,Bob Ray\n")
        let command = ["import", "nz.csv", "--out", "nz.json", "--organisation", "O", "--inspection-date", "2019-01"]
        let first = try sandbox.run(command)
        #expect(first.status == 64)
        #expect(first.stderr.contains("nz.csv: no column for action in a header row (looked for in the first 30 rows) (columns found: Ref, Zorb, Who)"))
        let next = try #require(Self.line(after: "to read \"Zorb\" as the actions, run:", in: first.stderr), "\(first.stderr)")
        #expect(next == "improve import nz.csv --out nz.json --organisation O --inspection-date 2019-01 --map Zorb=action")
        let run = try sandbox.run(Self.words(ofLine: next))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("created nz.json (nz): 2 actions"))
    }

    @Test func strictSaysTheMapsThatGoOnAndThatLineImports() throws {
        let sandbox = try Sandbox()
        try sandbox.write("st.csv", "ID,Action,Misc,Also\n1,Do the thing,foo,HMIP 3\n2,Do another,bar,HMIP 4\n")
        let command = ["import", "st.csv", "--out", "st.json", "--organisation", "O", "--inspection-date", "2019-01", "--strict"]
        let first = try sandbox.run(command)
        #expect(first.status == 65)
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("st.json").path))
        let next = try #require(Self.line(after: "to go on, reading the columns that look like links", in: first.stderr), "\(first.stderr)")
        #expect(next.hasSuffix("--strict --map Misc=skip"), "\(next)")
        let run = try sandbox.run(Self.words(ofLine: next))
        #expect(run.status == 0, "\(run.stderr)")
        let plan = try String(contentsOf: sandbox.folder.appendingPathComponent("st.json"), encoding: .utf8)
        #expect(plan.contains("\"HMIP 3\"") && !plan.contains("foo"))
    }

    @Test(arguments: ["column 0=id", "column 4=lead", "Nope=lead"])
    func aMapOfAColumnTheFileDoesNotHaveIsRefused(map: String) throws {
        let sandbox = try Sandbox()
        try sandbox.write("ok.csv", "ID,Action,Lead\n1,Do the thing,Ann\n")
        let run = try sandbox.run(["import", "ok.csv", "--out", "ok.json", "--organisation", "O", "--inspection-date", "2019-01", "--map", map])
        #expect(run.status == 64)
        #expect(run.stderr.contains("names no column of ok.csv, which has columns 1 to 3 (headers \"ID\", \"Action\", \"Lead\")"), "\(run.stderr)")
        #expect(run.stderr.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("ok.json").path))
    }

    @Test func statusWordsThatNameNoLevelLeadTheCommentAndAreNoted() throws {
        let sandbox = try Sandbox()
        try sandbox.write("r.csv", "ID,Action,RAG,Progress update\n1,Do it,On track,fine\n2,Do that,At risk,Delayed\n3,Other,GREEN,done\n4,More,At risk,\n")
        let run = try sandbox.run(["import", "r.csv", "--out", "r.json", "--organisation", "O", "--inspection-date", "2019-01", "--status-date", "2020-01-10"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("note: 3 statuses name no level of the scale (BLUE, RED, AMBER, GREEN): \"On track\", \"At risk\"; kept as the start of the comment, with no status."), "\(run.stdout)")
        let show = try sandbox.run(["show", "2", "--plan", "r.json"])
        #expect(show.stdout.contains("At risk – Delayed"), "\(show.stdout)")
        #expect(show.stdout.contains("no status recorded"))
        let four = try sandbox.run(["show", "4", "--plan", "r.json"])
        #expect(four.stdout.contains("At risk"))
        let three = try sandbox.run(["show", "3", "--plan", "r.json"])
        #expect(three.stdout.contains("GREEN") && !three.stdout.contains("GREEN –"))
    }
}
