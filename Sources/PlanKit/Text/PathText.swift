/// The parts of a file path written as text, as `NSString`'s path methods gave them (swift-corelibs-foundation's
/// rules), without `NSString`, which FoundationEssentials does not have (issue 28).
///
/// Each but ``appending(_:to:)`` first tidies the path as `NSString` did: runs of `/` become one and a trailing
/// `/` goes (`/` stays `/`). (swift-corelibs-foundation's `deletingLastPathComponent` stopped the program on a
/// relative path ending `/`, such as `plans/`; ``parent(of:)`` gives its parent, as Darwin's does.)
public enum PathText {
    /// The last part: `b` of `a/b` and of `a/b/`; `/` of `/`; the path itself when it has no `/`.
    public static func lastComponent(of path: String) -> String {
        let tidy = tidied(path)
        guard tidy.count > 1 else { return tidy }
        return String(tidy[startOfLastComponent(tidy)...])
    }

    /// The path without its last part: `a` of `a/b`, `/` of `/a`, empty for `a`, `/` for `/`.
    public static func parent(of path: String) -> String {
        let tidy = tidied(path)
        if tidy == "/" || tidy.isEmpty { return tidy }
        let start = startOfLastComponent(tidy)
        if start == tidy.startIndex { return "" }
        if start == tidy.index(after: tidy.startIndex) { return "/" }
        return String(tidy[..<tidy.index(before: start)])
    }

    /// The path with a part added after a `/` (`a` and `b` give `a/b`, `a/` and `b` too); an empty path gives
    /// the part, an empty part the path as it is.
    public static func appending(_ component: String, to path: String) -> String {
        if component.isEmpty { return path }
        if path.isEmpty { return component }
        return path.hasSuffix("/") ? path + component : path + "/" + component
    }

    /// The extension of the last part, without its dot: `json` of `a/plan.json`, empty for `.hidden`,
    /// `plan.` or `plan`.
    public static func extensionName(of path: String) -> String {
        let tidy = tidied(path)
        guard tidy.count > 1, let start = startOfExtension(tidy) else { return "" }
        return String(tidy[start...])
    }

    /// The path without the last part's extension and its dot (`plan` of `plan.json`, and of `plan.`).
    public static func deletingExtension(of path: String) -> String {
        let tidy = tidied(path)
        guard tidy.count > 1 else { return tidy }
        if let start = startOfExtension(tidy) { return String(tidy[..<tidy.index(before: start)]) }
        if tidy.hasSuffix("."), tidy.index(before: tidy.endIndex) != startOfLastComponent(tidy) { return String(tidy.dropLast()) }
        return tidy
    }

    private static func tidied(_ path: String) -> String {
        var result = ""
        var previousSlash = false
        for character in path {
            if character == "/" {
                if previousSlash { continue }
                previousSlash = true
            } else {
                previousSlash = false
            }
            result.append(character)
        }
        if result.count > 1, result.hasSuffix("/") { result.removeLast() }
        return result
    }

    private static func startOfLastComponent(_ tidy: String) -> String.Index {
        guard let slash = tidy.lastIndex(of: "/") else { return tidy.startIndex }
        return tidy.index(after: slash)
    }

    /// Where the extension starts (after its dot); nil for none, a leading dot (a hidden file) or a trailing one.
    private static func startOfExtension(_ tidy: String) -> String.Index? {
        let componentStart = startOfLastComponent(tidy)
        guard let dot = tidy[componentStart...].lastIndex(of: "."), dot != componentStart else { return nil }
        let start = tidy.index(after: dot)
        return start == tidy.endIndex ? nil : start
    }
}
