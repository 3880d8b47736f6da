import PlanKit

extension EditOutcome {
    /// `blackpool-2019  LM 7  text edited; lead added Sam Smith  recorded 2019-04-02 by A Lead`: the
    /// answer to an edit, in the words the history is read in (``StatusChange/changesInWords``).
    public var summary: String {
        let words = entries.flatMap(\.changesInWords).joined(separator: "; ")
        var line = "\(planID)  \(action.id)  \(words)  recorded \(entries.first?.date.description ?? "")"
        if let by = entries.first?.by { line += " by \(by)" }
        return line
    }
}
