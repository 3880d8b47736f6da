/// Why an Office file could not be read. Each case carries the facts; the
/// command line says them in words.
public enum OfficeFailure: Error, Equatable, Sendable {
    /// Not a ZIP package at all (and not an older Office file either).
    case notOffice
    /// An Office 97–2003 file (`.doc`, `.xls`): a compound file, not a package.
    case legacyFormat
    /// A package protected by a password (an encrypted compound file).
    case passwordProtected
    /// A package of another kind: `expected` is "Word document" or "Excel workbook", `found` what it is.
    case wrongKind(expected: String, found: String)
    /// The package is damaged.
    case damaged(String)
    /// A part would inflate past the limit (a zip bomb, or a document far beyond any plan).
    case tooLarge(part: String, limit: Int)
    /// A part is not well-formed XML.
    case xml(part: String, line: Int, message: String)
    /// The workbook has no worksheet with this name.
    case noSuchSheet(String, available: [String])
    /// A table or sheet far larger than any plan: `rows` × `columns` cells.
    case tooManyCells(part: String, rows: Int, columns: Int)
    /// A part with more XML elements than the reader takes.
    case tooManyElements(part: String, limit: Int)
}

/// What kind of file the bytes are, by their content, not their name.
public enum OfficePackage {
    public enum Kind: Equatable, Sendable {
        case word, excel, otherPackage, compoundFile, encrypted, other
    }

    /// Looks at the bytes: a ZIP with `word/document.xml` is Word, with `xl/workbook.xml` Excel;
    /// a compound file is an older Office file, or a password-protected new one.
    public static func kind(of bytes: [UInt8]) -> Kind { inspect(bytes).kind }

    /// What the bytes are, with the package (when they are one) and its main part read once, for
    /// ``open(_:expected:)`` to hand on; `failure` says why bytes that are no package are not (a damaged one says where).
    public static func inspect(_ bytes: [UInt8]) -> (kind: Kind, archive: ZipArchive?, main: String?, failure: ZipArchive.Failure?) {
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // An encrypted OOXML package is a compound file holding a stream named "EncryptedPackage".
            let name = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            return (bytes.firstRange(of: name) != nil ? .encrypted : .compoundFile, nil, nil, nil)
        }
        let archive: ZipArchive
        do { archive = try ZipArchive(bytes: bytes) } catch { return (.other, nil, nil, error) }
        // The package's main part, as its relationships name it (Word for the web writes word/document2.xml).
        let main = mainPart(archive)
        if let main {
            if main.lowercased().hasPrefix("word/") { return (.word, archive, main, nil) }
            if main.lowercased().hasPrefix("xl/") { return (.excel, archive, main, nil) }
        }
        if archive.entry("word/document.xml") != nil { return (.word, archive, main, nil) }
        if archive.entry("xl/workbook.xml") != nil { return (.excel, archive, main, nil) }
        return (.otherPackage, archive, main, nil)
    }

    /// The part the package's own relationships (`_rels/.rels`) name as its main document, when it is there.
    static func mainPart(_ archive: ZipArchive) -> String? {
        guard let bytes = try? archive.contents(of: "_rels/.rels"), let root = try? XMLReader.parse(bytes) else { return nil }
        for relationship in root.elements("Relationship") where relationship.attribute("Type")?.hasSuffix("/officeDocument") == true {
            guard var target = relationship.attribute("Target") else { continue }
            while target.hasPrefix("/") || target.hasPrefix("./") { target.removeFirst(target.hasPrefix("/") ? 1 : 2) }
            if archive.entry(target) != nil { return target }
        }
        return nil
    }

    static func describe(_ kind: Kind) -> String {
        switch kind {
        case .word: return "a Word document"
        case .excel: return "an Excel workbook"
        case .otherPackage: return "a ZIP file that is neither a Word document nor an Excel workbook"
        case .compoundFile: return "an Office 97–2003 file"
        case .encrypted: return "a password-protected file"
        case .other: return "not an Office file"
        }
    }

    /// Opens the package, with its main part when its relationships name one, or throws the reason it is
    /// not one of `expected`.
    static func open(_ bytes: [UInt8], expected: Kind) throws(OfficeFailure) -> (archive: ZipArchive, main: String?) {
        let found = inspect(bytes)
        switch found.kind {
        case expected:
            guard let archive = found.archive else { throw .notOffice }
            return (archive, found.main)
        case .compoundFile: throw .legacyFormat
        case .encrypted: throw .passwordProtected
        case .other: throw found.failure.map(zipFailure) ?? .notOffice
        default:
            throw .wrongKind(expected: describe(expected), found: describe(found.kind))
        }
    }

    static func zipFailure(_ error: ZipArchive.Failure) -> OfficeFailure {
        switch error {
        case .notZip: return .notOffice
        case .damaged(let reason): return .damaged(reason)
        case .encrypted: return .passwordProtected
        case .unsupportedMethod(let entry, let method): return .damaged("the part \(entry) uses compression method \(method), which Office does not write")
        case .tooLarge(let entry, let limit): return .tooLarge(part: entry, limit: limit)
        }
    }

    /// A part of the package parsed as XML, or nil when the package has no such part.
    static func xml(_ archive: ZipArchive, _ part: String) throws(OfficeFailure) -> XMLElement? {
        let bytes: [UInt8]?
        do { bytes = try archive.contents(of: part) } catch { throw zipFailure(error) }
        guard let bytes else { return nil }
        do {
            return try XMLReader.parse(bytes)
        } catch {
            if error.isSizeLimit { throw .tooManyElements(part: part, limit: XMLReader.elementLimit) }
            throw .xml(part: part, line: error.line, message: error.message)
        }
    }

    /// Where a relationship points, from the package's `_rels` part for `part`: id → target path in the package.
    static func relationships(_ archive: ZipArchive, of part: String) throws(OfficeFailure) -> [String: String] {
        let folder = part.split(separator: "/").dropLast().joined(separator: "/")
        let file = part.split(separator: "/").last.map(String.init) ?? part
        guard let root = try xml(archive, (folder.isEmpty ? "" : folder + "/") + "_rels/\(file).rels") else { return [:] }
        var targets: [String: String] = [:]
        for relationship in root.elements("Relationship") {
            guard let id = relationship.attribute("Id"), let target = relationship.attribute("Target") else { continue }
            if target.hasPrefix("/") {
                targets[id] = String(target.dropFirst())
            } else {
                var parts = folder.split(separator: "/").map(String.init)
                for piece in target.split(separator: "/") {
                    if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(String(piece)) }
                }
                targets[id] = parts.joined(separator: "/")
            }
        }
        return targets
    }
}
