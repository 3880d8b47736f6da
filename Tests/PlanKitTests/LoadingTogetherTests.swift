import Foundation
import Testing
@testable import PlanKit

/// Plans loaded together. (What each library layer may know is checked in the command line's
/// tests, which can see the command registry: `improveTests/LayeringTests.swift`.)
@Suite("Plans loaded together")
struct LoadingTogetherTests {
    @Test func planIDsMustBeUniqueAcrossTheFilesLoadedTogether() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("layering-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let original = try String(contentsOfFile: examplePlanPath("blackpool-2019.json"), encoding: .utf8)
        let first = folder.appendingPathComponent("a.json").path
        let second = folder.appendingPathComponent("b.json").path
        try original.write(toFile: first, atomically: true, encoding: .utf8)
        try original.write(toFile: second, atomically: true, encoding: .utf8)
        #expect(throws: PlanError.duplicatePlanID(id: "blackpool-2019", files: [first, second])) {
            _ = try PlanLoader.read(files: [first, second], relativeTo: testFolder, today: testToday) { $0 }
        }
        #expect(try PlanLoader.read(files: [first], relativeTo: testFolder, today: testToday) { $0 }.values.count == 1)
    }
}
