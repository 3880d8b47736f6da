import PlanJSON
import Glibc

/// Reads a well-formed plan file straight from its UTF-8 bytes, without
/// building a JSON tree first: the fast path for the usual case, a valid plan.
///
/// It accepts only strict RFC 8259 JSON of exactly the plan format's shape,
/// and stops (throws ``ScanStop``) at the first thing it does not expect. The
/// loader then reads the file again with ``JSONParser`` and the
/// ``DiagnosingScanner``, which report every problem with its place. Both run
/// the same decoder (``PlanFormat``), so a plan read here equals the plan the
/// slower path reads (tests compare them on every example and fixture); it is
/// validated by ``PlanValidator`` all the same. Asked for a day's position
/// (see ``PositionWindow``), it checks the entries it leaves out on their
/// bytes and stops at any it would reject, so that it keeps exactly what the
/// slower path keeps.
struct StrictScanner {
    /// Where each theme, recommendation and action lies in the bytes read.
    private(set) var layout = PlanLayout()
    /// The day whose position is read, or `nil` for the complete history.
    let positionOn: CalendarDate?
    /// Reading a position, the latest date an entry left out may have: a later
    /// one would be refused by ``PlanValidator``, which never sees it, so the
    /// scan stops and the whole read reports it as every other command would.
    let latestRecordable: CalendarDate
    /// The statuses of entries left out, checked against the scheme at the end
    /// (the scheme may come after the actions).
    private var statusesLeftOut: [Key] = []
    /// The same, for entries left out after being read in full (not in the writer's layout).
    private var statusTextsLeftOut: Set<String> = []
    /// When set, only the actions whose id it accepts are read; the others are
    /// passed over on their bytes, unchecked (see ``PlanLoader/actionForChange(bytes:today:keeping:)``).
    private var keepAction: ((String) -> Bool)?
    /// How many actions have been met, read or passed over.
    private var actionsMet = 0

    /// A string's bytes where they lie in the file, compared without making a
    /// `String` of each: a plan has hundreds of thousands of keys and statuses.
    /// Valid only while the scanner's bytes are.
    struct Key: Equatable {
        let start: UnsafePointer<UInt8>
        let length: Int

        static func == (left: Key, right: Key) -> Bool {
            left.length == right.length && memcmp(left.start, right.start, left.length) == 0
        }

