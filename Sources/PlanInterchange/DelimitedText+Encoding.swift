/// The encodings a CSV or TSV file to import is read in: the ones Excel saves.
///
/// Excel's "CSV UTF-8" is UTF-8 with a byte order mark; its "CSV (Comma delimited)" is the
/// computer's ANSI code page, Windows-1252 on a UK or US PC; its "Unicode Text" is UTF-16
/// little-endian with a byte order mark, separated by tabs. A file's encoding is decided
/// by its bytes, never guessed from its name:
///
/// 1. A UTF-16 byte order mark (`FF FE` little-endian, `FE FF` big-endian): UTF-16. An odd
///    number of bytes, or half of a surrogate pair, is refused: the file is damaged.
/// 2. A NUL byte anywhere, without such a mark: refused. No text file in an 8-bit encoding or
///    UTF-8 holds one; UTF-16 without a byte order mark does (NULs in every other byte, which
///    is named), and so does a binary file.
/// 3. Valid UTF-8 (with or without its byte order mark `EF BB BF`): UTF-8. A file that starts
///    with the mark but is not valid UTF-8 is refused rather than read in another encoding.
/// 4. Anything else: Windows-1252, in which every byte is a character. Text in another 8-bit
///    encoding (Latin-1 included, but for its rarely used C1 controls) reads the same for
///    ASCII and the accented letters of western European languages. The five bytes the
///    Windows-1252 table leaves undefined (`81`, `8D`, `8F`, `90`, `9D`) are read as the C1
///    control characters of the same number (U+0081…), as Windows itself and the WHATWG
///    encoding standard read them, so that no byte is lost or changed; such a character in an
///    id is an unreadable row, as any control character is. A file read so that holds a C0
///    control byte other than tab, line feed, vertical tab (a line break pasted from Word),
///    form feed or carriage return is refused as not text.
extension DelimitedText {
    /// The encoding a file was read in.
    public enum Encoding: Equatable, Sendable {
        /// UTF-8, with or without a byte order mark.
        case utf8
        /// Windows-1252: the file was not UTF-8 (Excel's "CSV (Comma delimited)").
        case windows1252
        /// UTF-16 with the byte order mark `FF FE` (Excel's "Unicode Text").
        case utf16LittleEndian
        /// UTF-16 with the byte order mark `FE FF`.
        case utf16BigEndian
    }

    /// Why a file's bytes are not text that can be imported.
    public enum EncodingFailure: Error, Equatable, Sendable {
        /// The file holds NUL bytes in every other byte, as UTF-16 does, but starts with no
        /// byte order mark to say which byte comes first: `likely` is the order its NULs suggest.
        case utf16WithoutByteOrderMark(likely: Encoding)
        /// The file starts with a UTF-16 byte order mark but has an odd number of bytes.
        case utf16OddByteCount(Encoding)
        /// The file starts with a UTF-16 byte order mark but holds half of a surrogate pair
        /// (half of a character beyond U+FFFF) at `byteOffset`.
        case utf16UnpairedSurrogate(Encoding, byteOffset: Int)
        /// The file starts with the UTF-8 byte order mark but `byte` at `byteOffset` is not UTF-8.
        case invalidUTF8AfterByteOrderMark(byte: UInt8, byteOffset: Int)
        /// The file holds `byte` (a NUL or another control byte no text file holds) at `byteOffset`.
        case notText(byte: UInt8, byteOffset: Int)
    }

