import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The system's zlib (the library Python's `zlib` module wraps), opened at
/// run time so that the package itself links nothing: the reference the
/// project's own DEFLATE decoder is checked against.
public enum SystemZlib {
    /// How zlib chooses blocks (its `strategy`): each makes a different kind of DEFLATE block.
    public enum Strategy: Int32, CaseIterable, Sendable {
        case standard = 0, filtered = 1, huffmanOnly = 2, runLength = 3, fixed = 4
    }

    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    typealias Init2 = @convention(c) (UnsafeMutableRawPointer, Int32, Int32, Int32, Int32, Int32, UnsafePointer<CChar>, Int32) -> Int32
    typealias Step = @convention(c) (UnsafeMutableRawPointer, Int32) -> Int32
    typealias End = @convention(c) (UnsafeMutableRawPointer) -> Int32
    typealias Version = @convention(c) () -> UnsafePointer<CChar>

    nonisolated(unsafe) static let handle: UnsafeMutableRawPointer? = dlopen("libz.so.1", RTLD_NOW) ?? dlopen("libz.so", RTLD_NOW)

    /// Raw DEFLATE (no zlib header) of `input` at `level` (0 = stored blocks) with `strategy`.
    public static func deflate(_ input: [UInt8], level: Int32 = 6, strategy: Strategy = .standard) throws -> [UInt8] {
        guard let handle, let initSymbol = dlsym(handle, "deflateInit2_"), let stepSymbol = dlsym(handle, "deflate"),
              let endSymbol = dlsym(handle, "deflateEnd"), let versionSymbol = dlsym(handle, "zlibVersion") else {
            throw Unavailable(description: "the system zlib (libz.so.1) could not be opened; install zlib1g")
        }
        let initialise = unsafeBitCast(initSymbol, to: Init2.self)
        let step = unsafeBitCast(stepSymbol, to: Step.self)
        let end = unsafeBitCast(endSymbol, to: End.self)
        let version = unsafeBitCast(versionSymbol, to: Version.self)
        // z_stream on LP64: next_in 0, avail_in 8, total_in 16, next_out 24, avail_out 32, total_out 40, … 112 bytes.
        let stream = UnsafeMutableRawPointer.allocate(byteCount: 112, alignment: 8)
        defer { stream.deallocate() }
        stream.initializeMemory(as: UInt8.self, repeating: 0, count: 112)
        guard initialise(stream, level, 8, -15, 8, strategy.rawValue, version(), 112) == 0 else {
            throw Unavailable(description: "zlib refused deflateInit2")
        }
        defer { _ = end(stream) }
        var output = [UInt8](repeating: 0, count: input.count + input.count / 100 + 1024)
        var input = input
        if input.isEmpty { input = [0] ; input.removeAll(keepingCapacity: true) }
        let result = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer -> Int32 in
                stream.storeBytes(of: inBuffer.baseAddress, toByteOffset: 0, as: UnsafeMutablePointer<UInt8>?.self)
                stream.storeBytes(of: UInt32(inBuffer.count), toByteOffset: 8, as: UInt32.self)
                stream.storeBytes(of: outBuffer.baseAddress, toByteOffset: 24, as: UnsafeMutablePointer<UInt8>?.self)
                stream.storeBytes(of: UInt32(outBuffer.count), toByteOffset: 32, as: UInt32.self)
                return step(stream, 4)
            }
        }
        guard result == 1 else { throw Unavailable(description: "zlib deflate returned \(result)") }
        let produced = stream.load(fromByteOffset: 40, as: UInt.self)
        return Array(output.prefix(Int(produced)))
    }
}

/// Writes ZIP files for tests: stored or deflated entries, optionally with
/// ZIP64 records, and with sizes or flags that lie, to try the reader's defences.
public struct ZipBuilder {
    public struct Entry {
        public var name: String
        public var data: [UInt8]
        public var deflate = true
        /// The size to declare instead of the real one (a lie).
        public var declaredSize: Int?
        public var encrypted = false

