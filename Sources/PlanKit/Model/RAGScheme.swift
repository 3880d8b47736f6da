import FoundationEssentials

/// A colour a RAG level is shown in.
public enum RAGColour: String, CaseIterable, Sendable {
    case red, amber, green, blue, grey, purple

    /// The colour as an sRGB hex triplet, for HTML and SVG.
    public var hex: String {
        switch self {
        case .red: return "#c0392b"
        case .amber: return "#e69b00"
        case .green: return "#2e8b3a"
        case .blue: return "#2f6fb3"
        case .grey: return "#7f8c8d"
        case .purple: return "#7d3c98"
        }
    }

    /// The ANSI SGR code for the colour on a terminal.
    public var ansiCode: String {
        switch self {
        case .red: return "31"
        case .amber: return "33"
        case .green: return "32"
        case .blue: return "34"
        case .grey: return "90"
        case .purple: return "35"
        }
    }
}

/// One level of a RAG scheme, such as `GREEN` ("Complete").
public struct RAGLevel: Hashable, Sendable {
    /// The short code recorded in status history (`GREEN`).
    public var code: String
    /// A short human label (`Complete`).
    public var label: String
    /// What the level means, as the plan's key explains it.
    public var meaning: String
    /// The colour the level is shown in.
    public var colour: RAGColour
    /// Whether an action at this level is complete.
    public var isComplete: Bool
    /// Whether this level means the action is not due yet.
    public var isNotYetDue: Bool

    public init(code: String, label: String, meaning: String, colour: RAGColour,
                isComplete: Bool = false, isNotYetDue: Bool = false) {
        self.code = code
        self.label = label
        self.meaning = meaning
        self.colour = colour
        self.isComplete = isComplete
        self.isNotYetDue = isNotYetDue
    }
}

/// The ordered status levels a plan rates its actions with.
///
/// Most plans use Red/Amber/Green, often with Blue for "not due yet"; some use
/// a progress scale such as "No improvement / Some progress / Good progress /
/// Complete". Each plan declares its own; without one it uses ``default``.
public struct RAGScheme: Hashable, Sendable {
    /// The levels, in the order reports show them.
    public var levels: [RAGLevel]

    public init(levels: [RAGLevel]) {
        self.levels = levels
    }

    /// Portsmouth's key: BLUE not due yet, RED no action taken / delayed /
    /// behind schedule, AMBER ongoing or planned, GREEN complete.
    public static let `default` = RAGScheme(levels: [
        RAGLevel(code: "BLUE", label: "Not due yet", meaning: "Not due yet", colour: .blue, isNotYetDue: true),
        RAGLevel(code: "RED", label: "Behind schedule",
                 meaning: "No action taken / action delayed / behind schedule", colour: .red),
        RAGLevel(code: "AMBER", label: "Ongoing",
                 meaning: "Action ongoing / Action planned, not yet complete", colour: .amber),
        RAGLevel(code: "GREEN", label: "Complete", meaning: "Action completed", colour: .green, isComplete: true),
    ])

    /// The level whose code or label matches `text`, ignoring case and
    /// surrounding spaces (`green`, `GREEN` and `Complete` all find GREEN).
    public func level(matching text: String) -> RAGLevel? {
        let wanted = text.trimming(.whitespaces).lowercased()
        return levels.first(where: { $0.code.lowercased() == wanted })
            ?? levels.first(where: { $0.label.lowercased() == wanted })
    }

    /// The level with exactly this code.
    public func level(code: String) -> RAGLevel? {
        // Lengths first: comparing the contents of unequal strings is slow, and codes mostly differ in length.
        let length = code.utf8.count
        return levels.first(where: { $0.code.utf8.count == length && $0.code == code })
    }

    /// The codes of all levels, in order, for messages (`BLUE, RED, AMBER, GREEN`).
    public var codeList: String { levels.map(\.code).joined(separator: ", ") }
}

extension RAGScheme {
    /// The words councils write in a deadline or status cell for an action
    /// that is done (`Achieved`, `Complete`, `Completed`, `Done`, `Signed off`),
    /// any case, with trailing punctuation.
    public static func isCompletionWord(_ text: String) -> Bool {
        let words = text.trimming(.whitespacesAndNewlines.union(.punctuationCharacters)).lowercased()
            .replacingEvery("-", with: " ")
        return completionWords.contains(words)
    }

