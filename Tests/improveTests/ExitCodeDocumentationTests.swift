import Foundation
import Testing
@testable import improve

/// The exit codes are declared once (``ExitCode``); help, the manual page and
/// the README's table must list the same ones, so that a script's author can
/// trust any of them.
@Suite("Exit codes, documented where people look")
struct ExitCodeDocumentationTests {
    @Test func helpManualAndREADMEListEveryCode() throws {
        let help = CommandRegistry.toolHelp
        let manual = ManualPage.roff(version: "test")
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let table = readme.components(separatedBy: "## Exit codes")[1].components(separatedBy: "\n## ")[0]
        let documented = Set(table.split(separator: "\n").compactMap { line -> Int32? in
            guard line.hasPrefix("| ") else { return nil }
            return Int32(line.dropFirst(2).prefix { $0.isNumber })
        })
        #expect(documented == Set(ExitCode.allCases.map(\.rawValue)), "README's table: \(documented.sorted())")
        for code in ExitCode.allCases {
            #expect(help.contains("  \(String(code.rawValue).padding(toLength: 4, withPad: " ", startingAt: 0))\(code.meaning)"))
            #expect(manual.contains(".TP\n\(code.rawValue)\n"), "manual page lacks \(code.rawValue)")
        }
    }
}

/// Help read at a terminal: every line fits its width, an option's description
/// wraps under itself, and nothing is lost in the wrapping.
@Suite("Help at a terminal")
struct HelpAtATerminalTests {
    @Test(arguments: [60, 80, 120])
    func everyHelpFitsTheTerminal(width: Int) throws {
        let sandbox = try Sandbox()
        let environment = sandbox.environment(["COLUMNS": String(width), "IMPROVE_PAGER": ""])
        let pages = [["--help"]] + CommandRegistry.visible.map { [$0.descriptor.name, "--help"] }
        for arguments in pages {
            let result = InProcess.run(arguments, in: sandbox.folder, environment: environment, terminal: true)
            #expect(result.status == 0)
            let long = result.stdout.split(separator: "\n").filter { $0.count > width }
            #expect(long.isEmpty, "\(arguments) at \(width): \(long)")
            // The same words as the unwrapped help.
            let piped = InProcess.run(arguments, in: sandbox.folder, environment: sandbox.environment([:]))
            let words = { (text: String) in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) }
            #expect(words(result.stdout) == words(piped.stdout), "\(arguments) at \(width)")
        }
        let update = InProcess.run(["update", "--help"], in: sandbox.folder, environment: environment, terminal: true).stdout
        if width == 80 {
            #expect(update.contains("  --by NAME            Who records it (default: $IMPROVE_USER, else your login\n                       name)."), "\(update)")
        }
    }
}
