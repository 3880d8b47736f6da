import Foundation
@testable import PlanKit

/// The repository's top folder, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The path of an example plan in `plans/`.
func examplePlanPath(_ name: String) -> String {
    repositoryRoot.appendingPathComponent("plans/\(name)").path
}

/// A fixture file copied into a fresh temporary folder, so tests never touch the original.
func fixtureCopy(_ name: String) throws -> String {
    let source = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plankit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let target = folder.appendingPathComponent(name)
    try FileManager.default.copyItem(at: source, to: target)
    return target.path
}

func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

/// Today for the tests that read plans: the clock read once for the run, as
/// a command reads it once at its start (the library never reads it).
let testToday = Today.reading()

/// What a relative path in these tests is read from: the repository's top folder.
let testFolder = WorkingFolder(repositoryRoot.path)

func loadExample(_ name: String) throws -> Plan {
    try PlanLoader.load(file: examplePlanPath(name), relativeTo: testFolder, today: testToday).plan
}
