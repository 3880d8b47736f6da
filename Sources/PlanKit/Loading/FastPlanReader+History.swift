/// Reading history entries: in full, or only checked when the command
/// leaves them out (see ``HistoryReading``).
extension FastPlanReader {
    /// An action's history, newest first, with only the entries ``reading`` keeps
    /// (see ``HistoryReading``); the others are checked on their bytes.
    mutating func history() throws(Bailout) -> [StatusChange] {
        guard case .positionOn(let day) = reading else {
            return try array { reader throws(Bailout) in try reader.statusChange() }
        }
        var foundStatus = false
        var previous: CalendarDate?
        let entries = try array { reader throws(Bailout) -> StatusChange? in
            reader.skipWhitespace()
            let start = reader.index
            if let plain = try reader.plainEntry() {
                guard previous.map({ plain.date <= $0 }) ?? true else { throw Bailout() }
                previous = plain.date
                if plain.date > day || foundStatus {
                    // Left out: its order is checked above, its status at the end.
                    if let status = plain.status, !reader.statusesLeftOut.contains(status) { reader.statusesLeftOut.append(status) }
                    return nil
                }
                // Kept: read it again in full.
                reader.index = start
            }
            let entry = try reader.statusChange()
            guard previous.map({ entry.date <= $0 }) ?? true else { throw Bailout() }
            previous = entry.date
            if entry.date <= day, entry.status != nil { foundStatus = true }
            return entry
        }
        return entries.compactMap { $0 }
    }

    /// Passes over a history entry that records only a date, a status, who and
    /// a comment, checking it as ``statusChange()`` would without keeping its
    /// text; `nil`, with the reader back at the entry's start, for any other entry.
    mutating func plainEntry() throws(Bailout) -> (date: CalendarDate, status: Key?)? {
        skipWhitespace()
        let start = index
        // The usual layout is recognised directly; anything else is read key by key.
        if let entry = PlainEntryScan.entry(in: bytes, at: start) {
            index = entry.end
            return (entry.date, entry.status.map { Key(start: bytes.baseAddress! + $0.lowerBound, length: $0.count) })
        }
        var date: CalendarDate?, status: Key?, recordsSomething = false, isPlain = true
        try object { reader, key throws(Bailout) in
            switch key {
            case "date": date = try reader.day()
            case "status":
                status = try reader.key()
                // A blank status is left to the full reader to report.
                if status!.length == 0 || status!.start.pointee <= 0x20 { throw Bailout() }
                recordsSomething = true
            case "by": try reader.skipText()
            case "comment": try reader.skipText(); recordsSomething = true
            case "deadline": isPlain = false; _ = try reader.deadlineChange()
            case "milestone": isPlain = false; _ = try reader.milestoneChange()
            case "leads": isPlain = false; _ = try reader.leadChange()
            default: throw Bailout()
            }
        }
        guard isPlain else {
            index = start
            return nil
        }
        guard let date, recordsSomething else { throw Bailout() }
        return (date, status)
    }

    mutating func statusChange() throws(Bailout) -> StatusChange {
        var date: CalendarDate?
        var change = StatusChange(date: CalendarDate(dayNumber: 0))
        var recordsSomething = false
        try object { reader, key throws(Bailout) in
            switch key {
            case "date": date = try reader.day()
            case "status": change.status = try reader.text(); recordsSomething = true
            case "by": change.by = try reader.text()
            case "comment": change.comment = try reader.text(); recordsSomething = true
            case "deadline": change.deadlineChange = try reader.deadlineChange(); recordsSomething = true
            case "milestone": change.milestoneChange = try reader.milestoneChange(); recordsSomething = true
            case "leads": change.leadChange = try reader.leadChange(); recordsSomething = true
            default: throw Bailout()
            }
        }
        guard let date, recordsSomething else { throw Bailout() }
        change.date = date
        return change
    }

    mutating func deadlineChange() throws(Bailout) -> DeadlineChange {
        var from: Deadline?, to: Deadline?, reason: String?
        try object { reader, key throws(Bailout) in
            switch key {
            case "from": from = try reader.deadline()
            case "to": to = try reader.deadline()
            case "reason": reason = try reader.text()
            default: throw Bailout()
            }
        }
        guard let to, let reason else { throw Bailout() }
        return DeadlineChange(from: from, to: to, reason: reason)
    }

    mutating func milestoneChange() throws(Bailout) -> MilestoneChange {
        var title: String?, completed: CalendarDate?, reopened = false
        try object { reader, key throws(Bailout) in
            switch key {
            case "title": title = try reader.text()
            case "completed": completed = try reader.day()
            case "reopened": reopened = try reader.boolean()
            default: throw Bailout()
            }
        }
        guard let title, (completed == nil) == reopened else { throw Bailout() }
        return MilestoneChange(title: title, completed: completed)
    }

    mutating func leadChange() throws(Bailout) -> LeadChange {
        var from: [String] = [], to: [String]?
        try object { reader, key throws(Bailout) in
            switch key {
            case "from": from = try reader.texts()
            case "to": to = try reader.texts()
            default: throw Bailout()
            }
        }
        guard let to else { throw Bailout() }
        return LeadChange(from: from, to: to)
    }
}
