import PlanKit

/// One filled row recorded as a history entry.
public struct ReturnedUpdate: Sendable {
    public var row: UpdateReturn.Row
    public var outcome: UpdateOutcome
}

/// A filled row whose action changed after the request went out: what the
/// lead saw (in the row) against what the plan says now.
public struct UpdateConflict: Sendable, Equatable {
    public var row: UpdateReturn.Row
    public var nowStatus: String
    public var nowPosition: String
    public var nowDeadline: String
    /// The row carries no stamp, so whether the plan changed cannot be told.
    public var hasNoStamp: Bool
}

/// What recording a returned request did to one plan.
public struct ReturnRecording: Sendable {
    public var updated: [ReturnedUpdate] = []
    /// Rows refused because their action changed since the export.
    public var refused: [UpdateConflict] = []
    /// Rows whose update the plan already holds (the same file read back twice).
    public var alreadyRecorded: [UpdateReturn.Row] = []
}

extension UpdateReturn {
    /// The filled rows, those left blank counted apart.
    public var filledRows: [Row] { rows.filter { !$0.isBlank } }

    /// Every problem of the filled rows against the plans, found before
    /// anything is written: a plan or action not there, a status outside the
    /// plan's scheme, a date unreadable or out of range, a milestone not open,
    /// an update the plan refuses. Rows whose action changed since export are
    /// conflicts, not problems (``Plan/record(_:today:by:force:)``).
    public func problems(plans: [Plan], today: CalendarDate, by: String?, force: Bool) -> [RowProblem] {
        var problems: [RowProblem] = []
        let ids = plans.map(\.id)
        for row in filledRows where !ids.contains(row.planID) {
            problems.append(RowProblem(place: row.place(.plan), actionID: row.actionID, kind: .unknownPlan(row.planID, loaded: ids.sorted())))
        }
        for plan in plans {
            var copy = plan
            do throws(UpdateReturnError) { _ = try copy.record(rows, today: today, by: by, force: force) } catch {
                if case .rows(let found) = error { problems += found }
            }
        }
        return problems
    }
}

extension Plan {
    /// Records the filled rows of a returned request meant for this plan, each
    /// as one history entry, all or none.
    ///
    /// A row whose stamp no longer matches its action (an update recorded since
    /// export), or that has none, is refused unless `force`; but when the plan
    /// already holds the very entry the row would make, it is counted as
    /// already recorded. Stamps are compared with the plan as it is before any
    /// row is recorded, so two leads' rows for one action are both taken.
    ///
    /// - Parameters:
    ///   - by: who the entries are recorded by; `nil` for the lead each sheet names.
    ///   - force: take rows whose action changed since export, and mark an action
    ///     complete although milestones are open.
    /// - Throws: ``UpdateReturnError/rows(_:)`` with every row that cannot be recorded.
    public mutating func record(_ rows: [UpdateReturn.Row], today: CalendarDate, by: String?, force: Bool) throws(UpdateReturnError) -> ReturnRecording {
        let mine = rows.filter { $0.planID == id && !$0.isBlank }
        let scheme = ragScheme
        let earliest = inspection.firstDay
        var problems: [RowProblem] = []
        var recording = ReturnRecording()
        // What each row would record, and whether its action moved since export, against the plan as it is.
        var planned: [(row: UpdateReturn.Row, update: ActionUpdate)] = []
        var firstRow: [String: Int] = [:]
        for row in mine {
            func problem(_ column: UpdateRequest.Column, _ kind: RowProblem.Kind) {
                problems.append(RowProblem(place: row.place(column), actionID: row.actionID, kind: kind))
            }
            if let first = firstRow[row.actionID] {
                problem(.action, .filledTwice(firstRow: first))
                continue
            }
            firstRow[row.actionID] = row.number
            guard let action = action(id: row.actionID) else {
                problem(.action, .unknownAction(plan: id))
                continue
            }
            var date = today
            if let typed = row.date {
                do throws(DateInputError) {
                    date = try DateInput.day(typed, today: today)
                    if date < earliest || date > today { problem(.date, .dateOutOfRange(date, earliest: earliest, latest: today)) }
                } catch {
                    problem(.date, .unreadableDate(typed, error))
                }
            }
            var update = ActionUpdate(date: date, by: by ?? row.lead)
            update.force = force
            update.comment = row.comment
            if let typed = row.newStatus {
                if let level = scheme.level(matching: typed) { update.status = level.code } else {
                    problem(.newStatus, .unknownStatus(typed, labels: scheme.levels.map(\.label)))
                }
            }
            if let typed = row.milestoneDone, !UpdateReturn.isNo(typed) {
                let open = action.milestones.indices.filter { action.milestones[$0].completed == nil }
                if UpdateReturn.isYes(typed) {
                    if let first = open.first { update.milestone = String(first + 1) } else { problem(.milestoneDone, .unknownMilestone(typed, open: 0)) }
                } else {
                    update.milestone = typed
                }
                update.milestoneUpdate = .done(nil)
            }
            // The very entry the row would make is in the plan: the file read back again. Never
            // recorded twice, --force or not (a second "Yes" would tick the next milestone).
            let entry = update
            let already = action.history.contains {
                $0.date == entry.date && $0.status == entry.status && $0.comment == entry.comment && $0.by == entry.by
            }
            if already {
                recording.alreadyRecorded.append(row)
                continue
            }
            let current = UpdateRequest.stamp(of: action)
            if row.stamp != current, !force {
                let now = UpdateRequest.row(action, in: self, asOf: today)
                recording.refused.append(UpdateConflict(row: row, nowStatus: now.status?.label ?? "none", nowPosition: now.position,
                                                        nowDeadline: now.deadline, hasNoStamp: row.stamp == nil))
                continue
            }
            planned.append((row, update))
        }
        if problems.isEmpty {
            for (row, update) in planned {
                do throws(UpdateError) {
                    recording.updated.append(ReturnedUpdate(row: row, outcome: try apply(update, toAction: row.actionID)))
                } catch {
                    let column: UpdateRequest.Column
                    switch error {
                    case .unknownMilestone(let typed, _, _):
                        let open = action(id: row.actionID)?.milestones.filter { $0.completed == nil }.count ?? 0
                        problems.append(RowProblem(place: row.place(.milestoneDone), actionID: row.actionID, kind: .unknownMilestone(typed, open: open)))
                        continue
                    case .milestoneAlreadyDone: column = .milestoneDone
                    case .completeNeedsComment: column = .comment
                    case .unknownStatus, .openMilestones: column = .newStatus
                    default: column = .action
                    }
                    problems.append(RowProblem(place: row.place(column), actionID: row.actionID, kind: .refused(error)))
                }
            }
        }
        guard problems.isEmpty else { throw .rows(problems) }
        return recording
    }
}
