/// The entries of a ZIP file (the container of `.docx` and `.xlsx`), read
/// from its central directory, with ZIP64 sizes and offsets.
///
/// An entry is inflated only when asked for, within a size limit and a
/// compression-ratio check, and its CRC-32 is checked, so a damaged or
/// hostile file is refused with a reason rather than read wrongly.
public struct ZipArchive: Sendable {
    /// Why an archive or one of its entries could not be read.
    public enum Failure: Error, Equatable, Sendable {
        /// The bytes are not a ZIP file at all.
        case notZip
        /// The ZIP structure is damaged; the text says where.
        case damaged(String)
        /// The entry is encrypted (a password-protected archive).
        case encrypted(entry: String)
        /// The entry uses a compression method other than stored or deflated.
        case unsupportedMethod(entry: String, method: Int)
        /// The entry would inflate past `limit` bytes, or far past its compressed size.
        case tooLarge(entry: String, limit: Int)
    }

    /// One file inside the archive.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var method: Int
        public var flags: Int
        public var crc: UInt32
        public var compressedSize: Int
        public var size: Int
        var localHeaderOffset: Int
    }

    public let bytes: [UInt8]
    public private(set) var entries: [Entry] = []

    /// The most bytes one entry may inflate to (a plan's document is a few hundred kilobytes).
    public var entryLimit = 64 << 20
    /// The most an entry may inflate relative to its compressed size, once it is past 256 KB
    /// (real document parts inflate 5 to 30 times; a zip bomb a thousand).
    public var ratioLimit = 200

    /// Reads the central directory.
    public init(bytes: [UInt8]) throws(Failure) {
        self.bytes = bytes
        guard bytes.count >= 22, bytes[0] == 0x50, bytes[1] == 0x4B else { throw .notZip }
        // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535, at the end.
        var end = -1
        var index = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while index >= lowest {
            if read32(index) == 0x0605_4B50 { end = index; break }
            index -= 1
        }
        guard end >= 0 else { throw .damaged("no end of central directory (the file is cut off)") }
        var count = read16(end + 10)
        var directorySize = Int(read32(end + 12))
        var directoryOffset = Int(read32(end + 16))
        if end >= 20, read32(end - 20) == 0x0706_4B50 {
            let record = (read64(end - 20 + 8))
            guard record + 56 <= bytes.count, read32(record) == 0x0606_4B50 else {
                throw .damaged("the ZIP64 end record is not where its locator says")
            }
            count = (read64(record + 32))
            directorySize = (read64(record + 40))
            directoryOffset = (read64(record + 48))
        }
        guard directoryOffset >= 0, directorySize >= 0, directoryOffset + directorySize <= bytes.count, count >= 0, count <= directorySize / 46
        else { throw .damaged("the central directory lies outside the file") }
        var position = directoryOffset
        for _ in 0..<count {
            guard position + 46 <= bytes.count, read32(position) == 0x0201_4B50 else {
                throw .damaged("a central directory entry is damaged at byte \(position)")
            }
            let flags = read16(position + 8)
            let method = read16(position + 10)
            let crc = read32(position + 16)
            var compressed = Int(read32(position + 20))
            var size = Int(read32(position + 24))
            let nameLength = read16(position + 28)
            let extraLength = read16(position + 30)
            let commentLength = read16(position + 32)
            var offset = Int(read32(position + 42))
            let nameStart = position + 46
            guard nameStart + nameLength + extraLength + commentLength <= bytes.count else {
                throw .damaged("a central directory entry runs past the end of the file")
            }
            let name = String(decoding: bytes[nameStart..<(nameStart + nameLength)], as: UTF8.self)
            // ZIP64: the 0x0001 extra field holds, in order, whichever of the three were 0xFFFFFFFF.
            var extra = nameStart + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let tag = read16(extra), length = read16(extra + 2)
                var field = extra + 4
                if tag == 1 {
                    if size == 0xFFFF_FFFF, field + 8 <= extraEnd { size = (read64(field)); field += 8 }
                    if compressed == 0xFFFF_FFFF, field + 8 <= extraEnd { compressed = (read64(field)); field += 8 }
                    if offset == 0xFFFF_FFFF, field + 8 <= extraEnd { offset = (read64(field)); field += 8 }
                }
                extra += 4 + length
            }
            guard size >= 0, compressed >= 0, offset >= 0 else { throw .damaged("the entry \(name) has an impossible size") }
            entries.append(Entry(name: name, method: method, flags: flags, crc: crc, compressedSize: compressed, size: size,
                                 localHeaderOffset: offset))
            position = extraEnd + commentLength
        }
    }

    /// The entry with this name (names inside OOXML packages are compared without a leading slash, ignoring case).
    public func entry(_ name: String) -> Entry? {
        let wanted = name.hasPrefix("/") ? String(name.dropFirst()) : name
        return entries.first { $0.name == wanted } ?? entries.first { $0.name.lowercased() == wanted.lowercased() }
    }

    /// An entry's bytes, inflated and checked.
    public func contents(of entry: Entry) throws(Failure) -> [UInt8] {
        if entry.flags & 1 != 0 { throw .encrypted(entry: entry.name) }
        let header = entry.localHeaderOffset
        guard header + 30 <= bytes.count, read32(header) == 0x0403_4B50 else {
            throw .damaged("the entry \(entry.name) is not where the central directory says")
        }
        let start = header + 30 + read16(header + 26) + read16(header + 28)
        guard start + entry.compressedSize <= bytes.count else { throw .damaged("the entry \(entry.name) is cut off") }
        let data = Array(bytes[start..<(start + entry.compressedSize)])
        // A declared size past the limit, or a ratio no document has, is refused before inflating.
        let ratioCap = max(256 << 10, entry.compressedSize.multipliedReportingOverflow(by: ratioLimit).overflow ? Int.max : entry.compressedSize * ratioLimit)
        let limit = min(entryLimit, ratioCap)
        guard entry.size <= limit else { throw .tooLarge(entry: entry.name, limit: limit) }
        let output: [UInt8]
        switch entry.method {
        case 0:
            output = data
        case 8:
            do {
                output = try Inflate.decompress(data, limit: limit, expectedSize: entry.size)
            } catch {
                switch error {
                case .tooLarge(let limit): throw .tooLarge(entry: entry.name, limit: limit)
                case .corrupt(let reason, let offset):
                    throw .damaged("the entry \(entry.name) does not inflate: \(reason) (compressed byte \(offset))")
                }
            }
        default:
            throw .unsupportedMethod(entry: entry.name, method: entry.method)
        }
        guard output.count == entry.size else {
            throw .damaged("the entry \(entry.name) inflates to \(output.count) bytes, not the \(entry.size) its directory says")
        }
        guard CRC32.checksum(output) == entry.crc else { throw .damaged("the entry \(entry.name) fails its CRC-32 check") }
        return output
    }

    /// An entry's bytes by name, or nil when the archive has no such entry.
    public func contents(of name: String) throws(Failure) -> [UInt8]? {
        guard let entry = entry(name) else { return nil }
        return try contents(of: entry)
    }

    func read16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    func read32(_ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
    /// An 8-byte field, capped at 2⁴⁰: no file read here is that large, and the cap keeps every
    /// sum of offsets and sizes from overflowing, so a hostile value is refused as out of range.
    func read64(_ at: Int) -> Int {
        guard at >= 0, at + 8 <= bytes.count else { return Self.beyond }
        let value = UInt64(read32(at)) | UInt64(read32(at + 4)) << 32
        return value > UInt64(Self.beyond) ? Self.beyond : Int(value)
    }

    static let beyond = 1 << 40
}

/// The CRC-32 of ZIP (and zlib, and PNG): polynomial 0xEDB88320.
public enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index -> UInt32 in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 != 0 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        update(0, with: bytes)
    }

    /// The checksum of bytes that follow those whose checksum is `checksum` (0 before any).
    public static func update<Bytes: Sequence>(_ checksum: UInt32, with bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var crc = checksum ^ 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
