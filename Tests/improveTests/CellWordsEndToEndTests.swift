import Foundation
import PlanKit
import Testing
import TestSupport

/// `improve import` on cells written in words (issue 25, items 2, 7, 8), through the command line:
/// the note that names deadlines in words, and a plan that validates and lists no done or undated action as overdue.
@Suite("Import: the words inside cells, end to end")
struct CellWordsEndToEndTests {
    @Test func deadlinesInWordsAreNotedAndTheirActionsAreNeverOverdue() throws {
        let sandbox = try Sandbox()
        try sandbox.write("plan.csv", """
        ID,Action,Lead,Deadline,RAG,Comment
        1,Agree funding,Head of Service,When funding is agreed,,
        2,Start the panel,Chair,Immediate,,
        3,Recruit,Chair,Autumn 2020,,
        4,Publish minutes,Chair,Mar 2013,Action completed.,
        5,Review,Chair,Mar 2013,,Completed March 2013 – panel met
        6,Audit,Chair,Mar 2013,,Completion of the audit is due in May

        """)
        let result = try sandbox.run(["import", "plan.csv", "--out", "p.json", "--organisation", "N", "--inspection-date", "2019-11",
                                      "--status-date", "2020-01-31", "--title", "Words"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("note: 3 actions have a deadline in words and no date (1, 2, 3), kept as written; they are never overdue until given a date (improve update ID --due DATE --reason TEXT)\n"), "\(result.stdout)")
        #expect(try sandbox.run(["validate", "--plan", "p.json"]).status == 0)
        let overdue = try sandbox.run(["overdue", "--plan", "p.json", "--as-of", "2025-01-01"])
        // Only the audit, whose comment is a noun and not a statement of done: none in words, none said done.
        #expect(overdue.stdout.hasPrefix("1 overdue as of 2025-01-01: 1 action, 0 milestones\n"), "\(overdue.stdout)")
        #expect(overdue.stdout.contains("\n  6   Mar 2013  "), "\(overdue.stdout)")
        // A broken date still stops the import, with the same message as before.
        try sandbox.write("bad.csv", "ID,Action,Deadline\n1,x,Feb 30 2021\n")
        let bad = try sandbox.run(["import", "bad.csv", "--out", "b.json", "--organisation", "N", "--inspection-date", "2019-11"])
        #expect(bad.status == 65 && bad.stderr.contains("row 2: cannot read the deadline \"Feb 30 2021\"; write a month (Feb 2019)"))
    }

    @Test func oneDeadlineInWordsIsWordedAlone() throws {
        let sandbox = try Sandbox()
        try Data(WordFixture.document(tables: [[["ID", "Action", "Timescale"], ["1", "(a) agree funding\n(b) recruit", "(a) TBC\n(b) When funding is agreed"]]]))
            .write(to: sandbox.folder.appendingPathComponent("plan.docx"))
        let result = try sandbox.run(["import", "plan.docx", "--out", "p.json", "--organisation", "N", "--inspection-date", "2019-11", "--title", "W"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("note: 2 lettered actions read from 1 row of a recommendation each (ids such as 1A)\n"))
        #expect(result.stdout.contains("note: 1 action has a deadline in words and no date (1B), kept as written; it is never overdue until given a date"))
    }
}
