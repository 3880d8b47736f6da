import Foundation
import PlanKit
import Testing
import TestSupport

/// Characters an id may not hold, one kind each, as a command line would carry them (no NUL: an argument cannot).
private let refusedOnCommandLines: [(kind: String, scalars: [UInt32])] = [
    ("zero-width", [0x200B, 0x200C, 0x200D, 0x2060]),
    ("soft hyphen", [0x00AD]),
    ("bidirectional control", Array(0x202A...0x202E) + Array(0x2066...0x2069)),
    ("byte order mark", [0xFEFF]),
    ("C0 control or DEL", Array(0x01...0x1F) + [0x7F]),
    ("C1 control", Array(0x80...0x9F)),
    ("other format character", [0x180E, 0x061C]),
]

/// `word` with `scalar` inserted at a random place, never first or last, so that the value is not blank around it.
private func inserting(_ value: UInt32, into word: String, using generator: inout SeededGenerator) -> String {
    var scalars = Array(word.unicodeScalars)
    scalars.insert(Unicode.Scalar(value)!, at: Int.random(in: 1..<scalars.count, using: &generator))
    return String(String.UnicodeScalarView(scalars))
}

@Suite("Ids on the command line")
struct IdentifierEndToEndTests {
    @Test func aFullWidthOrOtherlySpacedIdFindsTheAction() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        for typed in ["LM１", "ＬＭ　１", "LM\u{00A0}1", "lm\u{2013}1"] {
            let show = try sandbox.run(["show", typed, "--plan", plan])
            #expect(show.status == 0, "\(typed): \(show.stderr)")
            #expect(show.stdout.hasPrefix("LM 1  blackpool-2019\n"), "\(typed)")
        }
        let update = try sandbox.run(["update", "LM１", "--comment", "Board met", "--plan", plan])
        #expect(update.status == 0, "\(update.stderr)")
        #expect(update.stdout.contains("LM 1"))
        let shown = try sandbox.run(["show", "LM 1", "--plan", plan])
        #expect(shown.stdout.contains("Board met"))
    }

    @Test func anIdGivenWithAnInvisibleCharacterIsRefusedNamingIt() throws {
        var generator = SeededGenerator(test: "anIdGivenWithAnInvisibleCharacterIsRefusedNamingIt")
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let before = try Data(contentsOf: sandbox.folder.appendingPathComponent(plan))
        for (kind, scalars) in refusedOnCommandLines {
            let value = scalars.randomElement(using: &generator)!
            let code = "U+" + String(format: "%04X", value)
            let context = "seed \(generator.seed): \(kind) \(code)"
            let commands: [(option: String, arguments: [String])] = [
                ("--id", ["add", "action", "--id", inserting(value, into: "LM 99", using: &generator), "--theme", "LM", "--text", "x"]),
                ("--theme", ["add", "action", "--id", "LM 99", "--theme", inserting(value, into: "LM", using: &generator), "--text", "x"]),
                ("--id", ["add", "recommendation", "--id", inserting(value, into: "HMIP 99", using: &generator), "--text", "x"]),
                ("--rec", ["add", "theme", "--id", "9", "--title", "x", "--rec", inserting(value, into: "HMIP 1", using: &generator)]),
                ("--link", ["edit", "LM 1", "--link", inserting(value, into: "HMIP 1", using: &generator)]),
            ]
            for (option, arguments) in commands {
                let result = try sandbox.run(arguments + ["--plan", plan])
                #expect(result.status == 64, "\(context): \(arguments)")
                #expect(result.stderr.contains("for \(option): it holds \(code) ("), "\(context): \(result.stderr)")
            }
        }
        #expect(try Data(contentsOf: sandbox.folder.appendingPathComponent(plan)) == before, "nothing was written")
        let plainID = try sandbox.run(["new", "new.json", "--id", "leeds\u{200B}2020", "--title", "T", "--organisation", "O", "--inspection-date", "2020-01"])
        #expect(plainID.status == 64)
        #expect(plainID.stderr.contains("invalid value 'leeds<U+200B>2020' for --id: it holds U+200B (ZERO WIDTH SPACE)"))
        #expect(plainID.stderr.contains("write 'leeds2020'"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("new.json").path))
    }

    @Test func aPlanWhoseIdsReadAlikeIsRefusedByEveryCommand() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let url = sandbox.folder.appendingPathComponent(plan)
        let text = try String(contentsOf: url, encoding: .utf8)
        // LM 2 renamed "LM 1" followed by a zero-width space: two rows that would both read "LM 1".
        try text.replacingOccurrences(of: "\"id\": \"LM 2\"", with: "\"id\": \"LM 1\\u200B\"").write(to: url, atomically: true, encoding: .utf8)
        let list = try sandbox.run(["list", "--plan", plan])
        #expect(list.status == 65)
        #expect(list.stderr.contains("plans/blackpool-2019.json: actions[1].id: error: action id \"LM 1<U+200B>\" holds U+200B (ZERO WIDTH SPACE)"), "\(list.stderr)")
        #expect(list.stderr.contains("write \"LM 1\""))
        let validate = try sandbox.run(["validate", "--plan", plan])
        #expect(validate.status == 1)
        #expect(validate.stdout.contains("U+200B") || validate.stderr.contains("U+200B"))
        // An escape sequence in an id is named, not passed to the terminal.
        try text.replacingOccurrences(of: "\"id\": \"LM 2\"", with: "\"id\": \"LM 2\\u001B[2J\"").write(to: url, atomically: true, encoding: .utf8)
        let escaped = try sandbox.run(["list", "--plan", plan])
        #expect(escaped.status == 65)
        #expect(escaped.stderr.contains("action id \"LM 2<U+001B>[2J\" holds U+001B (ESCAPE)"), "\(escaped.stderr)")
        #expect(!escaped.stderr.unicodeScalars.contains("\u{1B}"))
    }

    @Test func anImportedIdWithAnInvisibleCharacterIsARowProblem() throws {
        let sandbox = try Sandbox()
        try sandbox.write("plan.csv", "ID,Theme,Action\n1.1,LM,Fine\n1\u{00AD}2,LM,Hidden hyphen\n1.3,L\u{200D}M,Joined oddly\n")
        let result = try sandbox.run(["import", "plan.csv", "--out", "plan.json", "--organisation", "O", "--inspection-date", "2019-01"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("row 3: the id \"1<U+00AD>2\" holds U+00AD (SOFT HYPHEN)"), "\(result.stderr)")
        #expect(result.stderr.contains("row 4: the theme \"L<U+200D>M\" holds U+200D (ZERO WIDTH JOINER)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("plan.json").path))
        // The plan id an --out file's name gives is checked as --id is.
        let named = try sandbox.run(["import", "plan.csv", "--out", "p\u{2066}lan.json", "--organisation", "O", "--inspection-date", "2019-01"])
        #expect(named.status == 64)
        #expect(named.stderr.contains("invalid value 'p<U+2066>lan' for the plan id from --out's file name (or give --id): it holds U+2066 (LEFT-TO-RIGHT ISOLATE)"), "\(named.stderr)")
    }

    @Test func aBlankArgumentIsAUsageErrorNamingIt() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let blanks: [(arguments: [String], position: Int)] = [
            (["list", ""], 1), (["show", ""], 1), (["show", "  "], 1), (["update", "", "--status", "RED"], 1),
            (["list", "\u{200B}"], 1), (["reassign", "LM 1", "", "--from", "a", "--to", "b"], 2),
        ]
        for (arguments, position) in blanks {
            let result = try sandbox.run(arguments + ["--plan", plan])
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.hasPrefix("improve: argument \(position) is blank ('"), "\(arguments): \(result.stderr)")
        }
        for option in ["--lead", "--plan"] {
            let result = try sandbox.run(["list", option, ""])
            #expect(result.status == 64)
            #expect(result.stderr.contains("invalid value '' for \(option): it is blank"))
        }
    }

    @Test func exportICSRefusesALeadThatMatchesNoOneAsListDoes() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let export = try sandbox.run(["export", "ics", "--lead", "nobody", "--plan", plan])
        let list = try sandbox.run(["list", "--lead", "nobody", "--plan", plan])
        #expect(export.status == 64)
        #expect(export.stdout.isEmpty)
        #expect(export.stderr == list.stderr)
        #expect(list.status == 64)
        let mine = try sandbox.run(["export", "ics", "--lead", "board chair", "--plan", plan])
        #expect(mine.status == 0)
        #expect(mine.stdout.contains("BEGIN:VEVENT"))
    }

    @Test func aWrongLockTimeoutIsRefusedNamingTheVariable() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        for value in ["abc", "-1", "1e9", "", " 5", "5s", "3601", "0x10", "inf", "nan"] {
            let result = try sandbox.run(["list", "--plan", plan], environment: ["IMPROVE_LOCK_TIMEOUT": value])
            #expect(result.status == 64, "'\(value)'")
            #expect(result.stderr.hasPrefix("improve: invalid value '\(value)' for IMPROVE_LOCK_TIMEOUT: "), "'\(value)': \(result.stderr)")
            #expect(result.stderr.contains("a number from 0 to 3600"))
        }
        for value in ["0", "5", "0.5", "3600", "10.25"] {
            let result = try sandbox.run(["update", "LM 1", "--comment", "ok \(value)", "--plan", plan], environment: ["IMPROVE_LOCK_TIMEOUT": value])
            #expect(result.status == 0, "'\(value)': \(result.stderr)")
        }
    }
}
