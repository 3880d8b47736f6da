@testable import PlanJSON
import Foundation
import Testing
@testable import PlanKit
import TestSupport

/// Hundreds of random base/ours/theirs triples: notes, deadline moves, undone
/// and corrected entries, milestone renames and re-dates, actions and themes
/// added (ids in either case), removed, edited and withdrawn.
@Suite("Random merges keep every change or record it")
struct MergeRandomTests {
    struct Sides {
        var random: SeededGenerator
        mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        mutating func chance(_ one: Int) -> Bool { random.next() % UInt64(one) == 0 }
        mutating func day() -> CalendarDate { CalendarDate(year: 2019, month: 4, day: Int(random.next() % 28) + 1)! }

        mutating func note(_ plan: inout Plan, by: String, serial: Int) {
            var update = ActionUpdate(date: day(), by: by)
            update.comment = "\(by) note \(serial)"
            if chance(3) { update.status = pick(["RED", "AMBER", "GREEN"]) }
            _ = try? plan.apply(update, toAction: pick(plan.actions.map(\.id)))
        }

        /// One random change, or none when the plan refuses it.
        mutating func change(_ plan: inout Plan, by: String, serial: Int) {
            let ids = plan.actions.map(\.id)
            guard !ids.isEmpty else { return }
            let id = pick(ids)
            let at = plan.actions.firstIndex { $0.id == id }!
            switch random.next() % 11 {
            case 0:
                note(&plan, by: by, serial: serial)
            case 1:
                guard plan.actions[at].deadline?.lastDay != nil, plan.actions[at].milestones.isEmpty else { return }
                var update = ActionUpdate(date: day(), by: by)
                update.newDeadline = Deadline(planText: "2019-\(pick(["07", "08", "09", "10", "11", "12"]))")
                update.reason = "\(by) \(serial)"
                _ = try? plan.apply(update, toAction: id)
            case 2:
                // An undo of a note.
                let notes = plan.actions[at].history.indices.filter { plan.actions[at].history[$0].isNoteOnly }
                if !notes.isEmpty { plan.actions[at].history.remove(at: pick(notes)) }
            case 3:
                // A note corrected by hand.
                let notes = plan.actions[at].history.indices.filter { plan.actions[at].history[$0].isNoteOnly }
                if !notes.isEmpty { plan.actions[at].history[pick(notes)].comment = "\(by) corrected \(serial)" }
            case 4, 5:
                let withMilestones = plan.actions.filter { !$0.milestones.isEmpty }.map(\.id)
                guard !withMilestones.isEmpty else { return }
                let id = pick(withMilestones)
                guard let milestone = plan.action(id: id)?.milestones.first.map(\.title) else { return }
                var edit = ActionEdit(date: day(), by: by)
                if random.next() % 2 == 0 {
                    edit.milestone = .change(milestone, rename: "\(milestone) (\(by)\(serial))", deadline: nil, reason: nil)
                } else {
                    edit.milestone = .change(milestone, rename: nil, deadline: Deadline(planText: "2019-\(pick(["05", "06", "07"]))"), reason: by)
                }
                _ = try? plan.apply(edit, toAction: id)
            case 6:
                let theme = plan.themes.contains { $0.id == "Z" || $0.id == "z" } && chance(2)
                    ? plan.themes.first { $0.id == "Z" || $0.id == "z" }!.id : "LM"
                let newID = pick(["LM 30", "lm30", "LM 31", "lm 31", "Z 1", "z1"])
                guard !plan.actions.contains(where: { IdentifierMatcher.matches($0.id, newID) }) else { return }
                plan.actions.append(Action(id: newID, theme: theme, text: "\(by) added \(serial)", leads: [by]))
            case 7:
                plan.actions.remove(at: at)
            case 8:
                var edit = ActionEdit(date: day(), by: by)
                edit.text = "\(by) text \(serial)"
                _ = try? plan.apply(edit, toAction: id)
            case 9:
                let newID = pick(["Z", "z"])
                guard !plan.themes.contains(where: { IdentifierMatcher.matches($0.id, newID) }) else { return }
                plan.themes.append(Theme(id: newID, title: "\(by) theme \(serial)"))
            default:
                _ = try? plan.withdraw(actionID: id, reason: "\(by) \(serial)", date: day(), by: by)
            }
        }
    }

    func errors(_ plan: Plan) -> [String] {
        PlanValidator.problems(in: plan, file: "m", latestRecordable: testToday.latestRecordable).filter { $0.severity == .error }.map { "\($0.path): \($0.message)" }
    }

