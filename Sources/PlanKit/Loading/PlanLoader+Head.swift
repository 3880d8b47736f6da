import Glibc

/// A plan's id read from the head of its file, without reading the plan.
///
/// A change or a `show` that names its plan (`yot-7:1.1`) in a folder of
/// 1,500 plans needs only to know which file holds the plan `yot-7`: the
/// writer puts `id` among the plan's first fields, so the first few kilobytes
/// of each file tell, and the other plans' actions are never read. Anything
/// this reader is not sure of – a key or id with escapes, a byte-order mark,
/// bytes that are not a JSON object, no `id` before the file ends – is
/// ``PlanHeadID/unknown``, and the caller then reads the folder as before.
public enum PlanHeadID: Sendable, Equatable {
    /// The top-level `id`, as the file spells it.
    case found(String)
    /// The bytes end before the top-level `id` is reached: read more of the file.
    case incomplete
    /// Not what the writer writes: read the plan whole to know.
    case unknown
}

extension PlanLoader {
    /// How much of each file is read first for its id (the writer's `id` is within its first 100 bytes).
    public static let headLength = 1024

    /// The top-level `id` of a plan's bytes (all of them, or the first ones).
    ///
    /// Only the top-level object's keys are looked at; the values before `id`
    /// (`$schema`, `formatVersion`, …) are passed over bracket to bracket, so
    /// an `id` key inside a nested value is never taken for the plan's.
    public static func planID(head bytes: ArraySlice<UInt8>) -> PlanHeadID {
        var scanner = HeadScanner(bytes: bytes)
        return scanner.topLevelID()
    }

    /// The top-level `id` of a plan file: from its first ``headLength`` bytes,
    /// or from the whole file when the id is further on.
    ///
    /// - Throws: ``PlanError`` when the file cannot be opened or read, as a whole read would.
    public static func planID(file: String, relativeTo folder: WorkingFolder) throws(PlanError) -> PlanHeadID {
        let head = try read(file: file, relativeTo: folder, upTo: headLength)
        let found = planID(head: head[...])
        guard found == .incomplete, head.count == headLength else { return found == .incomplete ? .unknown : found }
        let whole = planID(head: try read(file: file, relativeTo: folder)[...])
        return whole == .incomplete ? .unknown : whole
    }
}

/// Passes over JSON bytes as far as the top-level `id`, refusing to guess.
private struct HeadScanner {
    let bytes: ArraySlice<UInt8>
    var position: Int

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    enum Stop: Error { case incomplete, unknown }

    mutating func topLevelID() -> PlanHeadID {
        do {
            try skipSpace()
            guard try next() == UInt8(ascii: "{") else { return .unknown }
            while true {
                try skipSpace()
                guard try next() == UInt8(ascii: "\"") else { return .unknown }
                let key = try plainString()
                try skipSpace()
                guard try next() == UInt8(ascii: ":") else { return .unknown }
                try skipSpace()
                if key == PlanField.id.key {
                    guard try next() == UInt8(ascii: "\"") else { return .unknown }
                    let id = try plainString()
                    // Only a complete value counts: the next byte must close or continue the object.
                    try skipSpace()
                    guard let after = try peek(), after == UInt8(ascii: ",") || after == UInt8(ascii: "}") else { return .unknown }
                    return .found(id)
                }
                try skipValue()
                try skipSpace()
                switch try next() {
                case UInt8(ascii: ","): continue
                default: return .unknown // the end of the object with no id, or not JSON
                }
            }
        } catch .incomplete {
            return .incomplete
        } catch {
            return .unknown
        }
    }

    mutating func next() throws(Stop) -> UInt8 {
        guard position < bytes.endIndex else { throw .incomplete }
        defer { position += 1 }
        return bytes[position]
    }

    func peek() throws(Stop) -> UInt8? {
        guard position < bytes.endIndex else { throw .incomplete }
        return bytes[position]
    }

    mutating func skipSpace() throws(Stop) {
        while position < bytes.endIndex {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
        throw .incomplete
    }

    /// A string after its opening quote, with no escapes (else ``Stop/unknown``) and no control characters.
    mutating func plainString() throws(Stop) -> String {
        let start = position
        while true {
            let byte = try next()
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { throw .unknown }
        }
        return String(decoding: bytes[start..<(position - 1)], as: UTF8.self)
    }

    /// Any value, passed over: a string with its escapes, an object or array by depth, a literal or number.
    mutating func skipValue() throws(Stop) {
        switch try next() {
        case UInt8(ascii: "\""):
            try skipStringRest()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 1
            while depth > 0 {
                switch try next() {
                case UInt8(ascii: "\""): try skipStringRest()
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                default: break
                }
            }
        default:
            // A literal or a number: it ends where the object goes on or closes.
            while let byte = try peek() {
                switch byte {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D: return
                default: position += 1
                }
            }
        }
    }

    /// The rest of a string after its opening quote.
    mutating func skipStringRest() throws(Stop) {
        while true {
            let byte = try next()
            if byte == UInt8(ascii: "\\") { _ = try next() } else if byte == UInt8(ascii: "\"") { return }
        }
    }
}
