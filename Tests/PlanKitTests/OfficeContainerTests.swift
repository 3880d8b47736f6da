import Foundation
import Testing
@testable import OfficeDocument
import TestSupport

/// DEFLATE, ZIP and XML: the layers under the Word and Excel readers.
@Suite struct InflateTests {
    /// Inputs of the shapes documents have: text with repeats, runs, noise, and sizes past one stored block.
    static func sample(_ kind: Int, _ random: inout SeededGenerator) -> [UInt8] {
        // The long kind is always past one stored block (65,535 bytes), and needs several dynamic ones.
        let length = kind == 4 ? Int.random(in: 66_000...160_000, using: &random) : Int.random(in: 0...40_000, using: &random)
        switch kind {
        case 0: return (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
        case 1:
            let words = ["<w:t>", "</w:t>", "action ", "Lead ", "Feb 2019", "GREEN", " ", "\n", "<w:p>", "</w:tc>"]
            var out: [UInt8] = []
            while out.count < length { out += Array(words.randomElement(using: &random)!.utf8) }
            return out
        case 2: return [UInt8](repeating: UInt8.random(in: 0...255, using: &random), count: length)
        case 3:
            // Short periods make overlapping copies (distance shorter than length).
            let period = Int.random(in: 1...5, using: &random)
            let unit = (0..<period).map { _ in UInt8.random(in: 0...255, using: &random) }
            return (0..<length).map { unit[$0 % period] }
        default:
            return (0..<length).map { _ in UInt8.random(in: 97...100, using: &random) }
        }
    }

    @Test func inflatesWhatZlibDeflatesForEveryBlockType() throws {
        var random = SeededGenerator(test: "inflatesWhatZlibDeflatesForEveryBlockType")
        // Each kind of input four times (20 rounds: the long kind costs most), with every strategy and level.
        var blockTypes = Set<UInt8>(), longest = 0
        for round in 0..<20 {
            let input = Self.sample(round % 5, &random)
            longest = max(longest, input.count)
            for strategy in SystemZlib.Strategy.allCases {
                for level: Int32 in [0, 1, 6, 9] where level != 0 || strategy == .standard {
                    let compressed = try SystemZlib.deflate(input, level: level, strategy: strategy)
                    // The first block's type, read from the stream itself (bits 1–2): 0 stored, 1 fixed, 2 dynamic.
                    if !input.isEmpty, let first = compressed.first { blockTypes.insert(first >> 1 & 3) }
                    let output = try Inflate.decompress(compressed, limit: 1 << 24)
                    #expect(output == input, "seed \(random.seed), round \(round), strategy \(strategy), level \(level)")
                }
            }
        }
        // What the name promises, seen in the streams rather than counted from the loops.
        #expect(blockTypes == [0, 1, 2], "block types inflated: \(blockTypes.sorted()); seed \(random.seed)")
        #expect(longest > 65_535, "an input past one stored block; seed \(random.seed)")
    }

    @Test func inflatesTheEmptyStreamAndAKnownFixedBlock() throws {
        #expect(try Inflate.decompress(SystemZlib.deflate([]), limit: 10).isEmpty)
        // Python: zlib.compress(b"hello hello hello", wbits=-15) with a fixed-Huffman block.
        let fixed: [UInt8] = [0xCB, 0x48, 0xCD, 0xC9, 0xC9, 0x57, 0xC8, 0x40, 0x90, 0x00]
        #expect(try Inflate.decompress(fixed, limit: 100) == Array("hello hello hello".utf8))
    }

    @Test func refusesDamagedStreams() throws {
        let good = try SystemZlib.deflate(Array(String(repeating: "improvement plan ", count: 200).utf8))
        #expect(throws: Inflate.Failure.self) { try Inflate.decompress(Array(good.prefix(good.count / 2)), limit: 1 << 20) }
        #expect(throws: Inflate.Failure.self) { try Inflate.decompress([0x07], limit: 1 << 20) }  // block type 3
        // A stored block whose length and its complement disagree.
        #expect(throws: Inflate.Failure.corrupt("a stored block's length does not match its check", offset: 1)) {
            try Inflate.decompress([0x01, 0x05, 0x00, 0x00, 0x00], limit: 100)
        }
        var random = SeededGenerator(test: "refusesDamagedStreams")
        // Random damage never crashes and never runs past the limit.
        for _ in 0..<300 {
            var broken = good
            for _ in 0..<Int.random(in: 1...4, using: &random) { broken[Int.random(in: 0..<broken.count, using: &random)] = UInt8.random(in: 0...255, using: &random) }
            if let output = try? Inflate.decompress(broken, limit: 5000) { #expect(output.count <= 5000) }
        }
    }

    @Test func stopsAtTheLimit() throws {
        let zeros = try SystemZlib.deflate([UInt8](repeating: 0, count: 1 << 20))
        #expect(zeros.count < 1100)
        #expect(throws: Inflate.Failure.tooLarge(limit: 65536)) { try Inflate.decompress(zeros, limit: 65536) }
    }
}

@Suite struct ZipArchiveTests {
    @Test func readsStoredDeflatedAndZip64Entries() throws {
        for zip64 in [false, true] {
            let text = Array(String(repeating: "<w:p><w:t>Action</w:t></w:p>", count: 100).utf8)
            let bytes = try ZipBuilder(entries: [
                .init(name: "[Content_Types].xml", data: Array("<Types/>".utf8), deflate: false),
                .init(name: "word/document.xml", data: text),
            ], zip64: zip64).bytes()
            let archive = try ZipArchive(bytes: bytes)
            #expect(archive.entries.map(\.name) == ["[Content_Types].xml", "word/document.xml"])
            #expect(try archive.contents(of: "word/document.xml") == text)
            #expect(try archive.contents(of: "/[content_types].xml") == Array("<Types/>".utf8))
            #expect(try archive.contents(of: "missing.xml") == nil)
        }
    }

