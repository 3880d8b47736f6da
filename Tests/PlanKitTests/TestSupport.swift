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

func loadExample(_ name: String) throws -> Plan {
    try PlanLoader.load(file: examplePlanPath(name)).plan
}

/// A small, repeatable random number generator (SplitMix64) for tests that
/// try random inputs: the seed comes from `IMPROVE_TEST_SEED` when set, else
/// from the clock, and is printed so that a failing run can be repeated.
struct SeededGenerator: RandomNumberGenerator {
    let seed: UInt64
    private var state: UInt64

    init(test: String) {
        let given = ProcessInfo.processInfo.environment["IMPROVE_TEST_SEED"].flatMap { UInt64($0) }
        seed = given ?? UInt64(truncatingIfNeeded: DispatchTime.now().uptimeNanoseconds)
        state = seed
        print("\(test): random seed \(seed) (repeat with IMPROVE_TEST_SEED=\(seed))")
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
