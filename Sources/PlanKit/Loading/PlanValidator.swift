/// Checks the rules a decoded plan must keep beyond its shape: unique ids,
/// links that lead somewhere, statuses of the plan's scheme, milestones within
/// their action's deadline, and dates in order.
package enum PlanValidator {
    /// Every problem with the plan, errors and warnings, in document order.
    ///
    /// - Parameters:
    ///   - plan: the decoded plan.
    ///   - file: the plan file's name, for the problems.
    ///   - latestRecordable: history may not be dated after it (a change is
    ///     recorded on or after the day it was made; see
    ///     ``CalendarDate/latestRecordable(readerToday:now:)`` for why it is
    ///     not the reader's today).
    /// - Returns: the problems found; empty when the plan is clean.
    package static func problems(in plan: Plan, file: String,
                                 latestRecordable: CalendarDate) -> [PlanProblem] {
        var problems: [PlanProblem] = []
        func error(_ path: FormatPath, _ message: String) {
            problems.append(PlanProblem(.error, file: file, path: path.description, message: message))
        }
        func warning(_ path: FormatPath, _ message: String) {
            problems.append(PlanProblem(.warning, file: file, path: path.description, message: message))
        }
        /// Ids must differ; ids people type (`forgiving`) must differ in more
        /// than case, spaces, hyphens, compatibility forms and look-alike letters, or one could never be named.
        /// An id holding an invisible character is refused, once, rather than also reported as a duplicate.
        func checkUnique<Field: FormatField>(_ ids: [String], _ collection: FormatPath, _ idField: Field, forgiving: Bool = true) {
            let what = Field.noun
            var seen: [String: Int] = [:]
            for (index, id) in ids.enumerated() {
                let key = forgiving ? IdentifierMatcher.normalise(id) : id
                if let refusal = refusal(id, "\(what) id") {
                    error(collection[index].then(idField), refusal)
                    if seen[key] == nil { seen[key] = index }
                } else if let first = seen[key] {
                    if ids[first] == id {
                        error(collection[index].then(idField), "duplicate \(what) id \"\(id)\" (also \(collection[first])); ids must be unique within a plan")
                    } else {
                        // Ids that differ by a character that looks like another (a no-break space, a full-width
                        // or Cyrillic letter) would read the same in the message too: it names the character.
                        let unlike = id.unicodeScalars.first { !$0.isASCII && !ids[first].unicodeScalars.contains($0) }
                        let holding = unlike.map { " (with \(IdentifierMatcher.describe($0)))" } ?? ""
                        error(collection[index].then(idField), "\(what) id \"\(id)\"\(holding) is typed the same as \"\(ids[first])\" (\(collection[first])); ids must differ in more than case, spaces, hyphens, character width (ＬＭ１ is LM1) and look-alike letters of other alphabets (Cyrillic М is M)")
                    }
                } else {
                    seen[key] = index
                }
            }
        }
        /// Why an id, or a reference to one, may not be used: it holds a character that does not show
        /// (see ``IdentifierMatcher/refusedCharacter(in:)``), so two ids reading alike would differ.
        func refusal(_ id: String, _ what: String) -> String? {
            guard let scalar = IdentifierMatcher.refusedCharacter(in: id) else { return nil }
            return "\(what) \"\(IdentifierMatcher.visible(id))\" holds \(IdentifierMatcher.describe(scalar)), a character that does not show; "
                + "ids must be visible text, so that ids that read alike are alike: write \"\(IdentifierMatcher.withoutRefused(id))\""
        }
        func suggestion(_ id: String, _ ids: [String]) -> String {
            if let near = IdentifierMatcher.suggestions(for: id, among: ids).first { return "; did you mean \"\(near)\"?" }
            return ""
        }

        if let refusal = refusal(plan.id, "the plan id") {
            error(FormatPath(.id), refusal)
        } else if !Plan.isValidID(plan.id) {
            error(FormatPath(.id), "the plan id \"\(plan.id)\" must not contain ':', which separates a plan from an id (blackpool-2019:LM 7)")
        }

        let scheme = plan.ragScheme
        checkUnique(scheme.levels.map(\.code), FormatPath(.ragScheme).then(RAGSchemeField.levels), RAGLevelField.code, forgiving: false)
        let partIDs = plan.parts.map(\.id)
        let themeIDs = plan.themes.map(\.id)
        let recommendationIDs = plan.recommendations.map(\.id)
        checkUnique(partIDs, FormatPath(.parts), PartField.id, forgiving: false)
        checkUnique(themeIDs, FormatPath(.themes), ThemeField.id)
        checkUnique(recommendationIDs, FormatPath(.recommendations), RecommendationField.id)
        checkUnique(plan.actions.map(\.id), FormatPath(.actions), ActionField.id)

        for (index, meeting) in plan.boardMeetings.enumerated().dropFirst()
        where meeting <= plan.boardMeetings[index - 1] {
            error(FormatPath(.boardMeetings)[index], "board meeting \(meeting) is not after \(plan.boardMeetings[index - 1]); list board meetings in date order, once each")
        }

        for (t, theme) in plan.themes.enumerated() {
            if let part = theme.part, let refusal = refusal(part, "theme \(theme.id): the part") {
                error(FormatPath(.themes)[t].then(ThemeField.part), refusal)
            } else if let part = theme.part, !partIDs.contains(part) {
                error(FormatPath(.themes)[t].then(ThemeField.part), "no part \"\(part)\" in this plan\(suggestion(part, partIDs)); parts are \(partIDs.isEmpty ? "not declared" : partIDs.joined(separator: ", "))")
            }
            for (r, rec) in theme.recommendations.enumerated() where !recommendationIDs.contains(rec) {
                if let refusal = refusal(rec, "theme \(theme.id): the recommendation") {
                    error(FormatPath(.themes)[t].then(ThemeField.recommendations)[r], refusal)
                    continue
                }
                error(FormatPath(.themes)[t].then(ThemeField.recommendations)[r], "no recommendation \"\(rec)\" in this plan\(suggestion(rec, recommendationIDs))")
            }
        }

        for (a, action) in plan.actions.enumerated() {
            // Paths are built only for a problem: building one per action and
            // entry would cost more than the checks themselves.
            var path: FormatPath { FormatPath(.actions)[a] }
            if !themeIDs.contains(action.theme) {
                error(path.then(ActionField.theme), refusal(action.theme, "action \(action.id): the theme") ?? "action \(action.id): no theme \"\(action.theme)\" in this plan\(suggestion(action.theme, themeIDs))")
            }
            for (r, rec) in action.recommendations.enumerated() where !recommendationIDs.contains(rec) {
                error(path.then(ActionField.recommendations)[r], refusal(rec, "action \(action.id): the recommendation") ?? "action \(action.id): no recommendation \"\(rec)\" in this plan\(suggestion(rec, recommendationIDs))")
            }
            if action.leads.isEmpty {
                warning(path.then(ActionField.leads), "action \(action.id) has no accountable lead")
            }
            if let final = action.deadline?.lastDay {
                for (m, milestone) in action.milestones.enumerated() {
                    if let due = milestone.deadline?.lastDay, due > final {
                        error(path.then(ActionField.milestones)[m].then(MilestoneField.deadline), "action \(action.id): milestone \"\(milestone.title)\" is due \(milestone.deadline!.displayText), after the action's deadline \(action.deadline!.displayText); move the milestone or the action's deadline")
                    }
                }
            }
            let count = action.history.count
            // The titles a milestone change may name, newest entry first: the
            // milestones the action has, and those removed or renamed since.
            var titles = Set(action.milestones.map(\.title))
            var titleProblem: [Int: String] = [:]
            for h in action.history.indices.reversed() {
                guard let change = action.history[h].milestoneChange else { continue }
                if change.removed != nil { titles.insert(change.title) }
                if !titles.contains(change.title) { titleProblem[h] = change.title }
                if let old = change.renamedFrom { titles.insert(old) }
            }
            var withdrawn = false
            for (h, entry) in action.history.enumerated() {
                var entryPath: FormatPath { path.historyEntry(h, of: count) }
                if let status = entry.status, scheme.level(code: status) == nil {
                    var message = "action \(action.id): \"\(status)\" is not a status of this plan's RAG scheme (\(scheme.codeList))"
                    if let level = scheme.level(matching: status) { message += "; write \"\(level.code)\"" }
                    error(entryPath.then(HistoryEntryField.status), message)
                }
                if entry.date > latestRecordable {
                    error(entryPath.then(HistoryEntryField.date), "action \(action.id): history entry dated \(entry.date) is in the future (the latest date a change can have now, in any time zone, is \(latestRecordable)); a change is recorded on or after the day it was made")
                }
                if h > 0, entry.date < action.history[h - 1].date {
                    error(entryPath.then(HistoryEntryField.date), "action \(action.id): history entry dated \(entry.date) is listed before one dated \(action.history[h - 1].date); keep history newest first")
                }
                if let change = entry.milestoneChange, let done = change.completed {
                    let milestonePath = entryPath.then(HistoryEntryField.milestone)
                    // A moved done day moves somewhere: the same day twice is no change.
                    if change.completedBefore == done {
                        error(milestonePath, "action \(action.id): milestone \"\(change.title)\" moved from \(done) to the same day; leave out \"\(MilestoneChangeField.completedBefore.key)\"")
                    }
                    // Recorded before it happened: update refuses it; a plan written by hand or by an older version may hold it.
                    if done > entry.date {
                        warning(milestonePath, "action \(action.id): milestone \"\(change.title)\" is recorded done on \(done), after the entry's own date \(entry.date); a milestone is recorded done on or after the day it was done")
                    }
                }
                // An edit of a theme or of linked recommendations names ones the plan has: as the id rules
                // read ids (``IdentifierMatcher``), since the entry keeps the spelling of its day (a merge
                // settles `z` and `Z`, one id to those rules, into one spelling afterwards).
                if let edit = entry.textEdit, edit.field == .theme || edit.field == .recommendations {
                    let known = Set((edit.field == .theme ? themeIDs : recommendationIDs).map(IdentifierMatcher.normalise))
                    for id in edit.from + edit.to where !known.contains(IdentifierMatcher.normalise(id)) {
                        error(entryPath.then(HistoryEntryField.edit), "action \(action.id): the edit of \(edit.field.key) names \"\(id)\", which is not a \(edit.field == .theme ? ThemeField.noun : RecommendationField.noun) of this plan")
                    }
                }
                if let title = titleProblem[h] {
                    error(entryPath.then(HistoryEntryField.milestone).then(MilestoneChangeField.title), "action \(action.id): no milestone \"\(title)\"")
                }
                if let withdrawal = entry.withdrawal {
                    if (withdrawal == .withdrawn) == withdrawn {
                        let field = withdrawal == .withdrawn ? HistoryEntryField.withdrawn : .reinstated
                        error(entryPath.then(field), withdrawn ? "action \(action.id) is withdrawn again on \(entry.date) without being reinstated"
                              : "action \(action.id) is reinstated on \(entry.date) but was not withdrawn")
                    }
                    withdrawn = withdrawal == .withdrawn
                }
            }
        }

        var answered = Set<String>()
        for action in plan.actions {
            answered.formUnion(action.recommendations)
            if let theme = plan.themes.first(where: { $0.id == action.theme }) { answered.formUnion(theme.recommendations) }
        }
        for (r, recommendation) in plan.recommendations.enumerated() where !answered.contains(recommendation.id) {
            warning(FormatPath(.recommendations)[r], "no action answers recommendation \(recommendation.id)")
        }
        return problems
    }
}
