/// An element of an XML document, with its namespace resolved.
///
/// Enough XML for WordprocessingML and SpreadsheetML: namespaces, the five
/// entities, character references, CDATA, comments and processing
/// instructions. A document type declaration is refused: OOXML never has
/// one, and refusing it removes the entity-expansion attacks.
public final class XMLElement: @unchecked Sendable {
    /// The namespace URI, or "" when the name has none.
    public let namespace: String
    /// The name without its prefix (`t` of `w:t`).
    public let name: String
    /// Attributes by their qualified name as written (`w:val`, `r:id`, `xml:space`).
    public let attributes: [String: String]
    public internal(set) var children: [XMLNode] = []

    init(namespace: String, name: String, attributes: [String: String]) {
        self.namespace = namespace
        self.name = name
        self.attributes = attributes
    }

    /// The child elements.
    public var elements: [XMLElement] {
        children.compactMap { if case .element(let element) = $0 { return element } else { return nil } }
    }

    /// The child elements with this local name.
    public func elements(_ name: String) -> [XMLElement] { elements.filter { $0.name == name } }

    /// The first child element with this local name.
    public func first(_ name: String) -> XMLElement? {
        for case .element(let element) in children where element.name == name { return element }
        return nil
    }

    /// An attribute by its local name, whatever its prefix (`val` finds `w:val`).
    public func attribute(_ local: String) -> String? {
        if let value = attributes[local] { return value }
        for (key, value) in attributes {
            if let colon = key.lastIndex(of: ":"), key[key.index(after: colon)...] == local { return value }
        }
        return nil
    }

    /// All the text inside, in document order.
    public var text: String {
        var result = ""
        func collect(_ element: XMLElement) {
            for child in element.children {
                switch child {
                case .text(let text): result += text
                case .element(let inner): collect(inner)
                }
            }
        }
        collect(self)
        return result
    }
}

public enum XMLNode: Sendable {
    case element(XMLElement)
    case text(String)
}

/// Parses XML into ``XMLElement``s.
public struct XMLReader {
    /// Why a document could not be read; `line` counts from 1.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        /// The part is well-formed as far as it was read, but larger than the reader takes.
        public var isSizeLimit = false

