import Foundation
import PlanJSON
import PlanKit
import Testing
@testable import improve

/// The README and `docs/` are what a newcomer reads first; what they show
/// must be what the tool does. Command lines name registered commands and
/// options those commands accept, the plan format's key tables and JSON
/// examples match the format's declaration, and links lead somewhere.
/// Each failure names the document and the line.
@Suite("The README and docs/ match the tool")
struct DocumentationTests {
    /// The option names (long and short) a command accepts: its own and the
    /// ones every command takes. The one place that knows how a command's
    /// options are declared, so that a change of that shape is one change here.
    static func acceptedOptions(of command: any Command.Type) -> Set<String> {
        let specs = command.options + CommonOptions.specs + [CommonOptions.helpSpec]
        return Set(specs.flatMap { [$0.name] + ($0.short.map { [$0] } ?? []) })
    }

    @Test func everyCommandLineNamesACommandAndItsOptions() throws {
        var checked = 0
        var problems: [String] = []
        for document in try Document.all() {
            for line in document.commandLines() {
                for invocation in ShellLine.invocations(in: line.text) {
                    checked += 1
                    if let problem = Self.problem(with: invocation) {
                        problems.append("\(document.name):\(line.number): \(problem) in `\(line.text.trimmingCharacters(in: .whitespaces))`")
                    }
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        // The check must have something to check.
        #expect(checked > 60, "only \(checked) improve command lines found in the README and docs/")
    }

    /// What is wrong with the words after `improve`, or `nil`.
    static func problem(with words: [String]) -> String? {
        // The tool named on its own (`improve`, `swift run improve`).
        guard let name = words.first else { return nil }
        if ["--help", "-h", "--version"].contains(name) { return nil }
        if name == "help" {
            guard let topic = words.dropFirst().first, topic != "--man" else { return nil }
            return CommandRegistry.command(named: topic) == nil ? "help for no such command '\(topic)'" : nil
        }
        // A placeholder (`improve COMMAND --help`, `improve <command>`).
        if name.hasPrefix("<") || name.allSatisfy({ $0.isUppercase }) { return nil }
        guard let command = CommandRegistry.command(named: name) else { return "no command '\(name)'" }
        let accepted = acceptedOptions(of: command)
        for word in words.dropFirst() {
            if word == "--" { break }
            let isLong = word.hasPrefix("--") && word.count > 2
            let isShort = word.count == 2 && word.hasPrefix("-") && word.last!.isLetter
            guard isLong || isShort else { continue }
            let option = String(word.prefix { $0 != "=" })
            if !accepted.contains(option) { return "\(name) takes no option \(option)" }
        }
        return nil
    }

    @Test func theFormatTablesNameEveryKeyOfTheFormatAndNoOther() throws {
        let document = try Document.named("docs/plan-format.md")
        var problems: [String] = []
        for object in FormatObjects.all {
            let heading = "### " + Self.heading(for: object.what)
            guard let start = document.lines.firstIndex(of: heading) else {
                problems.append("\(document.name): no section '\(heading)' for the keys of \(object.what)")
                continue
            }
            let end = document.lines[(start + 1)...].firstIndex { $0.hasPrefix("#") } ?? document.lines.count
            var documented: [String: Bool] = [:]
            for index in (start + 1)..<end where document.lines[index].hasPrefix("| `") {
                let cells = document.lines[index].split(separator: "|", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                let key = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
                let required = cells.count > 2 && cells[2] == "yes"
                documented[key] = required
                if !object.keys.contains(key) {
                    problems.append("\(document.name):\(index + 1): \"\(key)\" is not a key of \(object.what) (keys: \(object.keys.joined(separator: ", ")))")
                } else if required != object.required.contains(key) {
                    problems.append("\(document.name):\(index + 1): \"\(key)\" of \(object.what) is \(required ? "" : "not ")marked required, but the format \(required ? "does not require" : "requires") it")
                }
            }
            for key in object.keys where documented[key] == nil {
                problems.append("\(document.name):\(start + 1): \(heading) does not document the key \"\(key)\"")
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func theFormatsJSONExamplesUseOnlyItsKeys() throws {
        let document = try Document.named("docs/plan-format.md")
        let objects = Dictionary(FormatObjects.all.map { ($0.pointer, $0) }, uniquingKeysWith: { first, _ in first })
        let blocks = document.fencedBlocks(language: "json")
        #expect(!blocks.isEmpty, "\(document.name) shows no JSON")
        var problems: [String] = []
        for block in blocks {
            let text = block.lines.joined(separator: "\n")
            // A fragment (`"ragScheme": {…}`) is a part of a plan.
            let whole = text.hasPrefix("\"") ? "{\(text)}" : text
            let value: JSONValue
            do { value = try JSONParser.parse(whole) } catch {
                problems.append("\(document.name):\(block.firstLine): the JSON does not parse: \(error)")
                continue
            }
            func walk(_ value: JSONValue, as pointer: String) {
                guard let object = objects[pointer] else { return }
                switch value {
                case .array(let elements):
                    for element in elements { walk(element, as: pointer) }
                case .object(let members):
                    for member in members {
                        guard let position = object.keys.firstIndex(of: member.key) else {
                            let offset = block.lines.firstIndex { $0.contains("\"\(member.key)\"") } ?? 0
                            problems.append("\(document.name):\(block.firstLine + offset): \"\(member.key)\" is not a key of \(object.what)")
                            continue
                        }
                        switch object.kinds[position] {
                        case .object(let inner), .objects(let inner): walk(member.value, as: inner)
                        default: break
                        }
                    }
                default:
                    break
                }
            }
            walk(value, as: PlanField.schemaPointer)
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func linksBetweenTheDocumentsLeadSomewhere() throws {
        let documents = try Document.all()
        let anchors = Dictionary(uniqueKeysWithValues: documents.map { ($0.name, Set($0.headingAnchors())) })
        var problems: [String] = []
        for document in documents {
            for (number, line) in document.lines.enumerated() {
                for target in Document.linkTargets(in: line) where !target.contains("://") {
                    let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                    let folder = (document.name as NSString).deletingLastPathComponent
                    let file = parts[0].isEmpty ? document.name
                        : ((folder as NSString).appendingPathComponent(parts[0]) as NSString).standardizingPath
                    guard FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(file).path) else {
                        problems.append("\(document.name):\(number + 1): the link \(target) leads to no file")
                        continue
                    }
                    if parts.count > 1, let known = anchors[file], !known.contains(parts[1]) {
                        problems.append("\(document.name):\(number + 1): the link \(target) names no heading of \(file)")
                    }
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func theSetUpCommandsAreTheOnesThatWork() throws {
        let readme = try Document.named("README.md")
        let setUp = readme.fencedBlocks(language: "sh").first?.lines ?? []
        #expect(setUp == ["swift run improve list --plan plans/blackpool-2019.json --lead \"yot manager\"", "swift test"], "\(setUp)")
    }

    /// The heading of an object's key table: its noun, capitalised ("a RAG level" → "RAG level").
    static func heading(for what: String) -> String {
        let noun = String(what.split(separator: " ", maxSplits: 1).last ?? "")
        return noun.prefix(1).uppercased() + noun.dropFirst()
    }
}

/// A Markdown document of the repository, by lines.
struct Document {
    /// Its path from the repository's top folder (`docs/commands.md`).
    let name: String
    let lines: [String]

    static func named(_ name: String) throws -> Document {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(name), encoding: .utf8)
        return Document(name: name, lines: text.components(separatedBy: "\n"))
    }

    /// README.md and every docs/*.md.
    static func all() throws -> [Document] {
        let docs = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
        #expect(docs.count >= 6, "docs/ holds \(docs)")
        return try (["README.md"] + docs).map(named)
    }

    /// The fenced code blocks, with the line number (from 1) of their first line of content.
    func fencedBlocks(language: String? = nil) -> [(firstLine: Int, lines: [String])] {
        var blocks: [(firstLine: Int, lines: [String])] = []
        var open: (language: String, firstLine: Int, lines: [String])?
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("```") {
                if let block = open {
                    if language == nil || block.language == language { blocks.append((block.firstLine, block.lines)) }
                    open = nil
                } else {
                    open = (String(line.dropFirst(3)), index + 2, [])
                }
            } else if open != nil {
                open!.lines.append(line)
            }
        }
        return blocks
    }

    /// The text that may hold a command line, with its line number: every
    /// line of a code block, and every inline code span (which may run over
    /// a line break in a paragraph) of the prose.
    func commandLines() -> [(number: Int, text: String)] {
        var found: [(number: Int, text: String)] = []
        var prose = lines
        for block in fencedBlocks() {
            for (offset, line) in block.lines.enumerated() {
                found.append((block.firstLine + offset, line))
                prose[block.firstLine - 1 + offset] = ""
            }
        }
        let text = prose.joined(separator: "\n")
        var start: String.Index? = nil
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "`" {
                if let opened = start {
                    let span = text[text.index(after: opened)..<index]
                    let number = text[..<opened].filter { $0 == "\n" }.count + 1
                    // In a table, a pipe inside a span is written \|.
                    found.append((number, span.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\\|", with: "|")))
                    start = nil
                } else {
                    start = index
                }
            } else if text[index] == "\n", start != nil, text[text.index(after: index)...].first == "\n" {
                // A paragraph ended with a backtick left open: no span.
                start = nil
            }
            index = text.index(after: index)
        }
        return found
    }

    /// The anchors GitHub gives the document's headings.
    func headingAnchors() -> [String] {
        var inCode = false
        return lines.compactMap { line in
            if line.hasPrefix("```") { inCode.toggle() }
            guard !inCode, line.hasPrefix("#") else { return nil }
            let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces).lowercased()
            return String(title.compactMap { character -> Character? in
                if character == " " { return "-" }
                return character.isLetter || character.isNumber || character == "-" || character == "_" ? character : nil
            })
        }
    }

    /// The targets of the Markdown links on a line (`[text](target)`).
    static func linkTargets(in line: String) -> [String] {
        line.components(separatedBy: "](").dropFirst().compactMap { rest in
            rest.firstIndex(of: ")").map { String(rest[..<$0]) }
        }
    }
}

/// Reading `improve` command lines out of shell text, as a person types them.
enum ShellLine {
    /// The words after each `improve` that starts a command in `text`
    /// (`improve …`, `swift run improve …`, `.build/release/improve …`, after
    /// `$ `, `sudo`, variable assignments, `&&`, `;` or `|`), up to the end
    /// of that command; redirections and comments left out.
    static func invocations(in text: String) -> [[String]] {
        var commands: [[String]] = [[]]
        var skipNext = false
        for token in tokens(text) {
            switch token {
            case .separator:
                commands.append([])
            case .redirect:
                skipNext = true
            case .word(let word):
                if skipNext { skipNext = false } else { commands[commands.count - 1].append(word) }
            }
        }
        return commands.compactMap { words in
            var rest = words[...]
            if rest.first == "$" { rest = rest.dropFirst() }
            while let first = rest.first, first == "sudo" || first.range(of: #"^[A-Z_][A-Z0-9_]*="#, options: .regularExpression) != nil {
                rest = rest.dropFirst()
            }
            if rest.starts(with: ["swift", "run"]) { rest = rest.dropFirst(2) }
            guard let program = rest.first, program == "improve" || program.hasSuffix("/improve") else { return nil }
            return Array(rest.dropFirst())
        }
    }

    enum Token: Equatable {
        case word(String)
        case separator
        case redirect
    }

    /// Words (quotes taken off), command separators and redirections; a `#`
    /// starting a word starts a comment.
    static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        var inWord = false
        var quote: Character? = nil
        var characters = Array(text)[...]
        func finish() {
            if inWord { tokens.append(.word(word)) }
            word = ""
            inWord = false
        }
        while let character = characters.popFirst() {
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
                continue
            }
            switch character {
            case "\"", "'":
                quote = character
                inWord = true
            case " ", "\t":
                finish()
            case "#" where !inWord:
                return tokens
            case ";", "|", "&":
                finish()
                if characters.first == character { characters = characters.dropFirst() }
                tokens.append(.separator)
            case ">", "<":
                // `2>`, `>>`, `>&2`: the target is not a word of the command.
                if word == "2" || word == "1" { word = ""; inWord = false }
                finish()
                if characters.first == ">" { characters = characters.dropFirst() }
                if characters.first == "&" {
                    characters = characters.dropFirst()
                    while let next = characters.first, next.isNumber { characters = characters.dropFirst() }
                } else {
                    tokens.append(.redirect)
                }
            default:
                word.append(character)
                inWord = true
            }
        }
        finish()
        return tokens
    }
}