    /// Reads a CSV or TSV file's bytes as text, in the encoding its bytes show (see the type's comment).
    ///
    /// - Returns: the text (a UTF-16 byte order mark left out; a UTF-8 one kept, as
    ///   ``records(_:separator:limits:)`` passes over it) and the encoding it was read in.
    /// - Throws: ``EncodingFailure`` for bytes that are none of them.
    public static func decode(_ bytes: [UInt8]) throws(EncodingFailure) -> (text: String, encoding: Encoding) {
        if bytes.starts(with: [0xFF, 0xFE]) { return (try utf16(bytes, bigEndian: false), .utf16LittleEndian) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (try utf16(bytes, bigEndian: true), .utf16BigEndian) }
        if let nul = bytes.firstIndex(of: 0) {
            if let likely = utf16Order(bytes) { throw .utf16WithoutByteOrderMark(likely: likely) }
            throw .notText(byte: 0, byteOffset: nul)
        }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, .utf8) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let offset = firstInvalidUTF8Offset(bytes) ?? 0
            throw .invalidUTF8AfterByteOrderMark(byte: bytes[offset], byteOffset: offset)
        }
        if let control = bytes.firstIndex(where: { $0 < 0x20 && ![0x09, 0x0A, 0x0B, 0x0C, 0x0D].contains($0) }) {
            throw .notText(byte: bytes[control], byteOffset: control)
        }
        return (windows1252(bytes), .windows1252)
    }

    /// The characters of bytes `80`…`9F` in Windows-1252; the five it leaves undefined are the
    /// C1 controls of the same number. Every other byte is the character of its own number.
    static let windows1252High: [Unicode.Scalar] = [
        "\u{20AC}", "\u{0081}", "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", "\u{008D}", "\u{017D}", "\u{008F}",
        "\u{0090}", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", "\u{009D}", "\u{017E}", "\u{0178}",
    ]

    /// The character a Windows-1252 byte stands for (every byte stands for one).
    public static func windows1252Character(_ byte: UInt8) -> Unicode.Scalar {
        (0x80...0x9F).contains(byte) ? windows1252High[Int(byte) - 0x80] : Unicode.Scalar(byte)
    }

    /// Bytes read as Windows-1252.
    static func windows1252(_ bytes: [UInt8]) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                utf8.append(byte)
            } else {
                utf8.append(contentsOf: UTF8.encode(windows1252Character(byte))!)
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Bytes that start with a UTF-16 byte order mark, read as UTF-16 without it.
    static func utf16(_ bytes: [UInt8], bigEndian: Bool) throws(EncodingFailure) -> String {
        let encoding: Encoding = bigEndian ? .utf16BigEndian : .utf16LittleEndian
        guard bytes.count % 2 == 0 else { throw .utf16OddByteCount(encoding) }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2 - 1)
        var index = 2
        while index < bytes.count {
            let (first, second) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        var position = 0
        while position < units.count {
            let unit = units[position]
            if UTF16.isLeadSurrogate(unit) {
                guard position + 1 < units.count, UTF16.isTrailSurrogate(units[position + 1]) else {
                    throw .utf16UnpairedSurrogate(encoding, byteOffset: 2 + 2 * position)
                }
                position += 2
            } else if UTF16.isTrailSurrogate(unit) {
                throw .utf16UnpairedSurrogate(encoding, byteOffset: 2 + 2 * position)
            } else {
                position += 1
            }
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// The byte order of UTF-16 without a byte order mark, when the bytes read so look like text:
    /// at least half of the characters are ASCII (a NUL high byte) and none is a control
    /// character other than tab, line feed, vertical tab, form feed or carriage return (nor
    /// NUL). `nil` for other bytes with NULs (a binary file).
    static func utf16Order(_ bytes: [UInt8]) -> Encoding? {
        guard bytes.count >= 4 else { return nil }
        for bigEndian in [false, true] {
            var units = 0, ascii = 0, controls = 0
            var index = 0
            while index + 1 < bytes.count {
                let (high, low) = bigEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
                units += 1
                if high == 0 {
                    if low < 0x20 && ![0x09, 0x0A, 0x0B, 0x0C, 0x0D].contains(low) { controls += 1 } else { ascii += 1 }
                }
                index += 2
            }
            if controls == 0, ascii * 2 >= units { return bigEndian ? .utf16BigEndian : .utf16LittleEndian }
        }
        return nil
    }

    /// The offset of the first byte that is not part of valid UTF-8, or `nil` when all are.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
