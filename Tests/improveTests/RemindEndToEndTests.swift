import Foundation
import Testing
@testable import improve
import PlanKit
import PlanReports

/// A message read back by a small MIME reader: its headers (unfolded, encoded-words decoded) and its parts.
struct ParsedMail {
    var headers: [(name: String, value: String)] = []
    var parts: [(type: String, body: String)] = []
    var lines: [String] = []

    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    var text: String? { parts.first { $0.type.hasPrefix("text/plain") }?.body }
    var html: String? { parts.first { $0.type.hasPrefix("text/html") }?.body }

    init(_ raw: String) throws {
        lines = raw.components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        func readHeaders(_ lines: ArraySlice<String>) -> ([(String, String)], Int) {
            var headers: [(String, String)] = []
            var index = lines.startIndex
            while index < lines.endIndex, !lines[index].isEmpty {
                let line = lines[index]
                if line.first == " " || line.first == "\t", !headers.isEmpty {
                    headers[headers.count - 1].1 += line
                } else if let colon = line.firstIndex(of: ":") {
                    headers.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
                }
                index += 1
            }
            return (headers.map { ($0.0, Self.decodeWords($0.1)) }, index + 1)
        }
        let (top, bodyStart) = readHeaders(lines[...])
        headers = top
        let type = try #require(header("Content-Type"))
        let boundary = try #require(type.range(of: "boundary=\"").map { type[$0.upperBound...].prefix { $0 != "\"" } }).description
        var current: [String]? = nil
        var sections: [[String]] = []
        for line in lines[bodyStart...] {
            if line == "--" + boundary || line == "--" + boundary + "--" {
                if let current { sections.append(current) }
                current = line.hasSuffix("--") && line != "--" + boundary ? nil : []
                continue
            }
            current?.append(line)
        }
        for section in sections {
            let (partHeaders, start) = readHeaders(section[...])
            let partType = partHeaders.first { $0.0.lowercased() == "content-type" }?.1 ?? ""
            let encoding = partHeaders.first { $0.0.lowercased() == "content-transfer-encoding" }?.1.lowercased() ?? "7bit"
            var bodyLines = Array(section[start...])
            while bodyLines.last == "" { bodyLines.removeLast() }
            let body: String
            switch encoding {
            case "quoted-printable": body = Self.decodeQuotedPrintable(bodyLines)
            case "base64": body = String(decoding: Data(base64Encoded: bodyLines.joined()) ?? Data(), as: UTF8.self)
            default: body = bodyLines.joined(separator: "\n") + "\n"
            }
            parts.append((partType, body))
        }
    }

