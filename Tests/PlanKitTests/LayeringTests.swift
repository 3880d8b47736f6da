import Foundation
import Testing
@testable import PlanKit

/// What each library layer may know: the compiler keeps PlanJSON from seeing
/// plans and PlanKit from seeing storage (Package.swift); these tests keep the
/// command line's words out of the libraries.
@Suite("The libraries carry facts; the command line writes the sentences")
struct LayeringTests {
    let libraries = ["PlanJSON", "OfficeDocument", "PlanKit", "PlanStorage"]

    /// Every line of code (not comment) of a library's sources, with its file.
    func codeLines(of library: String) throws -> [(file: String, line: String)] {
        let folder = repositoryRoot.appendingPathComponent("Sources/\(library)")
        let files = FileManager.default.enumerator(atPath: folder.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        return try files.flatMap { file in
            try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n").map { String($0) }
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
                .map { ("\(library)/\(file)", $0) }
        }
    }

    @Test func noLibraryMessageNamesAnOptionOrACommand() throws {
        let option = try Regex(#""[^"]*--[a-z][^"]*""#)
        let command = try Regex(#""[^"]*`?improve (validate|list|show|undo|update)\b"#)
        for library in libraries {
            for (file, line) in try codeLines(of: library) {
                let namesOption = line.contains(option)
                let namesCommand = line.contains(command)
                #expect(!namesOption, "\(file): \(line)")
                #expect(!namesCommand, "\(file): \(line)")
            }
        }
    }

    @Test func theJSONLayerKnowsNothingOfPlans() throws {
        for (file, line) in try codeLines(of: "PlanJSON") {
            let mentionsPlans = line.contains("import PlanKit") || line.contains("Plan") && !line.contains("PlanJSON")
            #expect(!mentionsPlans, "\(file): \(line)")
        }
    }

    /// The Office reader is a format layer like PlanJSON: no plans, and no Foundation (so the static binary
    /// carries nothing more for it, and it cannot print).
    @Test func theOfficeLayerKnowsNothingOfPlansOrFoundation() throws {
        for (file, line) in try codeLines(of: "OfficeDocument") {
            #expect(!line.contains("import Foundation") && !line.contains("import PlanKit") && !line.contains("print("), "\(file): \(line)")
        }
    }

    @Test func planIDsMustBeUniqueAcrossTheFilesLoadedTogether() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("layering-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let original = try String(contentsOfFile: examplePlanPath("blackpool-2019.json"), encoding: .utf8)
        let first = folder.appendingPathComponent("a.json").path
        let second = folder.appendingPathComponent("b.json").path
        try original.write(toFile: first, atomically: true, encoding: .utf8)
        try original.write(toFile: second, atomically: true, encoding: .utf8)
        #expect(throws: PlanError.duplicatePlanID(id: "blackpool-2019", files: [first, second])) {
            _ = try PlanLoader.read(files: [first, second]) { $0 }
        }
        #expect(try PlanLoader.read(files: [first]) { $0 }.values.count == 1)
    }
}
