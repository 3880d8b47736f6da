import Foundation

/// The plan files a folder search read whole, noted from the threads that
/// read them (hand ``note`` to `PlanFolderIndex.$wholeReads`), for the tests
/// that check a search by ids reads whole only the plans it must.
public final class WholeReads: @unchecked Sendable {
    private let lock = NSLock()
    private var noted: [String] = []

    public init() {}

    /// The files noted, sorted (the threads note them in any order).
    public var files: [String] {
        lock.lock()
        defer { lock.unlock() }
        return noted.sorted()
    }

    public var note: @Sendable (String) -> Void {
        { [self] file in
            lock.lock()
            noted.append(file)
            lock.unlock()
        }
    }
}
