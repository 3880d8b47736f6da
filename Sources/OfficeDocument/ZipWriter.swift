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
        let crc = CRC32.checksum(data)
        let nameBytes = Array(name.utf8)
        let offset = UInt32(output.count)
        let flags: UInt16 = 1 << 11  // names in UTF-8
        let version: UInt16 = 20

        // Local file header.
        output.append32(0x0403_4B50)
        output.append16(version)
        output.append16(flags)
        output.append16(methodCode)
        output.append16(Self.dosTime)
        output.append16(Self.dosDate)
        output.append32(crc)
        output.append32(UInt32(payload.count))
        output.append32(UInt32(data.count))
        output.append16(UInt16(nameBytes.count))
        output.append16(0)
        output += nameBytes
        output += payload

        // Its central directory record.
        directory.append32(0x0201_4B50)
        directory.append16(version)  // made by: MS-DOS, spec 2.0
        directory.append16(version)
        directory.append16(flags)
        directory.append16(methodCode)
        directory.append16(Self.dosTime)
        directory.append16(Self.dosDate)
        directory.append32(crc)
        directory.append32(UInt32(payload.count))
        directory.append32(UInt32(data.count))
        directory.append16(UInt16(nameBytes.count))
        directory.append16(0)  // extra
        directory.append16(0)  // comment
        directory.append16(0)  // disk
        directory.append16(0)  // internal attributes
        directory.append32(0)  // external attributes
        directory.append32(offset)
        directory += nameBytes
        count += 1
    }

    /// Adds a text entry, as UTF-8.
    public mutating func add(_ name: String, text: String, method: Method = .deflated) {
        add(name, Array(text.utf8), method: method)
    }

    /// The finished archive: the entries, the central directory and its end record.
    public func bytes() -> [UInt8] {
        precondition(count < 0xFFFF, "ZipWriter: no ZIP64; too many entries")
        var result = output
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
        return result
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
