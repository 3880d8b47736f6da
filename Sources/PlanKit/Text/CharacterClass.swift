/// A class of Unicode scalars that text is trimmed of or searched for, decided by the standard library's
/// own Unicode properties.
///
/// It stands in for Foundation's `CharacterSet`, which lives outside FoundationEssentials: the shipped
/// binary imports only FoundationEssentials so that it does not carry ICU's data (issue 28). The classes
/// keep `CharacterSet`'s definitions, so text trims as it did: `whitespaces` is the space separators (Zs),
/// tab and the zero-width space U+200B (which Foundation counts), `whitespacesAndNewlines` those, every
/// separator (Z*), the C0 line ends U+000A–U+000D and NEL (U+0085), `newlines` those line ends and U+2028–U+2029, `decimalDigits` the decimal numbers (Nd), `punctuationCharacters` the punctuation (P*).
public struct CharacterClass: Sendable {
    private let test: @Sendable (Unicode.Scalar) -> Bool

    public init(_ test: @escaping @Sendable (Unicode.Scalar) -> Bool) { self.test = test }

    /// The scalars of a string, each one a member (`CharacterClass(charactersIn: ".:)")`).
    public init(charactersIn members: String) {
        let scalars = Set(members.unicodeScalars)
        test = { scalars.contains($0) }
    }

    public func contains(_ scalar: Unicode.Scalar) -> Bool { test(scalar) }

    /// The scalars in either class.
    public func union(_ other: CharacterClass) -> CharacterClass {
        CharacterClass { self.test($0) || other.test($0) }
    }

    /// Spaces and tab: the space separators (Zs), U+0009 and U+200B.
    public static let whitespaces = CharacterClass { $0 == "\t" || $0 == "\u{200B}" || $0.properties.generalCategory == .spaceSeparator }

    /// Spaces, tab and line ends: every separator (Zs, Zl, Zp), U+000A–U+000D and U+0085.
    public static let whitespacesAndNewlines = CharacterClass { scalar in
        switch scalar.value {
        case 0x09...0x0D, 0x85, 0x200B: return true
        default:
            switch scalar.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }

    /// Line ends: U+000A–U+000D, U+0085, U+2028 and U+2029.
    public static let newlines = CharacterClass { scalar in
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Decimal digits of any script (Nd).
    public static let decimalDigits = CharacterClass { $0.properties.generalCategory == .decimalNumber }

    /// Punctuation (Pc, Pd, Ps, Pe, Pi, Pf, Po).
    public static let punctuationCharacters = CharacterClass { scalar in
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }

    /// Letters, marks and numbers (L*, M*, N*).
    public static let alphanumerics = CharacterClass { scalar in
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }
}

extension StringProtocol {
    /// The text without the class's scalars at either end, as Foundation's `trimmingCharacters(in:)` gives it:
    /// trimmed scalar by scalar, so a combining mark after a trimmed space stays.
    public func trimming(_ members: CharacterClass) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !members.contains($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !members.contains($0) })!
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars[first...last])
        return String(kept)
    }

    /// The text without spaces, tabs or line ends at either end.
    public func trimmingWhitespace() -> String { trimming(.whitespacesAndNewlines) }

    /// Whether any of the text's scalars is in the class.
    public func containsAny(of members: CharacterClass) -> Bool {
        unicodeScalars.contains { members.contains($0) }
    }
}

extension StringProtocol {
    /// The text with every occurrence of `target` replaced, left to right, compared scalar by scalar as
    /// Foundation's `replacingOccurrences(of:with:)` compared code units: so `"\n"` is found inside a
    /// `"\r\n"` line end, which a search by `Character` would not see; but, as Foundation, not a letter
    /// that a combining mark follows (`e` is not found in `e` + U+0301, which is `é`).
    public func replacingEvery(_ target: String, with replacement: String) -> String {
        let wanted = Array(target.unicodeScalars)
        guard let head = wanted.first else { return String(self) }
        let scalars = Array(unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == head, index + wanted.count <= scalars.count, scalars[index..<index + wanted.count].elementsEqual(wanted),
               index + wanted.count == scalars.count || !Self.isMark(scalars[index + wanted.count]) {
                result.append(contentsOf: replacement.unicodeScalars)
                index += wanted.count
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}

extension StringProtocol {
    /// The text made `length` UTF-16 units long, as Foundation's `padding(toLength:withPad: " ", startingAt: 0)`
    /// made it: spaces added, or characters cut from the end (a character is never split).
    public func padded(toLength length: Int) -> String {
        var text = String(self)
        while text.utf16.count > length { text.removeLast() }
        return text + String(repeating: " ", count: length - text.utf16.count)
    }
}

extension StringProtocol {
    /// Whether the text sorts before `other` with runs of ASCII digits compared by their value (`HMIP 2`
    /// before `HMIP 10`), as Foundation's `compare(_:options: .numeric)` sorted; other characters compare
    /// scalar by scalar; runs equal in value are equal whatever their leading zeros (`9` and `09`), and
    /// a text that is the start of the other comes first.
    public func precedesNumerically(_ other: some StringProtocol) -> Bool {
        let left = Array(unicodeScalars), right = Array(other.unicodeScalars)
        var i = 0, j = 0
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 48 && scalar.value <= 57 }
        while i < left.count, j < right.count {
            if isDigit(left[i]), isDigit(right[j]) {
                var iEnd = i, jEnd = j
                while iEnd < left.count, isDigit(left[iEnd]) { iEnd += 1 }
                while jEnd < right.count, isDigit(right[jEnd]) { jEnd += 1 }
                let a = left[i..<iEnd].drop { $0 == "0" }, b = right[j..<jEnd].drop { $0 == "0" }
                if a.count != b.count { return a.count < b.count }
                if !a.elementsEqual(b) { return a.lexicographicallyPrecedes(b) { $0.value < $1.value } }
                i = iEnd
                j = jEnd
            } else {
                if left[i] != right[j] { return left[i].value < right[j].value }
                i += 1
                j += 1
            }
        }
        return left.count - i < right.count - j
    }
}
