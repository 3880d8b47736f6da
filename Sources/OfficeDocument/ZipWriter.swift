/// Writes a ZIP file (the container of `.docx` and `.xlsx`): stored or
/// deflated entries, in the order they are added.
///
/// Every entry carries the same fixed DOS timestamp (1 January 2024, 00:00),
/// so writing the same document twice gives the same bytes: an export can be
/// compared with the one before, and tests can compare outputs. Names are
/// UTF-8 (general-purpose flag bit 11). No ZIP64: an Office part written
/// here is far below 4 GB, and `add` refuses what would need it.
public struct ZipWriter: Sendable {
    /// How an entry's bytes are kept.
    public enum Method: Sendable, Equatable {
        case stored
        /// DEFLATE (`Deflate.compress`); kept stored instead when that would not be smaller.
        case deflated
    }

    /// DOS time 00:00:00 and date 2024-01-01 ((2024 - 1980) << 9 | 1 << 5 | 1).
    static let dosTime: UInt16 = 0
    static let dosDate: UInt16 = UInt16((2024 - 1980) << 9 | 1 << 5 | 1)

    private var output: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0
    private var names: Set<String> = []

    public init() {}

    /// Adds one entry.
    ///
    /// - Parameters:
    ///   - name: the path inside the archive, with forward slashes and no leading slash.
    ///   - data: the entry's bytes.
    ///   - method: stored or deflated.
    public mutating func add(_ name: String, _ data: [UInt8], method: Method = .deflated) {
        precondition(!names.contains(name), "ZipWriter: \(name) added twice")
        precondition(data.count < 0xFFFF_FFFF && output.count < 0xFFFF_FFFF, "ZipWriter: no ZIP64; \(name) is too large")
        names.insert(name)
        var payload = data
        var methodCode: UInt16 = 0
        if method == .deflated, !data.isEmpty {
            let compressed = Deflate.compress(data)
            if compressed.count < data.count {
                payload = compressed
                methodCode = 8
            }
        }
        record(name, payload: payload, methodCode: methodCode, crc: CRC32.checksum(data), size: data.count)
    }

    /// Adds one deflated entry whose bytes `writing` gives in pieces (``ZipPart``), compressed as they
    /// come: the same entry as `add(name, allThosePieces)`, without ever holding the pieces together.
    ///
    /// - Throws: what `writing` throws; the archive is then left without the entry.
    public mutating func add<Failure: Error>(_ name: String, writing: (inout ZipPart) throws(Failure) -> Void) throws(Failure) {
        precondition(!names.contains(name), "ZipWriter: \(name) added twice")
        // The local header goes first with its checksum and sizes left at zero, the compressed bytes are
        // appended to the archive as they come (the part holds the archive meanwhile, so that no second
        // copy of them is made), and the header is mended once they are all there.
        let headerStart = output.count
        let nameBytes = Array(name.utf8)
        writeLocalHeader(nameBytes, methodCode: 8, crc: 0, compressedSize: 0, size: 0)
        let dataStart = output.count
        var part = ZipPart()
        part.archive = output
        output = []
        do throws(Failure) {
            try writing(&part)
        } catch {
            output = part.archive
            output.removeSubrange(headerStart...)
            throw error
        }
        part.archive += part.deflater.takeOutput()
        part.archive += part.deflater.finish()
        output = part.archive
        part.archive = []
        precondition(part.count < 0xFFFF_FFFF && output.count < 0xFFFF_FFFF, "ZipWriter: no ZIP64; \(name) is too large")
        names.insert(name)
        var methodCode: UInt16 = 8
        if part.count == 0 || output.count - dataStart >= part.count {
            // Kept stored, as `add` keeps what does not shrink: its bytes again, from the compressed ones.
            let raw = (try? Inflate.decompress(Array(output[dataStart...]), limit: part.count, expectedSize: part.count)) ?? []
            output.replaceSubrange(dataStart..., with: raw)
            methodCode = 0
        }
        let compressedSize = output.count - dataStart
        patchLocalHeader(at: headerStart, methodCode: methodCode, crc: part.checksum, compressedSize: compressedSize, size: part.count)
        writeDirectoryRecord(nameBytes, offset: headerStart, methodCode: methodCode, crc: part.checksum,
                             compressedSize: compressedSize, size: part.count)
    }

    /// Writes an entry's local header and bytes, and its central directory record.
    private mutating func record(_ name: String, payload: [UInt8], methodCode: UInt16, crc: UInt32, size: Int) {
        let nameBytes = Array(name.utf8)
        let offset = output.count
        writeLocalHeader(nameBytes, methodCode: methodCode, crc: crc, compressedSize: payload.count, size: size)
        output += payload
        writeDirectoryRecord(nameBytes, offset: offset, methodCode: methodCode, crc: crc, compressedSize: payload.count, size: size)
    }

