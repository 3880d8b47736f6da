import FoundationEssentials
import PlanJSON
import PlanKit

/// Why the record of reminders sent cannot be read.
public enum ReminderRecordError: Error, Equatable, Sendable {
    case unreadable(path: String, reason: String)
}

/// The reminders sent, kept hidden in the plans folder (`.reminders.json`): which lead was sent one for which
/// day, so that a second run for the same day sends nothing twice. Written whole, atomically, after each message.
public struct ReminderRecord: Sendable {
    public struct Sent: Sendable, Equatable {
        public var day: CalendarDate
        public var lead: String
        public var address: String
        /// When it was sent or written, as ISO 8601.
        public var at: String

        public init(day: CalendarDate, lead: String, address: String, at: String) {
            self.day = day
            self.lead = lead
            self.address = address
            self.at = at
        }
    }

    /// The record's file name in a plans folder: hidden, so that the folder's plans pass over it.
    public static let fileName = ".reminders.json"
    /// How many entries are kept: the oldest go first.
    static let limit = 5000

    public var path: String
    public private(set) var sent: [Sent] = []

    /// The record at `path`, empty when there is none yet.
    public init(path: String) throws(ReminderRecordError) {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) { throw .unreadable(path: path, reason: "it cannot be read") }
            return
        }
        let value: JSONValue
        do { value = try JSONParser.parse(Array(data)) } catch { throw .unreadable(path: path, reason: error.description) }
        guard case .object(let members) = value, case .array(let entries)? = members.first(where: { $0.key == "sent" })?.value else {
            throw .unreadable(path: path, reason: "it is not {\"sent\": [...]}")
        }
        for entry in entries {
            guard case .object(let fields) = entry else { throw .unreadable(path: path, reason: "an entry is not an object") }
            func text(_ key: String) -> String? {
                if case .string(let value)? = fields.first(where: { $0.key == key })?.value { return value }
                return nil
            }
            guard let dayText = text("day"), let day = CalendarDate(iso: dayText), let lead = text("lead") else {
                throw .unreadable(path: path, reason: "an entry lacks its day or lead")
            }
            sent.append(Sent(day: day, lead: lead, address: text("address") ?? "", at: text("at") ?? ""))
        }
    }

    /// Whether a reminder for the day was sent to the lead (names compared ignoring case and spacing).
    public func wasSent(day: CalendarDate, lead: String) -> Bool {
        let key = Self.key(lead)
        return sent.contains { $0.day == day && Self.key($0.lead) == key }
    }

    /// Adds a reminder sent and writes the record (atomically: it holds the old record or the new, never a mix).
    ///
    /// - Throws: ``PlanWriteError`` when it cannot be written.
    public mutating func add(_ entry: Sent) throws(PlanWriteError) {
        sent.append(entry)
        if sent.count > Self.limit { sent.removeFirst(sent.count - Self.limit) }
        let value = JSONValue.object([JSONMember("sent", .array(sent.map { entry in
            .object([
                JSONMember("day", .string(entry.day.description)),
                JSONMember("lead", .string(entry.lead)),
                JSONMember("address", .string(entry.address)),
                JSONMember("at", .string(entry.at)),
            ])
        }))])
        try AtomicFile.replace(path, with: JSONWriter.bytes(from: value) + [0x0A])
    }

    static func key(_ lead: String) -> String { lead.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased() }
}

/// A new file written whole (a reminder's `.eml`): refused when the file is already there, never half written.
public enum NewFile {
    /// - Throws: ``PlanWriteError/alreadyExists(path:)``, ``PlanWriteError/createFailed(path:reason:)`` and the
    ///   other refusals of a file that cannot be written.
    public static func write(_ path: String, bytes: [UInt8]) throws(PlanWriteError) {
        try AtomicFile.replace(path, with: bytes, mustNotExist: true)
    }
}