    private static let completionWords = Set("achieved|complete|completed|done|signed off".split(separator: "|").map(String.init))

    /// Whether a status, progress or comment cell says the action is done by the words it starts with:
    /// a completion word alone (``isCompletionWord(_:)``), or leading a statement (`Action completed.`,
    /// `Completed March 2013`, `Complete – evidence on file`, `Achieved.`, `Done: …`, `Signed off by the Board`).
    ///
    /// The paragraph read is the cell's first; but when several paragraphs start with a date (a log of
    /// updates, `12/03/2013 – Action completed`), the one with the latest date, the current position.
    /// A date leading the paragraph is passed over. `Complete` (which can be an order, "Complete the
    /// audit by May") counts only alone or before punctuation or a dash; `Completion of the audit is due`,
    /// `Not yet completed` and a completion word later in the text do not count.
    public static func saysComplete(_ text: String) -> Bool {
        guard let paragraph = statusParagraph(text) else { return false }
        if isCompletionWord(paragraph) { return true }
        return completionLead.matches(paragraph)
    }

    private static let completionLead = TextPattern(
        "^(?:(?:this\\s+|the\\s+|all\\s+)?actions?\\s+(?:(?:is|are|was|were|has\\s+been|have\\s+been|now)\\s+)?|fully\\s+|now\\s+)?"
        + "(?:(?:completed|achieved|done|signed[\\s-]+off)(?=$|[\\s.:;,!–—-])|complete(?=\\s*$|\\s*[.:;,!–—-]))",
        ignoringCase: true)

    /// The paragraph of a cell that says where an action stands, without a date leading it: the first,
    /// or the latest-dated of two or more that start with a date.
    static func statusParagraph(_ text: String) -> String? {
        let paragraphs = text.split(whereSeparator: \.isNewline).map { $0.trimming(.whitespaces) }.filter { !$0.isEmpty }
        guard let first = paragraphs.first else { return nil }
        let dated = paragraphs.compactMap { paragraph -> (day: Int, rest: String)? in
            guard let match = DeadlineCell.dates(in: paragraph).first, match.range.lowerBound == paragraph.startIndex,
                  let day = (try? DeadlineCell(String(paragraph[match.range])))?.deadline?.lastDay?.dayNumber else { return nil }
            let rest = paragraph[match.range.upperBound...]
                .drop { $0.isWhitespace || ":–—-,.".contains($0) }
            return (day, String(rest))
        }
        if dated.count >= 2, let latest = dated.max(by: { $0.day < $1.day }) { return latest.rest }
        // A single dated paragraph is read only when it is the first.
        if let only = dated.first, DeadlineCell.dates(in: first).first?.range.lowerBound == first.startIndex { return only.rest }
        return first
    }

    /// The level that means complete, when the scheme has one.
    public var completeLevel: RAGLevel? { levels.first(where: \.isComplete) }
}

extension RAGScheme {
    /// The level that says an action is behind (the scheme's red one), when it has one.
    public var behindLevel: RAGLevel? { levels.first { $0.colour == .red } }

    /// Red, Amber, Green without Blue.
    public static let rag = RAGScheme(levels: RAGScheme.default.levels.filter { $0.code != "BLUE" })

    /// A four-level progress scale, as many councils rate progress in words.
    public static let progress = RAGScheme(levels: [
        RAGLevel(code: "NONE", label: "No improvement", meaning: "No improvement", colour: .red),
        RAGLevel(code: "SOME", label: "Some progress", meaning: "Some progress", colour: .amber),
        RAGLevel(code: "GOOD", label: "Good progress", meaning: "Good progress", colour: .green),
        RAGLevel(code: "DONE", label: "Complete", meaning: "Complete", colour: .blue, isComplete: true),
    ])

    /// The schemes `import --scheme` names.
    public static let named: [(name: String, scheme: RAGScheme)] = [("brag", .default), ("rag", .rag), ("progress", .progress)]
}
