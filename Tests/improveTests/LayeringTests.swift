import Foundation
import Testing
@testable import improve

/// What each library layer may know. Package.swift gives each target the layers below it, and the
/// compiler refuses the rest; but SwiftPM on Linux lets a file import a module its target does not
/// name when that module happens to be built first, so the imports are checked here too. And the
/// command line's words stay out of the libraries: no library text names an option or a command.
@Suite("The libraries carry facts; the command line writes the sentences")
struct LayeringTests {
    /// Each library and the project modules it may import: lowest layer first.
    static let layers: [(library: String, mayImport: Set<String>)] = [
        ("PlanJSON", []),
        ("OfficeDocument", []),
        ("PlanKit", ["PlanJSON"]),
        ("PlanReports", ["PlanJSON", "PlanKit", "OfficeDocument"]),
        ("PlanInterchange", ["PlanJSON", "PlanKit", "OfficeDocument"]),
        ("PlanStorage", ["PlanJSON", "PlanKit"]),
    ]
    static let projectModules: Set<String> = Set(layers.map(\.library)).union(["improve", "SplitMix"])

    /// Every line of code (not comment) of a library's sources, with its file.
    func codeLines(of library: String) throws -> [(file: String, line: String)] {
        let folder = repositoryRoot.appendingPathComponent("Sources/\(library)")
        let files = FileManager.default.enumerator(atPath: folder.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(!files.isEmpty, "no sources in \(folder.path)")
        return try files.flatMap { file in
            try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n").map { String($0) }
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
                .map { ("\(library)/\(file)", $0) }
        }
    }

    @Test func eachLibraryImportsOnlyTheLayersBelowIt() throws {
        for (library, allowed) in Self.layers {
            for (file, line) in try codeLines(of: library) {
                let words = line.split(separator: " ")
                guard let index = words.firstIndex(of: "import"), index + 1 < words.count else { continue }
                let module = String(words[index + 1])
                if Self.projectModules.contains(module) {
                    #expect(allowed.contains(module), "\(file) imports \(module), which \(library) may not see")
                }
            }
        }
    }

    @Test func noLibraryMessageNamesAnOptionOrACommand() throws {
        let names = CommandRegistry.commands.map { $0.descriptor.name }
        #expect(names.count >= 20)
        let option = try Regex(#""[^"]*--[a-z][^"]*""#)
        let alternatives = names.joined(separator: "|")
        let pattern = "\"[^\"]*`?improve (" + alternatives + ")\\b"
        let command = try Regex(pattern)
        for layer in Self.layers {
            for (file, line) in try codeLines(of: layer.library) {
                #expect(!line.contains(option), "\(file): \(line)")
                #expect(!line.contains(command), "\(file): \(line)")
            }
        }
    }

    @Test func theJSONLayerKnowsNothingOfPlans() throws {
        for (file, line) in try codeLines(of: "PlanJSON") {
            let mentionsPlans = line.contains("Plan") && !line.contains("PlanJSON")
            #expect(!mentionsPlans, "\(file): \(line)")
        }
    }

    /// The Office reader is a format layer like PlanJSON: no Foundation (so the static binary carries
    /// nothing more for it), and it cannot print.
    @Test func theOfficeLayerHasNoFoundationAndNeverPrints() throws {
        for (file, line) in try codeLines(of: "OfficeDocument") {
            #expect(!line.contains("import Foundation") && !line.contains("print("), "\(file): \(line)")
        }
    }
}
