import Foundation
import Testing
@testable import OfficeDocument
import TestSupport

/// The streamed writer (``Deflate/Stream``, ``ZipPart``) a Word or Excel part is written with piece by
/// piece: it must give the bytes the whole-input path gives, however the pieces are cut.
@Suite struct OfficeWritingStreamTests {
    /// `bytes` cut into pieces of random sizes (1 byte to `largest`).
    static func pieces(_ bytes: [UInt8], largest: Int, _ generator: inout SeededGenerator) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + Int.random(in: 1...largest, using: &generator))
            result.append(Array(bytes[start..<end]))
            start = end
        }
        return result
    }

    /// XML of `rows` rows of a worksheet: several megabytes for 60,000, many blocks and far past the 32 KB window.
    static func worksheetXML(rows: Int, _ generator: inout SeededGenerator) -> [UInt8] {
        var xml = "<sheetData>"
        for row in 1...rows {
            xml += "<row r=\"\(row)\"><c r=\"A\(row)\" t=\"s\"><v>\(Int.random(in: 0..<5_000, using: &generator))</v></c>"
            xml += "<c r=\"B\(row)\" s=\"2\"><v>\(Double(Int.random(in: 0..<100_000, using: &generator)) / 100)</v></c></row>"
        }
        return Array((xml + "</sheetData>").utf8)
    }

    static func streamed(_ pieces: [[UInt8]]) -> [UInt8] {
        var stream = Deflate.Stream()
        var output: [UInt8] = []
        for piece in pieces {
            stream.append(piece)
            output += stream.takeOutput()
        }
        return output + stream.finish()
    }

    @Test func streamedDeflateGivesTheBytesOfTheWholeInput() throws {
        var generator = SeededGenerator(test: "streamedDeflateGivesTheBytesOfTheWholeInput")
        var cases = OfficeWritingDeflateTests.inputs(&generator)
        cases.append(("worksheet XML, 25,000 rows", Self.worksheetXML(rows: 25_000, &generator)))
        for (name, bytes) in cases {
            let whole = Deflate.compress(bytes)
            for largest in [1, 300, 70_000, 1_000_000] where largest > 1 || bytes.count <= 100_000 {
                let pieces = Self.pieces(bytes, largest: largest, &generator)
                #expect(Self.streamed(pieces) == whole, "\(name), pieces up to \(largest) bytes (seed \(generator.seed))")
            }
            #expect(Self.streamed([bytes]) == whole, "\(name) in one piece (seed \(generator.seed))")
        }
        #expect(Self.streamed([]) == Deflate.compress([]), "no pieces at all")
        #expect(Self.streamed([[], [], []]) == Deflate.compress([]), "empty pieces only")
    }

    /// The same entries added whole and in pieces, with an empty one, incompressible bytes (kept stored)
    /// and one far larger than the window.
    static func entries(_ generator: inout SeededGenerator) -> [(name: String, bytes: [UInt8])] {
        [("empty.xml", []),
         ("short.xml", Array("<a>short</a>".utf8)),
         ("random.bin", (0..<5_000).map { _ in UInt8.random(in: 0...255, using: &generator) }),
         ("xl/worksheets/sheet1.xml", Self.worksheetXML(rows: 40_000, &generator))]
    }

    static func archives(_ entries: [(name: String, bytes: [UInt8])], _ generator: inout SeededGenerator) -> (whole: [UInt8], streamed: [UInt8]) {
        var whole = ZipWriter(), streamed = ZipWriter()
        for (name, bytes) in entries {
            whole.add(name, bytes)
            let pieces = Self.pieces(bytes, largest: 50_000, &generator)
            streamed.add(name) { (part: inout ZipPart) in
                for piece in pieces { part.write(bytes: piece) }
            }
        }
        return (whole.bytes(), streamed.finish())
    }

    @Test func aStreamedEntryIsTheEntryWrittenWhole() throws {
        var generator = SeededGenerator(test: "aStreamedEntryIsTheEntryWrittenWhole")
        let entries = Self.entries(&generator)
        let (whole, streamed) = Self.archives(entries, &generator)
        #expect(streamed == whole, "seed \(generator.seed)")
        // Our reader checks every entry's CRC-32 and sizes as it inflates it.
        var archive = try ZipArchive(bytes: streamed)
        archive.ratioLimit = 10_000
        for (name, bytes) in entries {
            let entry = try #require(archive.entry(name))
            #expect(entry.size == bytes.count, "\(name)")
            #expect(entry.crc == CRC32.checksum(bytes), "\(name)")
            #expect(try archive.contents(of: entry) == bytes, "\(name)")
        }
        #expect(archive.entry("random.bin")?.method == 0, "incompressible bytes are kept stored, as when added whole")
        #expect(archive.entry("xl/worksheets/sheet1.xml")?.method == 8)
    }

    @Test func pythonsZipfileReadsAStreamedArchive() throws {
        guard ExternalTool.find("python3") != nil else {
            return ExternalTool.skip("pythonsZipfileReadsAStreamedArchive", "python3 is not installed")
        }
        var generator = SeededGenerator(test: "pythonsZipfileReadsAStreamedArchive")
        let folder = try writingFolder("zip-stream")
        defer { try? FileManager.default.removeItem(at: folder) }
        let entries = Self.entries(&generator)
        let file = folder.appendingPathComponent("streamed.zip")
        try Data(Self.archives(entries, &generator).streamed).write(to: file)
        // testzip checks every CRC-32; the sizes and bytes are compared with what was written.
        let script = """
        import sys, zipfile, zlib
        with zipfile.ZipFile(sys.argv[1]) as z:
            assert z.testzip() is None, z.testzip()
            for info in z.infolist():
                data = z.read(info)
                assert len(data) == info.file_size, info.filename
                assert zlib.crc32(data) == info.CRC, info.filename
                print(info.filename, info.file_size, zlib.crc32(data))
        """
        let outcome = try #require(ExternalTool.python(script, files: [file.path]))
        #expect(outcome.succeeded, "zipfile refused the archive: \(outcome.errors) (seed \(generator.seed))")
        let expected = entries.map { "\($0.name) \($0.bytes.count) \(CRC32.checksum($0.bytes))" }.joined(separator: "\n")
        #expect(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines) == expected)
    }

    @Test func aLargeWordDocumentsXMLIsCompressedAsIfWrittenWhole() throws {
        var generator = SeededGenerator(test: "aLargeWordDocumentsXMLIsCompressedAsIfWrittenWhole")
        var blocks = sampleDocument().blocks
        for plan in 1...40 {
            blocks.append(.heading(level: 2, text: "Plan \(plan)"))
            let rows = (1...150).map { row -> [WordDraft.Cell] in
                [WordDraft.Cell("\(plan).\(row)"), WordDraft.Cell("Action \(Int.random(in: 0..<1_000_000, using: &generator)) & <more>"), "Green"]
            }
            blocks.append(.table(WordDraft.Table(caption: "Actions", header: ["ID", "Action", "Status"], rows: rows)))
        }
        let draft = WordDraft(blocks: blocks, title: "Large")
        var writer = WordDraft.BlockWriter(output: "", orientation: draft.orientation)
        try draft.writeDocumentXML(to: &writer) { (_: inout WordDraft.BlockWriter<String>) throws(OfficeWriteError) in }
        let whole = Array(writer.output.utf8)
        #expect(whole.count > 1_000_000, "the part is larger than the window and many blocks")
        var archive = try ZipArchive(bytes: try draft.docx())
        archive.ratioLimit = 10_000
        let entry = try #require(archive.entry("word/document.xml"))
        #expect(entry.compressedSize == Deflate.compress(whole).count, "seed \(generator.seed)")
        #expect(entry.crc == CRC32.checksum(whole))
        #expect(try archive.contents(of: entry) == whole)
    }

    @Test func finishGivesTheArchiveBytesGives() {
        var zip = ZipWriter()
        zip.add("a.xml", text: "<a/>")
        zip.add("b.xml") { (part: inout ZipPart) in part.write("<b/>") }
        let bytes = zip.bytes()
        #expect(zip.finish() == bytes)
    }
}