    static func decodeQuotedPrintable(_ lines: [String]) -> String {
        var bytes: [UInt8] = []
        for line in lines {
            var utf8 = Array(line.utf8)
            let soft = utf8.last == UInt8(ascii: "=")
            if soft { utf8.removeLast() }
            var index = 0
            while index < utf8.count {
                if utf8[index] == UInt8(ascii: "="), index + 2 < utf8.count + 0, let value = UInt8(String(decoding: utf8[index + 1...index + 2], as: UTF8.self), radix: 16) {
                    bytes.append(value)
                    index += 3
                } else {
                    bytes.append(utf8[index])
                    index += 1
                }
            }
            if !soft { bytes.append(0x0A) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `=?UTF-8?B?…?=` words (with the spaces between two of them) decoded.
    static func decodeWords(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        let words = value.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var out = ""
        var previousEncoded = false
        for word in words {
            if word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
               let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) {
                out += (out.isEmpty || previousEncoded ? "" : " ") + String(decoding: data, as: UTF8.self)
                previousEncoded = true
            } else {
                out += (out.isEmpty ? "" : " ") + word
                previousEncoded = false
            }
        }
        return out
    }
}

@Suite("remind: a message to each lead")
struct RemindEndToEndTests {
    static let asOf = CalendarDate(iso: "2019-04-10")!
    static let from = "board.secretary@example.gov.uk"
    static let leadsJSON = """
    {"YOT Manager": "yot.manager@example.gov.uk", "head of criminal justice": "hcj@example.gov.uk",
     "Board Chair": "chair@example.gov.uk", "Service Managers": "service.managers@example.gov.uk",
     "Head of Service": "head.of.service@example.gov.uk"}
    """

    /// A sandbox with the Blackpool plan and a leads file.
    static func sandbox(leads: String = leadsJSON) throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        try sandbox.write("plans/leads.json", leads)
        return sandbox
    }

    static func messages(in folder: URL) throws -> [String: ParsedMail] {
        var found: [String: ParsedMail] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".eml") {
            found[name] = try ParsedMail(String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
        return found
    }

    /// The action ids listed in a text part, in order.
    static func listedIDs(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("* blackpool-2019 ") else { return nil }
            return String(line.dropFirst("* blackpool-2019 ".count).prefix { $0 != "," })
        }
    }

    /// What each lead should be sent, worked out from the plan another way: every open action of theirs with
    /// something overdue or due within 14 days, or with no update for 60 days; new when an item of it is
    /// overdue on the day and was not on the day compared with.
    static func truth(plan: Plan, lead: String, asOf: CalendarDate, newSince: CalendarDate) -> (all: Set<String>, new: Set<String>, overdue: Set<String>, soon: Set<String>, stale: Set<String>) {
        let mine = { (action: Action) in action.leads.contains { LeadReminders.key($0) == LeadReminders.key(lead) } }
        let report = OverdueReport(plans: [plan], asOf: asOf, withinDays: 14)
        let before = OverdueReport(plans: [plan], asOf: newSince)
        let itemKey = { (item: DeadlineItem) in "\(item.action.id)|\(item.milestone?.title ?? "")" }
        let beforeKeys = Set(before.overdue.map(itemKey))
        let overdue = Set(report.overdue.filter { mine($0.action) }.map(\.action.id))
        let new = Set(report.overdue.filter { mine($0.action) && !beforeKeys.contains(itemKey($0)) }.map(\.action.id))
        let soon = Set(report.dueSoon.filter { mine($0.action) }.map(\.action.id)).subtracting(overdue)
        let stale = Set(StaleAction.find(in: plan, asOf: asOf, days: 60).filter { mine($0.action) }.map(\.action.id)).subtracting(overdue).subtracting(soon)
        return (overdue.union(soon).union(stale), new, overdue, soon, stale)
    }

    @Test func eachLeadIsSentTheirActionsOnceWithTheirCounts() throws {
        let sandbox = try Self.sandbox()
        let result = try sandbox.run(["remind", "--as-of", "2019-04-10", "--new-since", "2019-03-31", "--from", Self.from, "--out", "out"])
        #expect(result.status == 0, "\(result.stderr)")
        let plan = try PlanLoader.load(file: sandbox.folder.appendingPathComponent("plans/blackpool-2019.json").path, relativeTo: testFolder, today: testToday).plan
        let messages = try Self.messages(in: sandbox.folder.appendingPathComponent("out"))
        let expected = ["YOT Manager": "yot.manager@example.gov.uk", "Head of Criminal Justice": "hcj@example.gov.uk",
                        "Board Chair": "chair@example.gov.uk", "Service Managers": "service.managers@example.gov.uk",
                        "Head of Service": "head.of.service@example.gov.uk"]
        #expect(messages.count == expected.count, "\(messages.keys.sorted())")
        var sawNew = false
        for (lead, address) in expected {
            let name = RemindCommand.fileName(for: lead) + "-2019-04-10.eml"
            let message = try #require(messages[name], "no message for \(lead)")
            #expect(message.header("To") == "\"\(lead)\" <\(address)>")
            #expect(message.header("From") == Self.from)
            #expect(message.header("MIME-Version") == "1.0")
            #expect(message.header("Message-ID")?.hasPrefix("<") == true)
            #expect(message.header("Date").map { $0.range(of: #"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$"#, options: .regularExpression) != nil } == true)
            #expect(message.lines.allSatisfy { $0.utf8.count <= 78 }, "\(lead): a line longer than 78")
            let text = try #require(message.text)
            let truth = Self.truth(plan: plan, lead: lead, asOf: Self.asOf, newSince: CalendarDate(iso: "2019-03-31")!)
            let ids = Self.listedIDs(text)
            #expect(ids.count == Set(ids).count, "\(lead): an action listed twice: \(ids)")
            #expect(Set(ids) == truth.all, "\(lead): \(ids.sorted()) vs \(truth.all.sorted())")
            var subject = "Improvement plan: "
            var parts: [String] = []
            if !truth.overdue.isEmpty { parts.append("\(truth.overdue.count) overdue" + (truth.new.isEmpty ? "" : " (\(truth.new.count) new)")) }
            if !truth.soon.isEmpty { parts.append("\(truth.soon.count) due by 2019-04-24") }
            if !truth.stale.isEmpty { parts.append("\(truth.stale.count) with no update for 60 days") }
            subject += parts.joined(separator: ", ")
            #expect(message.header("Subject") == subject)
            if !truth.new.isEmpty {
                sawNew = true
                let newSection = text.components(separatedBy: "Newly overdue (not overdue on 2019-03-31): ")[1].components(separatedBy: "\nOverdue: ")[0]
                #expect(Set(Self.listedIDs(newSection)) == truth.new, "\(lead)")
            }
            // Every action carries its text, a deadline line, its position and the line that records progress.
            for id in ids {
                let action = try #require(plan.action(id: id))
                let quoted = ReminderWording.quoted(id)
                #expect(text.contains("improve update \(quoted) --plan plans/blackpool-2019.json --comment \"…\""), "\(lead) \(id)")
                #expect(text.contains(TextTable.wrap(action.text, width: 70).first!), "\(lead) \(id)")
            }
            // Each action says its deadline, its own or (when only milestones are listed) its final one.
            let blocks = text.components(separatedBy: "\n* blackpool-2019 ").dropFirst()
            #expect(blocks.allSatisfy { $0.contains("\n  Deadline: ") }, "\(lead): an action without its deadline")
            let html = try #require(message.html)
            #expect(html.contains("<h1>Improvement plan actions led by \(lead)</h1>"))
            #expect(Set(ids.filter { html.contains("<strong>blackpool-2019 \($0)</strong>") }) == Set(ids))
        }
        #expect(sawNew, "no lead had anything newly overdue: the test proves nothing of --new-since")
        // The sender is told of the leads with no address.
        #expect(result.stdout.contains("No address for 24 leads: BCU; BSCB Business Manager; "), "\(result.stdout)")
        #expect(result.stdout.contains("Deputy Director (CRC)"))
        #expect(result.stdout.hasSuffix("; add them to plans/leads.json\n"))
    }

    @Test func anActionWithSeveralLeadsIsInEachLeadsMessageOnce() throws {
        // LM 7 is led by the Head of Service, the Service Managers and the YOT Manager; listing one of them
        // twice (in another case) still lists the action once.
        let sandbox = try Self.sandbox()
        let file = sandbox.folder.appendingPathComponent("plans/blackpool-2019.json")
        let plan = try String(contentsOf: file, encoding: .utf8)
        let doubled = plan.replacingOccurrences(of: "\"Head of Service\",\n        \"Service Managers\",\n        \"YOT Manager\"",
                                                with: "\"Head of Service\",\n        \"Service Managers\",\n        \"YOT Manager\",\n        \"yot manager\"")
        #expect(doubled != plan, "LM 7's leads were not found in the file")
        try doubled.write(to: file, atomically: true, encoding: .utf8)
        let result = try sandbox.run(["remind", "--as-of", "2019-10-01", "--from", Self.from, "--out", "out"])
        #expect(result.status == 0, "\(result.stderr)")
        let messages = try Self.messages(in: sandbox.folder.appendingPathComponent("out"))
        for lead in ["head-of-service", "service-managers", "yot-manager"] {
            let text = try #require(messages["\(lead)-2019-10-01.eml"]?.text, "\(messages.keys)")
            #expect(Self.listedIDs(text).filter { $0 == "LM 7" }.count == 1, "\(lead)")
        }
    }

    @Test func aMailReaderReadsTheMessagesBack() throws {
        // A lead's name with characters other than ASCII and with HTML's own, and a position with them too.
        let sandbox = try Self.sandbox(leads: #"{"Zoë Brontë & Co <Chair>": "zoe.bronte@example.gov.uk"}"#)
        let file = sandbox.folder.appendingPathComponent("plans/blackpool-2019.json")
        let plan = try String(contentsOf: file, encoding: .utf8)
        try plan.replacingOccurrences(of: "\"Board Chair\"", with: "\"Zoë Brontë & Co <Chair>\"").write(to: file, atomically: true, encoding: .utf8)
        let note = try sandbox.run(["update", "LM 2", "--plan", "plans/blackpool-2019.json", "--comment", "Début: <b>groups</b> & \"plans\" — ok", "--date", "2019-04-01", "--by", "Jo"])
        #expect(note.status == 0, "\(note.stderr)")
        let result = try sandbox.run(["remind", "--as-of", "2019-04-10", "--from", Self.from, "--out", "out"])
        #expect(result.status == 0, "\(result.stderr)")
        let path = sandbox.folder.appendingPathComponent("out/zo-bront-co-chair-2019-04-10.eml")
        let raw = try String(contentsOf: path, encoding: .utf8)
        #expect(raw.utf8.allSatisfy { $0 < 0x80 }, "a message is 7-bit: its UTF-8 is encoded")
        let message = try ParsedMail(raw)
        #expect(message.header("To") == "Zoë Brontë & Co <Chair> <zoe.bronte@example.gov.uk>")
        let text = try #require(message.text), html = try #require(message.html)
        #expect(text.contains("Latest position (2019-04-01): Début: <b>groups</b> & \"plans\" — ok\n"), "\(text)")
        #expect(html.contains("Début: &lt;b&gt;groups&lt;/b&gt; &amp; &quot;plans&quot; — ok"))
        #expect(html.contains("<h1>Improvement plan actions led by Zoë Brontë &amp; Co &lt;Chair&gt;</h1>"))
        #expect(!html.contains("<b>groups"))
        // Python's own mail parser, when there is one.
        let searchPath = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let python = searchPath.map({ "\($0)/python3" }).first(where: FileManager.default.isExecutableFile) else {
            print("python3 is not on PATH: the messages were read back by the Swift reader only")
            return
        }
        let script = """
        import email, email.policy, json, sys
        m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
        print(json.dumps({"to": str(m["To"]), "address": m["To"].addresses[0].addr_spec, "name": m["To"].addresses[0].display_name,
          "subject": str(m["Subject"]), "type": m.get_content_type(), "defects": len(m.defects) + sum(len(p.defects) for p in m.walk()),
          "plain": m.get_body(("plain",)).get_content(), "html": m.get_body(("html",)).get_content(),
          "parts": [p.get_content_type() for p in m.iter_parts()]}))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, path.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(parsed["address"] as? String == "zoe.bronte@example.gov.uk")
        #expect(parsed["name"] as? String == "Zoë Brontë & Co <Chair>")
        #expect(parsed["subject"] as? String == message.header("Subject"))
        #expect(parsed["type"] as? String == "multipart/alternative")
        #expect(parsed["parts"] as? [String] == ["text/plain", "text/html"])
        #expect(parsed["defects"] as? Int == 0)
        // Python keeps the message's CRLF line ends in a part's content.
        #expect((parsed["plain"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == text)
        #expect((parsed["html"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == html)
    }

    @Test func aStaleActionIsListedWithItsLastUpdate() throws {
        // 3.9 falls due in Sep 2019: on 2019-04-10 it is neither overdue nor due soon; an entry of 2019-01-15 makes it stale.
        let sandbox = try Self.sandbox(leads: #"{"Commissioners": "commissioners@example.gov.uk"}"#)
        let note = try sandbox.run(["update", "3.9", "--plan", "plans/blackpool-2019.json", "--status", "amber", "--comment", "Scoping started", "--date", "2019-01-15", "--by", "Jo"])
        #expect(note.status == 0, "\(note.stderr)")
        let result = try sandbox.run(["remind", "--as-of", "2019-04-10", "--dry-run", "--lead", "commissioners"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Subject: Improvement plan: 1 with no update for 60 days\n"), "\(result.stdout)")
        #expect(result.stdout.contains("No update for 60 days or more: 1\n\n* blackpool-2019 3.9, status AMBER"), "\(result.stdout)")
        #expect(result.stdout.contains("  No update for 85 days (last 2019-01-15)\n  Latest position (2019-01-15): Scoping started\n"))
        #expect(result.stdout.contains("    improve update 3.9 --plan plans/blackpool-2019.json --status AMBER --comment \"…\"\n"))
        // With a shorter window it is not stale.
        let shorter = try sandbox.run(["remind", "--as-of", "2019-04-10", "--dry-run", "--lead", "commissioners", "--stale", "90d"])
        #expect(shorter.stdout == "No reminder to send as of 2019-04-10.\n", "\(shorter.stdout)")
    }

    @Test func theUpdateLineInAMessageRecordsProgress() throws {
        let sandbox = try Self.sandbox()
        let result = try sandbox.run(["remind", "--as-of", "2019-04-10", "--dry-run", "--lead", "board chair"])
        let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("improve update") && $0.contains("--comment") })
        let words = RemindCommand.words(String(line))
        #expect(words.first == "improve")
        let update = try sandbox.run(Array(words.dropFirst()) + ["--date", "2019-04-10", "--by", "Jo"])
        #expect(update.status == 0, "\(words): \(update.stderr)")
        let milestone = try #require(result.stdout.split(separator: "\n").first { $0.contains("--milestone") })
        let done = try sandbox.run(Array(RemindCommand.words(String(milestone)).dropFirst()) + ["--date", "2019-04-10", "--by", "Jo"])
        #expect(done.status == 0, "\(milestone): \(done.stderr)")
    }

    /// A fake sendmail: appends each message (and its arguments) to a file, or fails.
    static func fakeSendmail(_ sandbox: Sandbox, name: String, body: String) throws -> String {
        let path = sandbox.folder.appendingPathComponent(name).path
        try ("#!/bin/sh\n" + body).write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test func sendmailIsGivenEachMessageAndNothingTwiceADay() throws {
        let sandbox = try Self.sandbox()
        let capture = sandbox.folder.appendingPathComponent("captured").path
        let program = try Self.fakeSendmail(sandbox, name: "sendmail", body: "echo \"ARGS: $*\" >> '\(capture)'\ncat >> '\(capture)'\necho '=====END=====' >> '\(capture)'\n")
        let first = try sandbox.run(["remind", "--as-of", "2019-04-10", "--from", Self.from, "--sendmail", "\(program) -t -i"])
        #expect(first.status == 0, "\(first.stderr)")
        let captured = try String(contentsOfFile: capture, encoding: .utf8)
        let messages = captured.components(separatedBy: "=====END=====\n").filter { !$0.isEmpty }
        #expect(messages.count == 5)
        #expect(messages.allSatisfy { $0.hasPrefix("ARGS: -t -i\nFrom: \(Self.from)\n") })
        // Piped with the local line ends a mail program expects.
        #expect(!captured.contains("\r"))
        let to = messages.compactMap { $0.split(separator: "\n").first { $0.hasPrefix("To: ") } }.sorted()
        #expect(to.contains("To: \"YOT Manager\" <yot.manager@example.gov.uk>"), "\(to)")
        #expect(first.stdout.hasPrefix("Sent 5 reminders as of 2019-04-10 with \(program) -t -i:\n"), "\(first.stdout)")
        #expect(FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("plans/.reminders.json").path))
        // The same day again: nothing is sent, and the sender is told why.
        let second = try sandbox.run(["remind", "--as-of", "2019-04-10", "--from", Self.from, "--sendmail", "\(program) -t -i"])
        #expect(second.status == 0)
        #expect(try String(contentsOfFile: capture, encoding: .utf8) == captured)
        #expect(second.stdout.hasPrefix("No reminder to send as of 2019-04-10.\nAlready sent"), "\(second.stdout)")
        #expect(second.stdout.contains("Already sent for 2019-04-10, so not sent again (give --resend to send): Board Chair; Head of Criminal Justice; Head of Service; Service Managers; YOT Manager\n"), "\(second.stdout)")
        // --resend sends again; the next day is a new day.
        let again = try sandbox.run(["remind", "--as-of", "2019-04-10", "--from", Self.from, "--sendmail", program, "--resend", "--lead", "board chair"])
        #expect(again.status == 0)
        #expect(try String(contentsOfFile: capture, encoding: .utf8).components(separatedBy: "=====END=====").count - 1 == 6)
        let nextDay = try sandbox.run(["remind", "--as-of", "2019-04-11", "--from", Self.from, "--sendmail", program, "--lead", "board chair"])
        #expect(nextDay.stdout.hasPrefix("Sent 1 reminder as of 2019-04-11"), "\(nextDay.stdout)")
    }

    @Test func aFailingSendmailIsAnErrorNamingTheLeadAndKeepsWhatWasSent() throws {
        let sandbox = try Self.sandbox()
        // Fails without reading its input: improve must not be killed by the broken pipe.
        let failing = try Self.fakeSendmail(sandbox, name: "failing", body: "echo 'no relay for you' >&2\nexit 1\n")
        let result = try sandbox.run(["remind", "--as-of", "2019-04-10", "--from", Self.from, "--sendmail", failing])
        #expect(result.status == 74)
        #expect(result.stderr.contains("improve: the reminder for Board Chair was not sent: '\(failing)' exited with status 1: no relay for you; nothing was sent"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("plans/.reminders.json").path))
        // One that takes the first message and fails on the second: the first stays recorded.
        let count = sandbox.folder.appendingPathComponent("count").path
        let flaky = try Self.fakeSendmail(sandbox, name: "flaky", body: "cat > /dev/null\nif [ -e '\(count)' ]; then exit 3; fi\ntouch '\(count)'\n")
        let partly = try sandbox.run(["remind", "--as-of", "2019-04-10", "--from", Self.from, "--sendmail", flaky])
        #expect(partly.status == 74)
        #expect(partly.stdout.hasPrefix("Sent 1 of 5 reminders as of 2019-04-10 before the error:\n  Board Chair <chair@example.gov.uk>"), "\(partly.stdout)")
        #expect(partly.stderr.contains("the reminder for Head of Criminal Justice was not sent: '\(flaky)' exited with status 3; the 1 sent before it is recorded in plans/.reminders.json"), "\(partly.stderr)")
        let missing = try sandbox.run(["remind", "--as-of", "2019-04-10", "--from", Self.from, "--sendmail", "/nonexistent/sendmail -t"])
        #expect(missing.status == 74)
        #expect(missing.stderr.contains("the reminder for Head of Criminal Justice was not sent: cannot run /nonexistent/sendmail: no such program"), "\(missing.stderr)")
        let notOnPath = try sandbox.run(["remind", "--as-of", "2019-04-10", "--from", Self.from, "--sendmail", "no-such-sendmail -t"])
        #expect(notOnPath.status == 74)
    }

    @Test(arguments: [
        (#"{"YOT Manager": "yot.manager@example.gov.uk", "Board Chair": "chair at example.gov.uk"}"#, #"plans/leads.json: the address of "Board Chair", "chair at example.gov.uk", is not an e-mail address"#),
        (#"{"YOT Manager": "Yot <yot.manager@example.gov.uk>"}"#, #"the address of "YOT Manager""#),
        (#"{"YOT Manager": "yot.manager@example.gov.uk",}"#, "plans/leads.json:1:"),
        (#"["yot.manager@example.gov.uk"]"#, "plans/leads.json holds an array, not an object"),
        (#"{"YOT Manager": "a@example.gov.uk", "yot manager": "b@example.gov.uk"}"#, #"names "YOT Manager" and "yot manager""#),
        (#"{"YOT Manager": 3}"#, #"the address of "YOT Manager" is a number"#),
    ])
    func aBadLeadsFileSendsNothing(leads: String, message: String) throws {
        let sandbox = try Self.sandbox(leads: leads)
        let capture = sandbox.folder.appendingPathComponent("captured").path
        let program = try Self.fakeSendmail(sandbox, name: "sendmail", body: "cat >> '\(capture)'\n")
        for delivery in [["--out", "out"], ["--sendmail", program], ["--dry-run"]] {
            let result = try sandbox.run(["remind", "--as-of", "2019-04-10", "--from", Self.from] + delivery)
            #expect(result.status == 65, "\(delivery)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(result.stderr.contains("no reminder was sent"))
            #expect(result.stdout.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("out").path))
        #expect(!FileManager.default.fileExists(atPath: capture))
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("plans/.reminders.json").path))
    }

    @Test func aDryRunWritesAndRecordsNothing() throws {
        let sandbox = try Self.sandbox()
        let result = try sandbox.run(["remind", "--as-of", "2019-04-10", "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("To: Board Chair <chair@example.gov.uk>\nSubject: Improvement plan: 2 overdue\n\nImprovement plan actions led by Board Chair, as of 2019-04-10\n"), "\(result.stdout)")
        #expect(result.stdout.contains("Would send 5 reminders as of 2019-04-10 (dry run: nothing sent or recorded):\n"))
        let files = try FileManager.default.contentsOfDirectory(atPath: sandbox.folder.appendingPathComponent("plans").path).sorted()
        #expect(files == ["blackpool-2019.json", "leads.json"])
        // A dry run records nothing: the real run after it still sends.
        let real = try sandbox.run(["remind", "--as-of", "2019-04-10", "--from", Self.from, "--out", "out"])
        #expect(real.stdout.hasPrefix("Wrote 5 reminders"), "\(real.stdout)")
    }

    @Test func anExistingFileIsNeverOverwritten() throws {
        let sandbox = try Self.sandbox()
        try sandbox.write("out/yot-manager-2019-04-10.eml", "mine")
        let result = try sandbox.run(["remind", "--as-of", "2019-04-10", "--from", Self.from, "--out", "out"])
        #expect(result.status == 73)
        #expect(result.stderr.contains("out/yot-manager-2019-04-10.eml (the reminder for YOT Manager) already exists"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.folder.appendingPathComponent("out").path) == ["yot-manager-2019-04-10.eml"])
        #expect(try String(contentsOf: sandbox.folder.appendingPathComponent("out/yot-manager-2019-04-10.eml"), encoding: .utf8) == "mine")
        try sandbox.write("file", "")
        let notFolder = try sandbox.run(["remind", "--as-of", "2019-04-10", "--from", Self.from, "--out", "file"])
        #expect(notFolder.status == 73)
    }

    @Test func usageErrors() throws {
        let sandbox = try Self.sandbox()
        for arguments in [["remind"], ["remind", "--dry-run", "--out", "x"], ["remind", "--dry-run", "--sendmail", "x"],
                          ["remind", "--dry-run", "--from", "not an address"], ["remind", "--dry-run", "--new-since", "2019-04-10", "--as-of", "2019-04-10"],
                          ["remind", "--dry-run", "--lead", "nobody at all"]] {
            let result = try sandbox.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
        }
        let missing = try sandbox.run(["remind", "--dry-run", "--leads", "nowhere.json"])
        #expect(missing.status == 66)
    }

    @Test func anUnreadableRecordSendsNothing() throws {
        let sandbox = try Self.sandbox()
        try sandbox.write("plans/.reminders.json", "{\"sent\": [")
        let result = try sandbox.run(["remind", "--as-of", "2019-04-10", "--from", Self.from, "--out", "out"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("cannot read the record of reminders sent, "), "\(result.stderr)")
        #expect(result.stderr.contains("plans/.reminders.json"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("out").path))
    }

    /// leads.json beside the plans is no plan: the other commands pass over it.
    @Test func theLeadsFileIsNoPlan() throws {
        let sandbox = try Self.sandbox()
        #expect(try sandbox.run(["validate"]).status == 0)
        #expect(try sandbox.run(["list", "--as-of", "2019-04-10"]).status == 0)
        #expect(try sandbox.run(["new", "plans/leads.json", "--id", "x", "--title", "X", "--organisation", "Y"]).status == 64)
    }

    @Test func quotedPrintableAndHeadersStayWithinTheirLines() {
        let long = String(repeating: "é", count: 100) + " = end "
        let lines = MailMessage.quotedPrintable(long + "\n.dot\nFrom here\n")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(ParsedMail.decodeQuotedPrintable(lines) == long + "\n.dot\nFrom here\n")
        #expect(lines.last == "=46rom here" && lines[lines.count - 2] == "=2Edot")
        for address in ["a@b.example", "first.last+tag@example.gov.uk", "x@localhost"] { #expect(LeadAddresses.isAddress(address), "\(address)") }
        for address in ["", "a", "a@", "@b", "a b@c.d", "a..b@c.d", "a@-b.c", "<a@b.c>", "a@b..c", "Name a@b.c"] { #expect(!LeadAddresses.isAddress(address), "\(address)") }
        let message = MailMessage(from: MailAddress(name: nil, address: "a@b.c"), to: MailAddress(name: String(repeating: "Ünïcode lead ", count: 8) + "end", address: "x@y.z"),
                                  subject: String(repeating: "a long subject ", count: 10), date: Date(timeIntervalSince1970: 0), messageID: "1@b.c",
                                  text: "t\n", html: "<p>t</p>\n", boundary: "=_b")
        let rendered = message.rendered(timeZone: TimeZone(identifier: "UTC")!)
        #expect(rendered.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 })
        #expect(rendered.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"))
        let parsed = try? ParsedMail(rendered)
        #expect(parsed?.header("Subject") == String(repeating: "a long subject ", count: 10).trimmingCharacters(in: .whitespaces))
        #expect(parsed?.header("To") == String(repeating: "Ünïcode lead ", count: 8) + "end <x@y.z>")
    }
}

/// The README's "Reminders to leads" works as shown: its leads.json, its command lines and the output it shows
/// (lines in order; `…` stands for lines left out, or for part of a line).
@Suite("remind: the README's example")
struct RemindREADMETests {
    @Test func theREADMEsReminderExampleWorksAsShown() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Reminders to leads\n").dropFirst().first?.components(separatedBy: "\n## ").first)
        let blocks = section.components(separatedBy: "```")
        let json = try #require(blocks.first { $0.hasPrefix("json\n") }).dropFirst(5)
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        try sandbox.write("plans/leads.json", String(json))
        let capture = sandbox.folder.appendingPathComponent("captured").path
        let fake = sandbox.folder.appendingPathComponent("sendmail").path
        try "#!/bin/sh\ncat >> '\(capture)'\n".write(toFile: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
        var ran = 0
        for block in blocks where block.hasPrefix("text\n") {
            var lines = block.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map(String.init)
            while let start = lines.firstIndex(where: { $0.hasPrefix("$ improve ") }) {
                let command = lines[start]
                let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("$ ") } ?? lines.count
                let shown = lines[(start + 1)..<end].filter { !$0.isEmpty }
                lines.removeSubrange(start..<end)
                let words = RemindCommand.words(String(command.dropFirst(2))).dropFirst()
                    .map { $0 == "/usr/sbin/sendmail -t" ? "\(fake) -t" : $0 }
                let result = try sandbox.run(Array(words))
                ran += 1
                #expect(result.status == 0, "\(command): \(result.stderr)")
                let output = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                var cursor = 0
                for line in shown where line != "…" {
                    let parts = line.components(separatedBy: "…")
                    let matches = { (candidate: String) in
                        parts.count == 1 ? candidate == line : candidate.hasPrefix(parts[0]) && candidate.hasSuffix(parts.last!)
                    }
                    guard let found = output[cursor...].firstIndex(where: matches) else {
                        Issue.record("\(command): the README shows \"\(line)\", which the output lacks (after line \(cursor)):\n\(result.stdout)")
                        break
                    }
                    cursor = found + 1
                }
            }
        }
        #expect(ran == 4)
        #expect(FileManager.default.fileExists(atPath: capture), "the sendmail line sent nothing")
    }
}
