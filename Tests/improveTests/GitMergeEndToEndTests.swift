import Foundation
import PlanKit
import Testing

/// Two partners with clones of one repository (a bare origin in the sandbox),
/// each recording changes and pulling the other's with real git.
@Suite("Plans kept in git, merged by meaning", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/git")))
struct GitMergeEndToEndTests {
    struct Partners {
        let sandbox: Sandbox
        let plan = "plans/blackpool-2019.json"

        /// git in a clone, as a named partner.
        @discardableResult
        func git(_ arguments: [String], in clone: String) throws -> CommandResult {
            try sandbox.runBinary(["-C", clone] + arguments, executable: "/usr/bin/git", environment: [
                "GIT_AUTHOR_NAME": clone, "GIT_AUTHOR_EMAIL": "\(clone)@example.org",
                "GIT_COMMITTER_NAME": clone, "GIT_COMMITTER_EMAIL": "\(clone)@example.org",
                "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0",
            ])
        }

        /// improve in a clone.
        @discardableResult
        func improve(_ arguments: [String], in clone: String) throws -> CommandResult {
            try sandbox.runBinary(["-c", "cd \(clone) && \"$0\" \"$@\"", improveBinary.path] + arguments, executable: "/bin/sh",
                                  environment: ["IMPROVE_USER": clone])
        }

        func planText(in clone: String) throws -> String {
            try String(contentsOf: sandbox.folder.appendingPathComponent("\(clone)/\(plan)"), encoding: .utf8)
        }

        init() throws {
            sandbox = try Sandbox()
            _ = try sandbox.runBinary(["init", "-q", "--bare", "origin.git"], executable: "/usr/bin/git")
            try git(["clone", "-q", "origin.git", "a"], in: ".")
            try FileManager.default.createDirectory(at: sandbox.folder.appendingPathComponent("a/plans"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("plans/blackpool-2019.json"),
                                            to: sandbox.folder.appendingPathComponent("a/\(plan)"))
            let setup = try improve(["git-setup", "--driver", improveBinary.path], in: "a")
            #expect(setup.status == 0, "\(setup.stderr)")
            try git(["add", "-A"], in: "a")
            try git(["commit", "-qm", "The plan"], in: "a")
            try git(["push", "-q", "origin", "HEAD:main"], in: "a")
            try git(["clone", "-q", "-b", "main", "origin.git", "b"], in: ".")
            #expect(try improve(["git-setup", "--driver", improveBinary.path], in: "b").status == 0)
        }

        /// A records and pushes; B records and pulls.
        func bothRecord(a: [[String]], b: [[String]]) throws -> CommandResult {
            for command in a { #expect(try improve(command, in: "a").status == 0, "\(command)") }
            try git(["commit", "-qam", "A's changes"], in: "a")
            try git(["push", "-q", "origin", "HEAD:main"], in: "a")
            for command in b { #expect(try improve(command, in: "b").status == 0, "\(command)") }
            try git(["commit", "-qam", "B's changes"], in: "b")
            return try git(["pull", "--no-rebase", "-q", "origin", "main"], in: "b")
        }
    }

    @Test func commentsOnTheSameActionFromTwoPartnersMergeCleanly() throws {
        let partners = try Partners()
        let pull = try partners.bothRecord(
            a: [["update", "lm9", "--comment", "A's note", "--date", "2019-04-01", "--by", "A"],
                ["update", "lm9", "--status", "amber", "--comment", "A's status", "--date", "2019-04-03", "--by", "A"]],
            b: [["update", "lm9", "--comment", "B's note", "--date", "2019-04-02", "--by", "B"],
                ["update", "lm9", "--status", "red", "--comment", "B's status", "--date", "2019-04-03", "--by", "B"],
                ["update", "lm8", "--milestone", "1", "--done", "2019-04-02", "--by", "B"]])
        #expect(pull.status == 0, "\(pull.stdout)\(pull.stderr)")
        let text = try partners.planText(in: "b")
        #expect(!text.contains("<<<<<<<") && !text.contains(">>>>>>>"))
        #expect(try partners.improve(["validate"], in: "b").status == 0)
        let show = try partners.improve(["show", "lm9", "--as-of", "2019-04-30"], in: "b").stdout
        for comment in ["A's note", "B's note", "A's status", "B's status"] { #expect(show.contains(comment), "\(comment)") }
        #expect(show.contains("Status:           RED"), "same day: A's entry, then B's (by who recorded it)")
        // The merge commit is clean; the other partner gets the same bytes.
        #expect(try partners.git(["status", "--porcelain"], in: "b").stdout == "")
        try partners.git(["push", "-q", "origin", "HEAD:main"], in: "b")
        try partners.git(["pull", "-q", "origin", "main"], in: "a")
        #expect(try partners.planText(in: "a") == text)
        // After the merge, undo reverses B's own last change (an action A did not touch),
        // and refuses one whose action the merge changed since.
        let first = try partners.improve(["undo"], in: "b")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("LM 8"))
        let second = try partners.improve(["undo"], in: "b")
        #expect(second.status == 65, "\(second.stdout)")
        #expect(second.stderr.contains("action LM 9 has changed since"))
    }

    @Test func twoNewDeadlinesConflictLeavingAValidPlanToResolve() throws {
        let partners = try Partners()
        let pull = try partners.bothRecord(
            a: [["update", "LM 14", "--due", "2019-09", "--reason", "A's reason", "--date", "2019-04-01", "--by", "A"]],
            b: [["update", "LM 14", "--due", "2019-10", "--reason", "B's reason", "--date", "2019-04-02", "--by", "B"]])
        #expect(pull.status != 0, "git marks the plan unmerged")
        #expect(pull.stderr.contains("action LM 14  deadline: base \"2019-06\", ours \"2019-10\", theirs \"2019-09\""), "\(pull.stderr)")
        let text = try partners.planText(in: "b")
        #expect(!text.contains("<<<<<<<"))
        #expect(try PlanLoader.check(bytes: Array(text.utf8), file: "b", today: testToday).hasErrors == false)
        let validate = try partners.improve(["validate"], in: "b")
        #expect(validate.status == 0)
        #expect(validate.stdout.contains("1 merge conflict to settle"))
        let list = try partners.improve(["resolve", "--list"], in: "b")
        #expect(list.stdout.contains("action LM 14  deadline"))
        let resolve = try partners.improve(["resolve", "lm14", "--take", "theirs"], in: "b")
        #expect(resolve.status == 0, "\(resolve.stderr)")
        #expect(resolve.stdout == "action LM 14: 1 conflict settled; none left: git add plans/blackpool-2019.json\n")
        #expect(try partners.improve(["show", "lm14"], in: "b").stdout.contains("Deadline:         Sep 2019"))
        #expect(!(try partners.improve(["validate"], in: "b")).stdout.contains("merge conflict"))
        try partners.git(["add", partners.plan], in: "b")
        #expect(try partners.git(["commit", "-qm", "Merged"], in: "b").status == 0)
    }

    @Test func anAbortedMergeLeavesNoConflictsToSettle() throws {
        let partners = try Partners()
        let pull = try partners.bothRecord(
            a: [["update", "LM 14", "--due", "2019-09", "--reason", "A", "--date", "2019-04-01", "--by", "A"]],
            b: [["update", "LM 14", "--due", "2019-10", "--reason", "B", "--date", "2019-04-02", "--by", "B"]])
        #expect(pull.status != 0)
        try partners.git(["merge", "--abort"], in: "b")
        let validate = try partners.improve(["validate"], in: "b")
        #expect(!validate.stdout.contains("merge conflict to settle"))
        #expect(validate.stdout.contains("is from a merge whose result is no longer the plan"))
        let list = try partners.improve(["resolve", "--list"], in: "b")
        #expect(list.status == 0, "listing only looks")
        #expect(list.stdout == "plans/.blackpool-2019.json.conflicts is from a merge whose result is no longer the plan "
            + "(the merge was aborted, or the plan changed since): remove it, or merge again\n")
        let resolve = try partners.improve(["resolve", "lm14", "--take", "theirs"], in: "b")
        #expect(resolve.status == 64)
        #expect(try partners.improve(["show", "lm14"], in: "b").stdout.contains("Deadline:         Oct 2019"))
    }

    @Test func aSideThatIsABrokenPlanIsMergedByLinesAndRecorded() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let text = try String(contentsOf: sandbox.folder.appendingPathComponent(plan), encoding: .utf8)
        try sandbox.write("theirs.json", String(text.dropLast(3)))
        try sandbox.write("base.json", text)
        let result = try sandbox.runBinary(["merge-file", "base.json", plan, "theirs.json", "--path", plan])
        #expect(result.status == 1, "git marks the file unmerged")
        #expect(result.stderr.contains("theirs (the branch merged in) is not a readable plan"), "\(result.stderr)")
        // Only theirs changed, so git's line merge is theirs, cut short as it is: nothing is dropped.
        #expect(try String(contentsOf: sandbox.folder.appendingPathComponent(plan), encoding: .utf8) == String(text.dropLast(3)))
        let list = try sandbox.runBinary(["resolve", "--list"])
        #expect(list.stdout.contains("\(plan): merged by lines") && list.stdout.contains("theirs (the branch merged in): its line"), "\(list.stdout)")
        // Mended by hand without markers: validate says the merge is not finished; --remerge accepts it as it is.
        try sandbox.write(plan, text)
        let validate = try sandbox.runBinary(["validate"])
        #expect(validate.status == 0 && validate.stdout.contains("a merge by lines"), "\(validate.stdout)")
        let remerge = try sandbox.runBinary(["resolve", "--remerge"])
        #expect(remerge.status == 0, "\(remerge.stderr)")
        #expect(remerge.stdout.contains("no conflict markers left and it reads as a plan"))
        #expect(try sandbox.runBinary(["resolve", "--list"]).stdout == "no merge conflicts recorded\n")
    }

    @Test func gitSetupIsIdempotent() throws {
        let partners = try Partners()
        let again = try partners.improve(["git-setup", "--driver", improveBinary.path], in: "a")
        #expect(again.stdout.contains(".gitattributes: already set"))
        let attributes = try String(contentsOf: partners.sandbox.folder.appendingPathComponent("a/.gitattributes"), encoding: .utf8)
        #expect(attributes == "*.json merge=improve\n")
        let ignore = try String(contentsOf: partners.sandbox.folder.appendingPathComponent("a/.gitignore"), encoding: .utf8)
        #expect(ignore == ".*.json.lock\n.*.json.undo\n.*.json.valid\n.*.json.conflicts\n.*.json.recorded\n.*.json.tmp-*\n.*.tmp-*\n.dat.nosync*\n")
        let driver = try partners.git(["config", "merge.improve.driver"], in: "a").stdout
        #expect(driver == "\(improveBinary.path) merge-file %O %A %B --path %P --marker-size %L\n")
        let outside = try partners.sandbox.runBinary(["git-setup"])
        #expect(outside.status == 64)
        #expect(outside.stderr.contains("not in a git repository"))
    }
}