        /// The bytes as a string.
        var text: String { String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self) }
    }

    /// The strict JSON reader's cursor; its string and whitespace reading are shared.
    var json: Reader
    var bytes: UnsafeBufferPointer<UInt8> { json.bytes }
    var index: Int {
        get { json.index }
        set { json.index = newValue }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, positionOn: CalendarDate?, latestRecordable: CalendarDate,
                 keepAction: ((String) -> Bool)? = nil) {
        json = Reader(bytes: bytes)
        self.positionOn = positionOn
        self.latestRecordable = latestRecordable
        self.keepAction = keepAction
        if keepAction != nil { layout.actionPositions = [] }
    }

    /// Reads a plan with only the actions whose id `keepAction` accepts,
    /// passing over the others' bytes without checking them: for a change to
    /// a file whose bytes were checked whole before (``PlanLoader/actionForChange(bytes:today:keeping:)``).
    /// - Parameter latestRecordable: the latest date an entry read may have.
    static func read(_ data: [UInt8], latestRecordable: CalendarDate,
                     keepAction: @escaping (String) -> Bool) throws(ScanStop) -> (plan: Plan, layout: PlanLayout) {
        var result: Result<(plan: Plan, layout: PlanLayout), ScanStop> = .failure(ScanStop())
        data.withUnsafeBufferPointer { buffer in
            var scanner = StrictScanner(bytes: buffer, positionOn: nil, latestRecordable: latestRecordable, keepAction: keepAction)
            result = Result { () throws(ScanStop) -> (plan: Plan, layout: PlanLayout) in
                let plan = try scanner.document()
                return (plan, scanner.layout)
            }
        }
        return try result.get()
    }

    /// The id of the action whose `{` is at the cursor, written first as the
    /// writer writes it, or `nil`; the cursor is left where it was.
    private mutating func peekActionID() -> String? {
        let start = index
        defer { index = start }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        skipWhitespace()
        guard let key = try? self.key(), ActionField.table.field(at: key.start, length: key.length)?.field == .id else { return nil }
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
        index += 1
        skipWhitespace()
        return try? json.parseString()
    }

    /// Passes over one JSON value (an object or array with everything in it)
    /// without reading it: from bracket to bracket, eight bytes at a time,
    /// strings passed over whole (a bracket in a string does not count).
    private mutating func skipValue() throws(ScanStop) {
        var depth = 0
        let base = bytes.baseAddress!, count = bytes.count
        repeat {
            index = Self.nextStructural(in: bytes, from: index)
            guard index < count else { throw ScanStop() }
            switch base[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default:  // a string's opening quote
                index += 1
                while true {
                    index = Reader.endOfPlainRun(in: bytes, from: index)
                    guard index < count else { throw ScanStop() }
                    if base[index] == UInt8(ascii: "\"") { break }
                    index += base[index] == UInt8(ascii: "\\") ? 2 : 1
                }
            }
            index += 1
        } while depth > 0
    }

    /// The position of the next bracket or quote at or after `start` (the count when there is none).
    static func nextStructural(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func zeroBytes(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        var position = start
        let base = bytes.baseAddress!
        while position + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
            // The lowest set bit marks the first of the five (bits above it may be spurious).
            let found = zeroBytes(word ^ (ones &* 0x7B)) | zeroBytes(word ^ (ones &* 0x7D)) | zeroBytes(word ^ (ones &* 0x5B))
                | zeroBytes(word ^ (ones &* 0x5D)) | zeroBytes(word ^ (ones &* 0x22))
            if found != 0 { return position + found.trailingZeroBitCount / 8 }
            position += 8
        }
        while position < bytes.count {
            switch base[position] {
            case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\""): return position
            default: position += 1
            }
        }
        return position
    }

    /// Reads a plan and where its entries lie in `data`, or throws ``ScanStop``.
    ///
    /// - Parameter positionOn: the day whose position is read (the other
    ///   history entries are checked and left out), or `nil` for all of it.
    /// - Parameter latestRecordable: the latest date an entry left out may have.
    static func read(_ data: [UInt8], positionOn: CalendarDate? = nil,
                     latestRecordable: CalendarDate) throws(ScanStop) -> (plan: Plan, layout: PlanLayout) {
        var result: Result<(plan: Plan, layout: PlanLayout), ScanStop> = .failure(ScanStop())
        data.withUnsafeBufferPointer { buffer in
            var scanner = StrictScanner(bytes: buffer, positionOn: positionOn, latestRecordable: latestRecordable)
            result = Result { () throws(ScanStop) -> (plan: Plan, layout: PlanLayout) in
                let plan = try scanner.document()
                return (plan, scanner.layout)
            }
        }
        return try result.get()
    }

    private mutating func document() throws(ScanStop) -> Plan {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        guard let plan = try PlanFormat.plan(&self) else { throw ScanStop() }
        skipWhitespace()
        guard index == bytes.count else { throw ScanStop() }
        for status in statusesLeftOut where plan.ragScheme.level(code: status.text) == nil { throw ScanStop() }
        for status in statusTextsLeftOut where plan.ragScheme.level(code: status) == nil { throw ScanStop() }
        return plan
    }
}