    static let flags: UInt16 = 1 << 11  // names in UTF-8
    static let version: UInt16 = 20

    private mutating func writeLocalHeader(_ nameBytes: [UInt8], methodCode: UInt16, crc: UInt32, compressedSize: Int, size: Int) {
        output.append32(0x0403_4B50)
        output.append16(Self.version)
        output.append16(Self.flags)
        output += Self.entryFields(methodCode: methodCode, crc: crc, compressedSize: compressedSize, size: size)
        output.append16(UInt16(nameBytes.count))
        output.append16(0)
        output += nameBytes
    }

    /// The fields a local header and its central-directory record share, in the order both hold them:
    /// method, time, date, checksum, compressed and uncompressed size.
    private static func entryFields(methodCode: UInt16, crc: UInt32, compressedSize: Int, size: Int) -> [UInt8] {
        var fields: [UInt8] = []
        fields.append16(methodCode)
        fields.append16(dosTime)
        fields.append16(dosDate)
        fields.append32(crc)
        fields.append32(UInt32(compressedSize))
        fields.append32(UInt32(size))
        return fields
    }

    /// The method, checksum and sizes of the local header at `offset`, written over what was there.
    private mutating func patchLocalHeader(at offset: Int, methodCode: UInt16, crc: UInt32, compressedSize: Int, size: Int) {
        let fields = Self.entryFields(methodCode: methodCode, crc: crc, compressedSize: compressedSize, size: size)
        // After the signature (4 bytes), the version (2) and the flags (2).
        output.replaceSubrange((offset + 8)..<(offset + 8 + fields.count), with: fields)
    }

    private mutating func writeDirectoryRecord(_ nameBytes: [UInt8], offset: Int, methodCode: UInt16, crc: UInt32,
                                               compressedSize: Int, size: Int) {
        directory.append32(0x0201_4B50)
        directory.append16(Self.version)  // made by: MS-DOS, spec 2.0
        directory.append16(Self.version)
        directory.append16(Self.flags)
        directory += Self.entryFields(methodCode: methodCode, crc: crc, compressedSize: compressedSize, size: size)
        directory.append16(UInt16(nameBytes.count))
        directory.append16(0)  // extra
        directory.append16(0)  // comment
        directory.append16(0)  // disk
        directory.append16(0)  // internal attributes
        directory.append32(0)  // external attributes
        directory.append32(UInt32(offset))
        directory += nameBytes
        count += 1
    }

    /// Adds a text entry, as UTF-8.
    public mutating func add(_ name: String, text: String, method: Method = .deflated) {
        add(name, Array(text.utf8), method: method)
    }

    /// The finished archive: the entries, the central directory and its end record.
    /// (`finish()` gives the same bytes without keeping a copy of them.)
    public func bytes() -> [UInt8] {
        var result = output
        appendDirectory(to: &result)
        return result
    }

    /// The finished archive, as ``bytes()``, handed over: the writer is left empty of entries.
    public mutating func finish() -> [UInt8] {
        var result = output
        output = []
        appendDirectory(to: &result)
        return result
    }

    private func appendDirectory(to result: inout [UInt8]) {
        precondition(count < 0xFFFF, "ZipWriter: no ZIP64; too many entries")
        let directoryOffset = UInt32(result.count)
        result += directory
        result.append32(0x0605_4B50)
        result.append16(0)
        result.append16(0)
        result.append16(UInt16(count))
        result.append16(UInt16(count))
        result.append32(UInt32(directory.count))
        result.append32(directoryOffset)
        result.append16(0)
    }
}

/// An entry being written in pieces (``ZipWriter/add(_:writing:)``): each piece
/// counted, checksummed and given to the deflater, then let go.
public struct ZipPart: TextOutputStream, Sendable {
    var deflater = Deflate.Stream()
    /// The archive being written, its compressed bytes appended as the deflater gives them.
    var archive: [UInt8] = []
    /// The CRC-32 and length of the bytes written so far.
    public private(set) var checksum: UInt32 = 0
    public private(set) var count = 0

    /// Writes text as UTF-8.
    public mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { write(bytes: $0) }
    }

    public mutating func write(bytes: UnsafeBufferPointer<UInt8>) {
        checksum = CRC32.update(checksum, with: bytes)
        count += bytes.count
        deflater.append(bytes)
        if deflater.writer.bytes.count >= 1 << 16 { archive += deflater.takeOutput() }
    }

    public mutating func write(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write(bytes: $0) }
    }
}

extension Array where Element == UInt8 {
    mutating func append16(_ value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    mutating func append32(_ value: UInt32) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8 & 0xFF))
        append(UInt8(value >> 16 & 0xFF))
        append(UInt8(value >> 24))
    }
}
