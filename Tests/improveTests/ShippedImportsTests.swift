import Foundation
import Testing

/// The shipped binary is small because it does not carry ICU's data (issue 28: 89 MB with Foundation, about
/// 22 MB without): every module `improve` links imports FoundationEssentials, never Foundation or
/// FoundationInternationalization, whose APIs (NSRegularExpression, DateFormatter, Process, NSString's
/// methods …) keep ICU in. The compiler enforces the rest once the import is gone; this test keeps the
/// import gone, naming the file, without building the static binary.
@Suite("The shipped binary does without Foundation's internationalisation")
struct ShippedImportsTests {
    /// The modules the `improve` executable links (Package.swift); the benchmark, the fuzz run and the tests
    /// may use Foundation.
    static let shippedModules = ["PlanJSON", "OfficeDocument", "PlanKit", "PlanReports", "PlanInterchange", "PlanStorage", "improve"]
    static let refusedModules: Set<String> = ["Foundation", "FoundationInternationalization", "FoundationNetworking", "FoundationXML"]

    @Test func noShippedModuleImportsFoundation() throws {
        var checked = 0
        for module in Self.shippedModules {
            let folder = repositoryRoot.appendingPathComponent("Sources/\(module)")
            let files = FileManager.default.enumerator(atPath: folder.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
            #expect(!files.isEmpty, "no sources in \(folder.path)")
            for file in files {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") {
                    guard let imported = Self.importedModule(String(line)) else { continue }
                    #expect(!Self.refusedModules.contains(imported),
                            "Sources/\(module)/\(file) imports \(imported): use FoundationEssentials (and Glibc for the C library) so that ICU stays out of the binary")
                }
                checked += 1
            }
        }
        #expect(checked > 100, "only \(checked) source files checked")
    }

    /// The module a line imports: `import Foundation`, `@preconcurrency import Foundation`,
    /// `import struct Foundation.Date`; nil for a line that imports nothing.
    static func importedModule(_ line: String) -> String? {
        let words = line.split(separator: " ").map(String.init)
        guard let index = words.firstIndex(of: "import"), index + 1 < words.count else { return nil }
        let kinds: Set<String> = ["struct", "class", "enum", "func", "var", "let", "protocol", "typealias"]
        return words[(index + 1)...].first { !kinds.contains($0) }.map { String($0.split(separator: ".").first ?? "") }
    }

    @Test func theCheckSeesEveryFormOfImport() {
        let imported = Self.importedModule
        #expect(imported("import Foundation") == "Foundation")
        #expect(imported("@preconcurrency import Foundation") == "Foundation")
        #expect(imported("import struct Foundation.Date") == "Foundation")
        #expect(imported("import FoundationEssentials") == "FoundationEssentials")
        #expect(imported("let x = 1") == nil)
    }
}
