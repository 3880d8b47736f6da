import Foundation
import SplitMix

/// A small, repeatable random number generator (SplitMix64) for tests that
/// try random inputs: the seed comes from `IMPROVE_TEST_SEED` when set, else
/// from the clock, and is printed so that a failing run can be repeated.
public struct SeededGenerator: RandomNumberGenerator {
    public let seed: UInt64
    private var generator: SplitMix64

    public init(test: String) {
        let text = ProcessInfo.processInfo.environment["IMPROVE_TEST_SEED"]
        let given = text.flatMap { UInt64($0) }
        if let text, given == nil { print("\(test): IMPROVE_TEST_SEED=\(text) is not a whole number; a new seed is used") }
        seed = given ?? UInt64(truncatingIfNeeded: DispatchTime.now().uptimeNanoseconds)
        generator = SplitMix64(seed: seed)
        print("\(test): random seed \(seed) (repeat with IMPROVE_TEST_SEED=\(seed))")
    }

    public mutating func next() -> UInt64 { generator.next() }
}