        public init(line: Int, message: String, isSizeLimit: Bool = false) {
            self.line = line
            self.message = message
            self.isSizeLimit = isSizeLimit
        }
        public var description: String { "line \(line): \(message)" }
    }

    /// The deepest nesting read.
    public static let depthLimit = 1000

    let bytes: [UInt8]
    var position = 0
    var line = 1

    /// The most elements one part may hold: a plan's document has tens of thousands; far more is
    /// an attack on memory (each element is an object).
    public static let elementLimit = 1_000_000

    var elementCount = 0
    var elementLimit = XMLReader.elementLimit

    /// The document's root element. A part in UTF-16 (which the package format allows) is read too.
    public static func parse(_ bytes: [UInt8], elementLimit: Int = elementLimit) throws(Failure) -> XMLElement {
        var reader = XMLReader(bytes: utf8(bytes))
        reader.elementLimit = elementLimit
        return try reader.document()
    }

    /// The bytes as UTF-8: a UTF-16 part (byte order mark FF FE or FE FF) is transcoded.
    static func utf8(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 2, bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF else { return bytes }
        let little = bytes[0] == 0xFF
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            units.append(little ? UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8 : UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
            index += 2
        }
        var text = Array(String(decoding: units, as: UTF16.self).utf8)
        // The declaration still says UTF-16; what follows is read as UTF-8 whatever it says.
        if text.starts(with: Array("<?xml".utf8)), let end = text.firstIndex(of: UInt8(ascii: ">")) { text.removeSubrange(0...end) }
        return text
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    func failure(_ message: String) -> Failure { Failure(line: line, message: message) }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where position < bytes.count {
            if bytes[position] == 0x0A { line += 1 }
            position += 1
        }
    }

    func looking(at text: String) -> Bool {
        let utf8 = Array(text.utf8)
        return position + utf8.count <= bytes.count && bytes[position..<(position + utf8.count)].elementsEqual(utf8)
    }

    mutating func skip(past terminator: String, what: String) throws(Failure) {
        let utf8 = Array(terminator.utf8)
        while position + utf8.count <= bytes.count {
            if bytes[position..<(position + utf8.count)].elementsEqual(utf8) { advance(utf8.count); return }
            advance()
        }
        throw failure("\(what) is never closed")
    }

    mutating func skipSpace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { advance() }
    }

    mutating func document() throws(Failure) -> XMLElement {
        var root: XMLElement?
        while position < bytes.count {
            skipSpace()
            guard position < bytes.count else { break }
            if looking(at: "<?") {
                try skip(past: "?>", what: "a processing instruction")
            } else if looking(at: "<!--") {
                try skip(past: "-->", what: "a comment")
            } else if looking(at: "<!DOCTYPE") || looking(at: "<!doctype") {
                throw failure("a document type declaration, which Office files never have")
            } else if current == UInt8(ascii: "<") {
                guard root == nil else { throw failure("a second root element") }
                root = try element(bindings: ["xml": "http://www.w3.org/XML/1998/namespace"])
            } else {
                throw failure("text outside the root element")
            }
        }
        guard let root else { throw failure("no root element") }
        return root
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
            || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'"))
    }

    mutating func name() throws(Failure) -> String {
        let start = position
        while let byte = current, Self.isNameByte(byte) { advance() }
        guard position > start else { throw failure("a name was expected") }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// One element and everything in it; `bindings` are the namespace prefixes in force (each level
    /// holds all of its own, so a lookup is one step however deep the nesting).
    mutating func element(bindings: [String: String]) throws(Failure) -> XMLElement {
        // Elements are read with an explicit stack, so that deep nesting cannot overflow the call stack.
        var stack: [(element: XMLElement, qualified: String, scopes: [String: String])] = []
        var root: XMLElement?
        var scopes = bindings
        repeat {
            if current == UInt8(ascii: "<"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "/") {
                advance(2)
                let closing = try name()
                skipSpace()
                guard current == UInt8(ascii: ">") else { throw failure("the closing tag </\(closing) is not closed") }
                advance()
                guard let open = stack.last, open.qualified == closing else {
                    throw failure("</\(closing)> closes \(stack.last.map { "<\($0.qualified)>" } ?? "nothing")")
                }
                stack.removeLast()
                if stack.isEmpty { root = open.element } else { scopes = stack[stack.count - 1].scopes }
                if stack.isEmpty { break }
                continue
            }
            if current == UInt8(ascii: "<") {
                // Most tags are plain: only "<!" and "<?" need the comparisons below.
                let next = position + 1 < bytes.count ? bytes[position + 1] : 0
                let special = next == UInt8(ascii: "!") || next == UInt8(ascii: "?")
                if special, looking(at: "<!--") { try skip(past: "-->", what: "a comment"); continue }
                if special, looking(at: "<?") { try skip(past: "?>", what: "a processing instruction"); continue }
                if special, looking(at: "<![CDATA[") {
                    advance(9)
                    let start = position
                    try skip(past: "]]>", what: "a CDATA section")
                    guard let parent = stack.last?.element else { throw failure("text outside the root element") }
                    parent.children.append(.text(String(decoding: bytes[start..<(position - 3)], as: UTF8.self)))
                    continue
                }
                if next == UInt8(ascii: "!") { throw failure("a declaration inside the document") }
                advance()
                let qualified = try name()
                var raw: [(String, String)] = []
                var seen: Set<String> = []
                while true {
                    skipSpace()
                    guard let byte = current else { throw failure("the tag <\(qualified) is never closed") }
                    if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") { break }
                    let key = try name()
                    skipSpace()
                    guard current == UInt8(ascii: "=") else { throw failure("the attribute \(key) has no value") }
                    advance()
                    skipSpace()
                    guard let quote = current, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                        throw failure("the value of \(key) is not quoted")
                    }
                    advance()
                    let start = position
                    while let byte = current, byte != quote {
                        if byte == UInt8(ascii: "<") { throw failure("a < inside the value of \(key)") }
                        advance()
                    }
                    guard current == quote else { throw failure("the value of \(key) is never closed") }
                    let value = try Self.unescape(bytes[start..<position], line: line)
                    advance()
                    if !seen.insert(key).inserted { throw failure("the attribute \(key) is given twice") }
                    raw.append((key, value))
                }
                var bindings: [String: String] = [:]
                for (key, value) in raw {
                    if key == "xmlns" { bindings[""] = value } else if key.hasPrefix("xmlns:") { bindings[String(key.dropFirst(6))] = value }
                }
                var innerScopes = scopes
                for (prefix, uri) in bindings { innerScopes[prefix] = uri }
                let prefix: String, local: String
                if let colon = qualified.firstIndex(of: ":") {
                    prefix = String(qualified[..<colon])
                    local = String(qualified[qualified.index(after: colon)...])
                } else {
                    prefix = ""
                    local = qualified
                }
                let namespace = innerScopes[prefix]
                if namespace == nil, !prefix.isEmpty { throw failure("the prefix \(prefix) of <\(qualified)> is not declared") }
                var attributes: [String: String] = [:]
                for (key, value) in raw { attributes[key] = value }
                elementCount += 1
                guard elementCount <= elementLimit else {
                    throw Failure(line: line, message: "more than \(elementLimit) elements", isSizeLimit: true)
                }
                let element = XMLElement(namespace: namespace ?? "", name: local, attributes: attributes)
                stack.last?.element.children.append(.element(element))
                if current == UInt8(ascii: "/") {
                    advance()
                    guard current == UInt8(ascii: ">") else { throw failure("the tag <\(qualified) is not closed") }
                    advance()
                    if stack.isEmpty { root = element; break }
                    continue
                }
                advance()
                // Office files nest a few dozen deep; far deeper is an attack (and would overflow freeing the tree).
                guard stack.count < Self.depthLimit else { throw failure("elements nested more than \(Self.depthLimit) deep") }
                stack.append((element, qualified, innerScopes))
                scopes = innerScopes
                continue
            }
            guard let parent = stack.last?.element else { throw failure("text outside the root element") }
            let start = position
            while let byte = current, byte != UInt8(ascii: "<") { advance() }
            guard current != nil else { throw failure("<\(stack.last!.qualified)> is never closed") }
            parent.children.append(.text(try Self.unescape(bytes[start..<position], line: line)))
        } while position < bytes.count || !stack.isEmpty
        guard let root else { throw failure("<\(stack.last?.qualified ?? "?")> is never closed") }
        return root
    }

    /// Text with its entity and character references replaced.
    static func unescape(_ slice: ArraySlice<UInt8>, line: Int) throws(Failure) -> String {
        guard slice.contains(UInt8(ascii: "&")) else { return String(decoding: slice, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var index = slice.startIndex
        while index < slice.endIndex {
            let byte = slice[index]
            guard byte == UInt8(ascii: "&") else { out.append(byte); index += 1; continue }
            guard let semicolon = slice[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                throw Failure(line: line, message: "an & that starts no entity (write &amp;)")
            }
            let name = String(decoding: slice[(index + 1)..<semicolon], as: UTF8.self)
            var scalar: Unicode.Scalar?
            switch name {
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "amp": scalar = "&"
            case "apos": scalar = "'"
            case "quot": scalar = "\""
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if name.hasPrefix("#") {
                    scalar = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                }
            }
            guard let scalar, scalar.value != 0 else { throw Failure(line: line, message: "the unknown entity &\(name);") }
            out.append(contentsOf: Array(String(scalar).utf8))
            index = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
