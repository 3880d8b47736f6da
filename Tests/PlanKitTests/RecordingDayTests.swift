@testable import PlanJSON
import Foundation
import Testing
@testable import PlanKit
import TestSupport

/// A change is dated with its writer's local day; a reader elsewhere allows
/// for the time zones between them, and every way of reading a plan agrees.
@Suite struct RecordingDayTests {
    /// The moment `text` (ISO 8601, UTC).
    func moment(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func theEasternmostTodayFromTheCLibraryIsFoundationsUTCPlus14Day() {
        var random = SeededGenerator(test: "theEasternmostTodayFromTheCLibraryIsFoundationsUTCPlus14Day")
        // 1990–2100, and each day's edges at UTC+14 (10:00 UTC) and UTC (midnight).
        for _ in 0..<500 {
            let seconds = Double(Int.random(in: 631_152_000...4_102_444_800, using: &random))
            for now in [seconds, (seconds / 86_400).rounded(.down) * 86_400 + 36_000 - 1,
                        (seconds / 86_400).rounded(.down) * 86_400 + 36_000, (seconds / 86_400).rounded(.down) * 86_400] {
                let date = Date(timeIntervalSince1970: now)
                #expect(CalendarDate.easternmostToday(now: date) == CalendarDate.today(in: CalendarDate.easternmostZone, now: date),
                        "\(date): seed \(random.seed)")
            }
        }
    }

    @Test func theLatestRecordableDayIsTheReadersTomorrowOrTheEasternmostToday() {
        // Noon UTC: it is already the 11th at UTC+14, the reader's tomorrow in UTC.
        #expect(CalendarDate.latestRecordable(readerToday: date("2024-03-10"), now: moment("2024-03-10T12:00:00Z")) == date("2024-03-11"))
        // 11:00 UTC seen from UTC−12 (still the 9th there): the 11th has begun at UTC+14.
        #expect(CalendarDate.latestRecordable(readerToday: date("2024-03-09"), now: moment("2024-03-10T11:00:00Z")) == date("2024-03-11"))
        // A reader at UTC+14 still allows its own tomorrow.
        #expect(CalendarDate.latestRecordable(readerToday: date("2024-03-11"), now: moment("2024-03-10T11:00:00Z")) == date("2024-03-12"))
        // Across a month's and a year's end.
        #expect(CalendarDate.latestRecordable(readerToday: date("2024-12-31"), now: moment("2024-12-31T01:00:00Z")) == date("2025-01-01"))
    }

    /// The bundled plan with one entry dated `day` on its first action.
    func planBytes(historyOn day: CalendarDate) throws -> [UInt8] {
        var plan = try loadExample("blackpool-2019.json")
        plan.actions[0].history.append(StatusChange(date: day, comment: "recorded elsewhere"))
        return JSONWriter.bytes(from: plan.jsonValue())
    }

    func futureProblems(_ problems: [PlanProblem]) -> [PlanProblem] {
        problems.filter { $0.severity == .error && $0.message.contains("is in the future") }
    }

    @Test func oneDayAheadIsAcceptedAndTwoAreRefused() throws {
        let plan = try loadExample("blackpool-2019.json")
        let today = date("2024-03-10"), latest = CalendarDate.latestRecordable(readerToday: today, now: moment("2024-03-10T12:00:00Z"))
        for (ahead, refused) in [(0, false), (1, false), (2, true), (30, true)] {
            var changed = plan
            changed.actions[0].history.append(StatusChange(date: today.adding(days: ahead), comment: "x"))
            let problems = futureProblems(PlanValidator.problems(in: changed, file: "p.json", latestRecordable: latest))
            #expect(problems.isEmpty != refused, "\(ahead) days ahead: \(problems)")
        }
    }

    /// Reading a day's position leaves most history out; a refused date among
    /// what it leaves out still refuses the plan, exactly as a whole read does.
    @Test func aPositionReadRefusesWhatTheWholeReadRefuses() throws {
        let today = Today.reading().date
        for ahead in [1, 3] {
            let bytes = try planBytes(historyOn: today.adding(days: ahead))
            let whole = PlanLoader.check(bytes: bytes, file: "p.json", reading: .complete, today: testToday)
            for day in ["2019-01-01", "2019-07-15", today.description] {
                let position = PlanLoader.check(bytes: bytes, file: "p.json", reading: .positionOn(date(day)), today: testToday)
                #expect(position.hasErrors == whole.hasErrors, "\(ahead) days ahead, as of \(day)")
                #expect(futureProblems(position.problems).map(\.message) == futureProblems(whole.problems).map(\.message))
            }
            #expect(whole.hasErrors == (ahead == 3))
        }
    }
}
