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
