/// A scanner stopped reading: the strict one at the first thing it does not
/// expect, the diagnosing one only when the document can give no plan at all
/// (its recorded problems say why).
struct ScanStop: Error {}

/// Where the plan decoder (``PlanFormat``) takes its values from.
///
/// There is one decoder and two scanners, as Foundation's `JSONDecoder` has
/// one decoder over its JSON and JSON5 scanners:
/// - ``StrictScanner`` reads a plan file's UTF-8 bytes directly, builds no
///   JSON tree, and stops (throws ``ScanStop``) at the first surprise: a
///   syntax error, an unknown or repeated key, a wrong type, a missing field,
///   a blank string, an impossible date. It is the fast path for the usual,
///   valid plan.
/// - ``DiagnosingScanner`` walks a parsed JSON tree, records every problem
///   with its JSON path, and carries on, so that `validate` reports them all.
///
/// Each value read answers `nil` when the value is not what the format wants:
/// the diagnosing scanner has then recorded why; the strict one never answers
/// `nil`, it throws.
protocol PlanScanner {
    /// Reads an object of the kind `Field` declares, handing each field present
    /// to `member`, which must read its value. Missing required fields, unknown
    /// and repeated keys are the scanner's to handle. `false` when the value is
    /// not an object.
    @discardableResult
    mutating func object<Field: FormatField>(_ kind: Field.Type,
                                             _ member: (inout Self, Field) throws(ScanStop) -> Void) throws(ScanStop) -> Bool
    /// Reads an array, with `element` reading each value; elements it answers
    /// `nil` for are left out. `nil` when the value is not an array.
    mutating func array<T>(_ element: (inout Self) throws(ScanStop) -> T?) throws(ScanStop) -> [T]?
    /// Whether the value is an empty array (without reading it).
    mutating func isEmptyArray() -> Bool
    /// A string that is not blank.
    mutating func text() throws(ScanStop) -> String?
    /// A deadline (``Deadline/init(planText:)``).
    mutating func deadline() throws(ScanStop) -> Deadline?
    /// A calendar day, YYYY-MM-DD.
    mutating func day() throws(ScanStop) -> CalendarDate?
    /// A day or a month.
    mutating func dayOrMonth() throws(ScanStop) -> PlanDate?
    /// A RAG colour's name.
    mutating func colour() throws(ScanStop) -> RAGColour?
    /// `true` or `false`.
    mutating func flag() throws(ScanStop) -> Bool?
    /// A whole number; `hint` ends the message when it is not one.
    mutating func integer(hint: String) throws(ScanStop) -> Int?
    /// A rule of the format is broken at the value being read (or the object
    /// just read): the strict scanner stops, the diagnosing one records it.
    mutating func broken(_ message: @autoclosure () -> String) throws(ScanStop)
    /// The document can give no plan: both scanners stop.
    mutating func abandon(_ message: @autoclosure () -> String) throws(ScanStop) -> Never
    /// An action's history as the file lists it (newest first), with the
    /// entries the reading keeps; `entry` reads one entry.
    mutating func history(_ entry: (inout Self) throws(ScanStop) -> StatusChange?) throws(ScanStop) -> [StatusChange]
    /// Reads one entry of a plan's lists, noting where it lies when the
    /// scanner reads bytes (for splicing updates, ``PlanSplice``).
    mutating func entry<T>(recordedIn list: WritableKeyPath<PlanLayout, [Range<Int>]>,
                           _ read: (inout Self) throws(ScanStop) -> T?) throws(ScanStop) -> T?
}

extension PlanScanner {
    /// An array of strings that are not blank.
    mutating func texts() throws(ScanStop) -> [String]? {
        try array { scanner throws(ScanStop) in try scanner.text() }
    }
}

/// Which history entries show an action's position at the end of a day.
///
/// This is the one place that rule is written: the strict scanner applies it
/// while it reads (passing over the bytes of the entries it leaves out), and
/// ``PlanPosition`` applies it to a plan read whole.
struct PositionWindow {
    /// The day.
    let day: CalendarDate
    /// Whether an entry on or before the day that records a status has been met.
    private var foundStatus = false

    init(day: CalendarDate) {
        self.day = day
    }

    /// Whether to keep an entry; entries are offered newest first, as the file lists them.
    ///
    /// Kept: the entries on or before the day, newest first, down to and
    /// including the first that records a status, and every entry that changes
    /// a deadline, a milestone or the leads.
    mutating func keeps(date: CalendarDate, hasStatus: Bool, changesMore: Bool) -> Bool {
        let keep = changesMore || (date <= day && !foundStatus)
        if date <= day, hasStatus { foundStatus = true }
        return keep
    }

    /// Whether a plain entry (no change of deadline, milestone or leads) is kept.
    mutating func keepsPlain(date: CalendarDate, hasStatus: Bool) -> Bool {
        keeps(date: date, hasStatus: hasStatus, changesMore: false)
    }
}