    @Test func randomTriplesMergeValidlyLoseNothingSilentlyAndSettleWithTheirs() throws {
        var sides = Sides(random: SeededGenerator(test: "randomTriplesMergeValidlyLoseNothingSilentlyAndSettleWithTheirs"))
        let example = try loadExample("blackpool-2019.json")
        // A smaller plan keeps the clashes frequent: the first themes' actions.
        var start = example
        start.actions = example.actions.filter { ["LM 4", "LM 8", "LM 9", "LM 12", "LM 14", "LM 15"].contains($0.id) }
        var merges = 0, kinds: [String: Int] = [:]
        for round in 0..<400 {
            var base = start
            for serial in 0..<Int(sides.random.next() % 6) { sides.change(&base, by: "C", serial: serial) }
            for serial in 0..<4 { sides.note(&base, by: "C", serial: 10 + serial) }
            base.actions = base.actions.map { var action = $0; action.history = action.history.map { var e = $0; e.date = CalendarDate(year: 2019, month: 3, day: e.date.day)!; return e }; return action }
            guard errors(base).isEmpty else { continue }
            var ours = base, theirs = base
            for serial in 0..<Int(sides.random.next() % 6) { sides.change(&ours, by: "A", serial: serial) }
            for serial in 0..<Int(sides.random.next() % 6) { sides.change(&theirs, by: "B", serial: serial) }
            guard errors(ours).isEmpty, errors(theirs).isEmpty else { continue }
            let result = PlanMerge.merge(base: base, ours: ours, theirs: theirs, today: testToday)
            let context = "round \(round)"
            merges += 1
            for conflict in result.conflicts { kinds["\(conflict.kind) \(conflict.field.first ?? "whole") \(conflict.field.last ?? "")", default: 0] += 1 }
            #expect(errors(result.plan).isEmpty, "\(context): \(errors(result.plan))")
            #expect(!result.conflicts.contains { $0.kind == .plan && $0.field.isEmpty }, "\(context): no whole-plan fallback")
            // Nothing either side changed is lost silently.
            for side in [ours, theirs] {
                for action in side.actions {
                    let conflicted = result.conflicts.contains { IdentifierMatcher.matches($0.id, action.id) }
                    // Unchanged on this side, the other side's removal stands.
                    guard !conflicted, action != base.action(id: action.id) else { continue }
                    guard let merged = result.plan.actions.first(where: { $0.id == action.id }) else {
                        Issue.record("\(context): \(action.id) lost; conflicts \(result.conflicts.map { "\($0.item) \($0.field)" }); base \(base.actions.map(\.id)) ours \(ours.actions.map(\.id)) theirs \(theirs.actions.map(\.id)) merged \(result.plan.actions.map(\.id))")
                        continue
                    }
                    let before = base.action(id: action.id)
                    for entry in action.history where !(before?.history.contains(entry) ?? false) {
                        #expect(merged.history.contains { $0.date == entry.date && $0.by == entry.by && $0.comment == entry.comment && $0.status == entry.status },
                                "\(context): \(action.id) lost an entry of \(entry.by ?? "")")
                    }
                    if action.text != before?.text { #expect(merged.text == action.text, "\(context): \(action.id) text") }
                    if action.deadline != before?.deadline { #expect(merged.deadline == action.deadline, "\(context): \(action.id) deadline") }
                }
                for action in base.actions where side.action(id: action.id) == nil {
                    let conflicted = result.conflicts.contains { IdentifierMatcher.matches($0.id, action.id) }
                    #expect(conflicted || result.plan.action(id: action.id) == nil, "\(context): the removal of \(action.id) lost")
                }
                for theme in side.themes {
                    #expect(result.plan.themes.contains { IdentifierMatcher.matches($0.id, theme.id) }, "\(context): theme \(theme.id) lost")
                }
            }
            // The same as merging the whole JSON trees, as the merge first did.
            let whole = PlanMerge.mergeWholeTrees(base: base, ours: ours, theirs: theirs, today: testToday)
            #expect(whole.conflicts == result.conflicts, "\(context): conflicts differ from the whole-tree merge")
            if JSONWriter.bytes(from: whole.plan.jsonValue()) != JSONWriter.bytes(from: result.plan.jsonValue()) {
                let differing = Set(whole.plan.actions.map(\.id) + result.plan.actions.map(\.id))
                    .filter { whole.plan.action(id: $0) != result.plan.action(id: $0) }.sorted()
                let shown = differing.first.map { id in
                    [whole.plan, result.plan, base, ours, theirs].map { plan in plan.action(id: id).map { JSONWriter.compactString(from: $0.jsonValue) } ?? "none" }
                        .joined(separator: "\n") } ?? ""
                Issue.record("\(context): the plan differs from the whole-tree merge in \(differing) (whole, entry by entry, base, ours, theirs):\n\(shown)")
            }
            // Either way round, the same plan where there is no conflict.
            let swapped = PlanMerge.merge(base: base, ours: theirs, theirs: ours, today: testToday)
            #expect(result.conflicts.isEmpty == swapped.conflicts.isEmpty, "\(context): a conflict one way round only")
            if result.conflicts.isEmpty {
                #expect(JSONWriter.bytes(from: result.plan.jsonValue()) == JSONWriter.bytes(from: swapped.plan.jsonValue()), "\(context): depends on which side is ours")
            }
            // Every conflict, in the order recorded, settles with theirs into a valid plan.
            var plan = result.plan
            for (position, recorded) in result.conflicts.enumerated() {
                // As resolve does: a milestone renamed by an earlier settlement is found by its new title.
                let conflict = result.conflicts[..<position].reduce(recorded) { $0.following($1, with: $1.theirs) }
                guard var json = PlanMerge.settling(conflict, with: conflict.theirs, in: plan) else {
                    Issue.record("\(context): \(conflict.item) \(conflict.field) is no longer in the plan")
                    break
                }
                if let entry = PlanMerge.settlementEntry(for: conflict, with: conflict.theirs, on: date("2019-05-01"), by: "R", how: "theirs") {
                    json = PlanMerge.recording(entry, onAction: conflict.id, in: json) ?? json
                }
                let check = PlanLoader.check(bytes: JSONWriter.bytes(from: json), file: "s", today: testToday)
                guard let settled = check.plan, !check.hasErrors else {
                    Issue.record("\(context): taking theirs for \(conflict.item) \(conflict.field) gives an invalid plan: \(check.problems.filter { $0.severity == .error }.map(\.message))")
                    break
                }
                plan = settled
            }
        }
        print("merged \(merges) triples; conflicts: \(kinds.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))")
        #expect(merges > 300, "most triples are valid plans on both sides")
        #expect(kinds.count >= 5, "the edits make conflicts of several kinds")
    }
}

extension StatusChange {
    /// A note or status only: what an undo or a hand correction may touch without changing the action.
    var isNoteOnly: Bool { deadlineChange == nil && milestoneChange == nil && leadChange == nil && textEdit == nil && withdrawal == nil }
}