    @Test func refusesZipBombsBeforeTheyFillMemory() throws {
        let megabyte = [UInt8](repeating: 0x20, count: 1 << 20)
        // Honest about its size: refused from the directory alone (the ratio is over 1000).
        let honest = try ZipBuilder(entries: [.init(name: "word/document.xml", data: megabyte)]).bytes()
        #expect(honest.count < 1200)
        #expect(throws: ZipArchive.Failure.tooLarge(entry: "word/document.xml", limit: 256 << 10)) {
            try ZipArchive(bytes: honest).contents(of: "word/document.xml")
        }
        // Lying (it says 100 bytes): the inflater stops at the limit.
        let lying = try ZipBuilder(entries: [.init(name: "word/document.xml", data: megabyte, declaredSize: 100)]).bytes()
        #expect(throws: ZipArchive.Failure.tooLarge(entry: "word/document.xml", limit: 256 << 10)) {
            try ZipArchive(bytes: lying).contents(of: "word/document.xml")
        }
    }

    @Test func refusesEncryptedCutOffAndCorruptedArchives() throws {
        let data = Array("<w:document/>".utf8)
        let encrypted = try ZipBuilder(entries: [.init(name: "a.xml", data: data, encrypted: true)]).bytes()
        #expect(throws: ZipArchive.Failure.encrypted(entry: "a.xml")) { try ZipArchive(bytes: encrypted).contents(of: "a.xml") }
        let good = try ZipBuilder(entries: [.init(name: "a.xml", data: data, deflate: false)]).bytes()
        #expect(throws: ZipArchive.Failure.self) { try ZipArchive(bytes: Array(good.prefix(good.count - 30))) }
        var flipped = good
        flipped[36] ^= 0xFF  // a byte of the stored data (after the 30-byte header and the name): the CRC no longer matches
        #expect(throws: ZipArchive.Failure.damaged("the entry a.xml fails its CRC-32 check")) { try ZipArchive(bytes: flipped).contents(of: "a.xml") }
        #expect(throws: ZipArchive.Failure.notZip) { try ZipArchive(bytes: Array("ID,Action\n".utf8)) }
    }
}

@Suite struct XMLReaderTests {
    @Test func resolvesNamespacesEntitiesAndCDATA() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <!-- a comment -->
        <w:document xmlns:w="urn:w" xmlns="urn:default"><w:body><w:p>
          <w:t xml:space="preserve"> A &amp; B &lt;C&gt; &#8211; &#x2019;s</w:t><plain a='1' b="&quot;2&quot;"/>
          <w:t><![CDATA[<not a tag> & raw]]></w:t></w:p></w:body></w:document>
        """
        let root = try XMLReader.parse(Array(xml.utf8))
        #expect(root.namespace == "urn:w" && root.name == "document")
        let paragraph = try #require(root.first("body")?.first("p"))
        let texts = paragraph.elements("t")
        #expect(texts.map(\.text) == [" A & B <C> – ’s", "<not a tag> & raw"])
        #expect(texts[0].attributes["xml:space"] == "preserve")
        let plain = try #require(paragraph.first("plain"))
        #expect(plain.namespace == "urn:default" && plain.attribute("b") == "\"2\"")
    }

    @Test func refusesWhatIsNotWellFormed() {
        let cases: [(String, String)] = [
            ("<a><b></a>", "</a> closes <b>"),
            ("<a>", "<a> is never closed"),
            ("<!DOCTYPE a [<!ENTITY x \"y\">]><a/>", "a document type declaration, which Office files never have"),
            ("<a>&bogus;</a>", "the unknown entity &bogus;"),
            ("<p:a/>", "the prefix p of <p:a> is not declared"),
            ("<a x='1' x='2'/>", "the attribute x is given twice"),
            ("<a/><b/>", "a second root element"),
        ]
        for (xml, message) in cases {
            #expect(throws: XMLReader.Failure(line: 1, message: message), "\(xml)") { try XMLReader.parse(Array(xml.utf8)) }
        }
    }

    @Test func readsNestingAsDeepAsDocumentsHaveAndRefusesDeeper() throws {
        func nested(_ depth: Int) -> [UInt8] { Array((String(repeating: "<a>", count: depth) + "x" + String(repeating: "</a>", count: depth)).utf8) }
        #expect(try XMLReader.parse(nested(XMLReader.depthLimit)).name == "a")
        #expect(throws: XMLReader.Failure(line: 1, message: "elements nested more than \(XMLReader.depthLimit) deep")) {
            try XMLReader.parse(nested(100_000))
        }
    }
}
