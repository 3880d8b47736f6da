import Foundation

/// A small, repeatable random number generator (SplitMix64) for tests that
/// try random inputs: the seed comes from `IMPROVE_TEST_SEED` when set, else
/// from the clock, and is printed so that a failing run can be repeated.
public struct SeededGenerator: RandomNumberGenerator {
    public let seed: UInt64
    private var state: UInt64

    public init(test: String) {
        let given = ProcessInfo.processInfo.environment["IMPROVE_TEST_SEED"].flatMap { UInt64($0) }
        seed = given ?? UInt64(truncatingIfNeeded: DispatchTime.now().uptimeNanoseconds)
        state = seed
        print("\(test): random seed \(seed) (repeat with IMPROVE_TEST_SEED=\(seed))")
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
