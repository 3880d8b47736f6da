import Foundation
import SplitMix

/// A small, repeatable random number generator (SplitMix64) for tests that
/// try random inputs: the seed comes from `IMPROVE_TEST_SEED` when set, else
/// it is the test's own fixed seed (from its name), so that every run of the
/// suite tries the same inputs unless asked for others; it is printed so that
/// a failing run can be repeated.
public struct SeededGenerator: RandomNumberGenerator {
    public let seed: UInt64
    private var generator: SplitMix64

    public init(test: String) {
        let text = ProcessInfo.processInfo.environment["IMPROVE_TEST_SEED"]
        let given = text.flatMap { UInt64($0) }
        if let text, given == nil { print("\(test): IMPROVE_TEST_SEED=\(text) is not a whole number; the test's own seed is used") }
        seed = given ?? Self.fixedSeed(test)
        generator = SplitMix64(seed: seed)
        print("\(test): random seed \(seed) (repeat with IMPROVE_TEST_SEED=\(seed))")
    }

    public mutating func next() -> UInt64 { generator.next() }

    /// The seed a test has when none is given: FNV-1a of its name, the same on every machine and run.
    static func fixedSeed(_ test: String) -> UInt64 {
        test.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }
}

extension SeededGenerator {
    /// A generator for one given seed, printing nothing: for the many small cases a seeded test derives from its
    /// own printed seed (each case's seed printed when it fails, to be repeated alone).
    public init(seed: UInt64) {
        self.seed = seed
        generator = SplitMix64(seed: seed)
    }
}