extension StrictScanner: PlanScanner {
    @discardableResult
    mutating func object<Field: FormatField>(_ kind: Field.Type,
                                             _ member: (inout StrictScanner, Field) throws(ScanStop) -> Void) throws(ScanStop) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw ScanStop() }
        index += 1
        skipWhitespace()
        let table = Field.table
        var seen: UInt64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                let key = try self.key()
                // Unknown and repeated keys are left to the diagnosing scanner to report.
                guard let (field, position) = table.field(at: key.start, length: key.length) else { throw ScanStop() }
                let bit: UInt64 = 1 << UInt64(position)
                guard seen & bit == 0 else { throw ScanStop() }
                seen |= bit
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw ScanStop() }
                index += 1
                try member(&self, field)
                skipWhitespace()
                guard index < bytes.count else { throw ScanStop() }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard bytes[index] == UInt8(ascii: "}") else { throw ScanStop() }
                index += 1
                break
            }
        }
        guard seen & table.requiredMask == table.requiredMask else { throw ScanStop() }
        return true
    }

    mutating func array<T>(_ element: (inout StrictScanner) throws(ScanStop) -> T?) throws(ScanStop) -> [T]? {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { throw ScanStop() }
        index += 1
        skipWhitespace()
        var values: [T] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return values
        }
        while true {
            if let value = try element(&self) { values.append(value) }
            skipWhitespace()
            guard index < bytes.count else { throw ScanStop() }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "]") else { throw ScanStop() }
            index += 1
            return values
        }
    }

    mutating func isEmptyArray() -> Bool {
        skipWhitespace()
        var position = index
        guard position < bytes.count, bytes[position] == UInt8(ascii: "[") else { return false }
        position += 1
        while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
        return position < bytes.count && bytes[position] == UInt8(ascii: "]")
    }

    mutating func broken(_ message: @autoclosure () -> String) throws(ScanStop) {
        throw ScanStop()
    }

    mutating func abandon(_ message: @autoclosure () -> String) throws(ScanStop) -> Never {
        throw ScanStop()
    }

    mutating func entry<T>(recordedIn list: WritableKeyPath<PlanLayout, [Range<Int>]>,
                           _ read: (inout StrictScanner) throws(ScanStop) -> T?) throws(ScanStop) -> T? {
        skipWhitespace()
        let start = index
        if list == \PlanLayout.actions, let keepAction {
            defer { actionsMet += 1 }
            guard let id = peekActionID() else { throw ScanStop() }
            guard keepAction(id) else {
                try skipValue()
                return nil
            }
            layout.actionPositions?.append(actionsMet)
        }
        let entry = try read(&self)
        layout[keyPath: list].append(start..<index)
        return entry
    }

    /// The history as the file lists it, newest first; reading a day's
    /// position, only the entries ``PositionWindow`` keeps, the others checked
    /// on their bytes (their order here, their status against the scheme at the end).
    mutating func history(_ entry: (inout StrictScanner) throws(ScanStop) -> StatusChange?) throws(ScanStop) -> [StatusChange] {
        guard let day = positionOn else { return try array(entry) ?? [] }
        var window = PositionWindow(day: day)
        var previous: CalendarDate?
        return try array { scanner throws(ScanStop) -> StatusChange? in
            scanner.skipWhitespace()
            let start = scanner.index
            // The usual layout of a plain entry is recognised on its bytes, without reading its text.
            if let plain = PlainEntryScan.entry(in: scanner.bytes, at: start) {
                guard previous.map({ plain.date <= $0 }) ?? true, plain.date <= scanner.latestRecordable else { throw ScanStop() }
                previous = plain.date
                if !window.keepsPlain(date: plain.date, hasStatus: plain.status != nil) {
                    scanner.index = plain.end
                    if let range = plain.status {
                        let status = Key(start: scanner.bytes.baseAddress! + range.lowerBound, length: range.count)
                        if !scanner.statusesLeftOut.contains(status) { scanner.statusesLeftOut.append(status) }
                    }
                    return nil
                }
                guard let kept = try entry(&scanner) else { throw ScanStop() }
                return kept
            }
            guard let read = try entry(&scanner) else { throw ScanStop() }
            guard previous.map({ read.date <= $0 }) ?? true, read.date <= scanner.latestRecordable else { throw ScanStop() }
            previous = read.date
            guard window.keeps(date: read.date, hasStatus: read.status != nil, changesMore: read.changesMoreThanStatus) else {
                // Left out, but read in full: its status is checked with the others at the end.
                if let status = read.status { scanner.statusTextsLeftOut.insert(status) }
                return nil
            }
            return read
        } ?? []
    }
}
