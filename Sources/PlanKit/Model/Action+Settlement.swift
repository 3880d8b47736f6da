extension Action {
    /// The deadline moves (of the action's deadline or a milestone's) recorded
    /// on or before `asOf` that a later move re-decided, by their index in
    /// `history`: reports count them as no move of their own.
    ///
    /// Two clones that each moved a deadline from the same date leave both moves
    /// in the merged history; `resolve` then records the settlement as a move
    /// from that same date to the value chosen. The rule: a move is superseded
    /// when a later move of the same deadline starts from the same date, and no
    /// move in between brought the deadline back to that date (a deadline moved
    /// out, back, and out again is three moves).
    public func supersededDeadlineMoves(asOf: CalendarDate) -> Set<Int> {
        // Each move: which deadline, from, to.
        var moves: [(index: Int, target: String, from: Deadline?, to: Deadline)] = []
        for (index, entry) in self.history.enumerated() where entry.date <= asOf {
            if let change = entry.deadlineChange { moves.append((index, "", change.from, change.to)) }
            if let milestone = entry.milestoneChange, let change = milestone.deadlineChange {
                moves.append((index, "milestone " + milestone.title, change.from, change.to))
            }
        }
        guard moves.count > 1 else { return [] }
        var superseded = Set<Int>()
        for (position, move) in moves.enumerated() {
            for later in moves[(position + 1)...] where later.target == move.target {
                if later.to == move.from && later.from != move.from { break }
                if later.from == move.from {
                    superseded.insert(move.index)
                    break
                }
            }
        }
        return superseded
    }
}