        public init(name: String, data: [UInt8], deflate: Bool = true, declaredSize: Int? = nil, encrypted: Bool = false) {
            self.name = name
            self.data = data
            self.deflate = deflate
            self.declaredSize = declaredSize
            self.encrypted = encrypted
        }
    }

    public var entries: [Entry] = []
    public var zip64 = false

    public init(entries: [Entry] = [], zip64: Bool = false) {
        self.entries = entries
        self.zip64 = zip64
    }

    static let crcTable: [UInt32] = (0..<256).map { index -> UInt32 in
        var crc = UInt32(index)
        for _ in 0..<8 { crc = crc & 1 != 0 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        return crc
    }

    static func crc(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return ~crc
    }

    public func bytes() throws -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        func le(_ value: UInt64, _ count: Int, into bytes: inout [UInt8]) {
            for index in 0..<count { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(8 * index))) }
        }
        for entry in entries {
            let payload = entry.deflate ? try SystemZlib.deflate(entry.data) : entry.data
            let size = UInt64(entry.declaredSize ?? entry.data.count)
            let crc = UInt64(Self.crc(entry.data))
            let name = Array(entry.name.utf8)
            let offset = UInt64(out.count)
            let flags: UInt64 = entry.encrypted ? 1 : 0
            let method: UInt64 = entry.deflate ? 8 : 0
            le(0x0403_4B50, 4, into: &out); le(45, 2, into: &out); le(flags, 2, into: &out); le(method, 2, into: &out)
            le(0, 4, into: &out); le(crc, 4, into: &out)
            le(UInt64(payload.count), 4, into: &out); le(size, 4, into: &out)
            le(UInt64(name.count), 2, into: &out); le(0, 2, into: &out)
            out += name
            out += payload
            var extra: [UInt8] = []
            if zip64 {
                le(1, 2, into: &extra); le(24, 2, into: &extra)
                le(size, 8, into: &extra); le(UInt64(payload.count), 8, into: &extra); le(offset, 8, into: &extra)
            }
            let big: UInt64 = 0xFFFF_FFFF
            le(0x0201_4B50, 4, into: &directory); le(45, 2, into: &directory); le(45, 2, into: &directory)
            le(flags, 2, into: &directory); le(method, 2, into: &directory); le(0, 4, into: &directory); le(crc, 4, into: &directory)
            le(zip64 ? big : UInt64(payload.count), 4, into: &directory); le(zip64 ? big : size, 4, into: &directory)
            le(UInt64(name.count), 2, into: &directory); le(UInt64(extra.count), 2, into: &directory); le(0, 2, into: &directory)
            le(0, 2, into: &directory); le(0, 2, into: &directory); le(0, 4, into: &directory)
            le(zip64 ? big : offset, 4, into: &directory)
            directory += name
            directory += extra
        }
        let directoryOffset = UInt64(out.count)
        out += directory
        if zip64 {
            let record = UInt64(out.count)
            le(0x0606_4B50, 4, into: &out); le(44, 8, into: &out); le(45, 2, into: &out); le(45, 2, into: &out)
            le(0, 4, into: &out); le(0, 4, into: &out)
            le(UInt64(entries.count), 8, into: &out); le(UInt64(entries.count), 8, into: &out)
            le(UInt64(directory.count), 8, into: &out); le(directoryOffset, 8, into: &out)
            le(0x0706_4B50, 4, into: &out); le(0, 4, into: &out); le(record, 8, into: &out); le(1, 4, into: &out)
        }
        le(0x0605_4B50, 4, into: &out); le(0, 2, into: &out); le(0, 2, into: &out)
        le(zip64 ? 0xFFFF : UInt64(entries.count), 2, into: &out); le(zip64 ? 0xFFFF : UInt64(entries.count), 2, into: &out)
        le(zip64 ? 0xFFFF_FFFF : UInt64(directory.count), 4, into: &out); le(zip64 ? 0xFFFF_FFFF : directoryOffset, 4, into: &out)
        le(0, 2, into: &out)
        return out
    }
}
