/// git's conflict markers in a file merged by lines (`git merge-file --diff3`):
/// finding them, so that a plan that holds them is explained as a merge left
/// unfinished rather than as a stray '<', and splitting the file back into the
/// sides they hold, so that the sides can be merged by meaning once each reads
/// as a plan again.
public enum ConflictMarkers {
    /// git's usual marker length (`<<<<<<<`); git uses more for an inner
    /// (virtual ancestor) merge, and the merge driver more again when a side
    /// already holds markers of the usual length.
    public static let standardSize = 7

    /// The kind of marker a line is, and its length, when it is one: the
    /// marker character repeated at least `minimumSize` times at the start of
    /// the line, then a space or the end of the line.
    public static func marker(in line: Substring, minimumSize: Int = standardSize) -> (character: Character, size: Int)? {
        guard let first = line.first, "<|=>".contains(first) else { return nil }
        let size = line.prefix { $0 == first }.count
        guard size >= minimumSize else { return nil }
        let rest = line.dropFirst(size)
        guard rest.isEmpty || rest.first == " " || rest.first == "\r" else { return nil }
        return (first, size)
    }

    /// The 1-based number of the first line that is a conflict marker, if any.
    public static func firstMarkerLine(in bytes: [UInt8]) -> Int? {
        var number = 0
        for line in lines(of: bytes) {
            number += 1
            if marker(in: line) != nil { return number }
        }
        return nil
    }

    /// Whether the given 1-based line of the file is a conflict marker.
    public static func isMarker(line wanted: Int, in bytes: [UInt8]) -> Bool {
        var number = 0
        for line in lines(of: bytes) {
            number += 1
            if number == wanted { return marker(in: line) != nil }
        }
        return false
    }

    /// The longest marker of any kind in the file (0 for none): a merge by
    /// lines of files that already hold markers uses longer ones, so that
    /// its own can be told from theirs.
    public static func longestMarker(in bytes: [UInt8]) -> Int {
        lines(of: bytes).reduce(0) { max($0, marker(in: $1)?.size ?? 0) }
    }

    /// One side of a file merged by lines: its text, and for each of its
    /// lines the line of the merged file it came from (1-based).
    public struct Side: Sendable, Equatable {
        public var text: String
        public var lines: [Int]

        /// The line of the merged file that the side's line `line` came from.
        public func mergedLine(_ line: Int) -> Int? {
            line >= 1 && line <= lines.count ? lines[line - 1] : nil
        }
    }

    /// A merged file split into the versions its markers hold.
    public struct Split: Sendable, Equatable {
        public var ours: Side
        public var theirs: Side
        /// The common version, when the markers hold it (diff3 style).
        public var base: Side?
        /// How many conflicting places the markers mark.
        public var hunks: Int
    }

    /// Why a merged file could not be split.
    public struct SplitError: Error, Equatable, Sendable {
        /// The line of the merged file at fault (1-based).
        public var line: Int
        public var message: String
    }

    /// Splits a merged file at its markers of `size` (the longest in the
    /// file when not given): lines outside the markers belong to every side.
    /// `nil` when there are no markers.
    public static func split(_ text: String, size given: Int? = nil) throws(SplitError) -> Split? {
        let all = text.split(separator: "\n", omittingEmptySubsequences: false)
        let size = given ?? all.reduce(0) { max($0, marker(in: $1)?.size ?? 0) }
        guard size >= standardSize else { return nil }
        enum Part { case shared, ours, base, theirs }
        var part = Part.shared, hunks = 0, sawBase = false, start = 0
        var ours: [(Substring, Int)] = [], theirs: [(Substring, Int)] = [], base: [(Substring, Int)] = []
        for (index, line) in all.enumerated() {
            let number = index + 1
            if let found = marker(in: line, minimumSize: size), found.size == size {
                switch (found.character, part) {
                case ("<", .shared): part = .ours; hunks += 1; start = number
                case ("|", .ours): part = .base; sawBase = true
                case ("=", .ours), ("=", .base): part = .theirs
                case (">", .theirs): part = .shared
                default:
                    throw SplitError(line: number, message: "a conflict marker '\(String(line.prefix(size)))' out of place; "
                        + "each conflict runs <<<<<<< ours, ||||||| base, ======= theirs, >>>>>>>")
                }
                continue
            }
            switch part {
            case .shared:
                ours.append((line, number)); theirs.append((line, number)); base.append((line, number))
            case .ours: ours.append((line, number))
            case .base: base.append((line, number))
            case .theirs: theirs.append((line, number))
            }
        }
        guard hunks > 0 else { return nil }
        guard part == .shared else {
            throw SplitError(line: start, message: "the conflict that starts here has no closing '\(String(repeating: ">", count: size))' marker")
        }
        func side(_ lines: [(Substring, Int)]) -> Side {
            Side(text: lines.map { String($0.0) }.joined(separator: "\n"), lines: lines.map(\.1))
        }
        return Split(ours: side(ours), theirs: side(theirs), base: sawBase ? side(base) : nil, hunks: hunks)
    }

    private static func lines(of bytes: [UInt8]) -> [Substring] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    }
}
