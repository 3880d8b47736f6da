import FoundationEssentials
import Glibc
import PlanKit

/// A mailbox of a header: an optional display name and an address.
public struct MailAddress: Sendable, Equatable {
    public var name: String?
    public var address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }

    /// The mailbox as a header holds it, as words to fold between: `"YOT Manager" <a@b>`; a name with
    /// characters other than ASCII as RFC 2047 encoded-words.
    var headerWords: [String] {
        guard let name, !name.isEmpty else { return [address] }
        let named: [String]
        if name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            named = ["\"" + name.replacingEvery("\\", with: "\\\\").replacingEvery("\"", with: "\\\"") + "\""]
        } else {
            named = MailMessage.encodedWords(name)
        }
        return named + ["<\(address)>"]
    }
}

/// An RFC 5322 message with a MIME `multipart/alternative` body of a text and an HTML part, each UTF-8 in
/// quoted-printable: what a reminder is written as. Lines end with CRLF; none is longer than 78 characters.
public struct MailMessage: Sendable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var date: Date
    /// Without the angle brackets: `UNIQUE@HOST`.
    public var messageID: String
    public var text: String
    public var html: String
    /// The boundary between the parts: one starting `=_` can never occur in quoted-printable text, where
    /// `=` is always followed by two hex digits or the line's end.
    public var boundary: String

    public init(from: MailAddress, to: MailAddress, subject: String, date: Date, messageID: String,
                text: String, html: String, boundary: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.text = text
        self.html = html
        self.boundary = boundary
    }

    /// The whole message, with CRLF line ends (`lineEnding` "\n" for a local mail program).
    /// The `Date:` header is in `timeZone`, or, when nil, the local time zone (as the C library reads `TZ`).
    public func rendered(timeZone: TimeZone? = nil, lineEnding: String = "\r\n") -> String {
        var lines: [String] = []
        lines += Self.folded("From", from.headerWords)
        lines += Self.folded("To", to.headerWords)
        lines += Self.folded("Subject", Self.subjectWords(subject))
        lines.append("Date: " + Self.dateText(date, timeZone: timeZone))
        lines.append("Message-ID: <\(messageID)>")
        lines.append("MIME-Version: 1.0")
        lines += Self.folded("Content-Type", ["multipart/alternative;", "boundary=\"\(boundary)\""])
        lines.append("")
        lines.append("This is a message in MIME format: a text part and an HTML part.")
        let dashes = "-" + "-"
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines.append("")
            lines.append(dashes + boundary)
            lines.append("Content-Type: \(type); charset=utf-8")
            lines.append("Content-Transfer-Encoding: quoted-printable")
            lines.append("")
            lines += Self.quotedPrintable(body)
        }
        lines.append("")
        lines.append(dashes + boundary + dashes)
        return lines.joined(separator: lineEnding) + lineEnding
    }

    /// A header as lines of at most 78 characters: the words joined by spaces, folded before a word that
    /// would not fit (a word longer than a line stays whole on its own line, as RFC 5322 allows up to 998).
    static func folded(_ name: String, _ words: [String]) -> [String] {
        var lines: [String] = []
        var current = name + ":"
        for word in words {
            if current.count + 1 + word.count > 78, current != name + ":" {
                lines.append(current)
                current = " " + word
            } else {
                current += " " + word
            }
        }
        lines.append(current)
        return lines
    }

    /// A subject's words: plain ASCII as they are, anything else as encoded-words.
    static func subjectWords(_ subject: String) -> [String] {
        let isPlain = subject.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        // A plain word that looks like an encoded-word would be decoded by a reader: encoded too.
        if isPlain, !subject.contains("=?") { return subject.split(separator: " ").map(String.init) }
        return encodedWords(subject)
    }

    /// RFC 2047 encoded-words (`=?UTF-8?B?…?=`), each of at most 75 characters, never splitting a character.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45, !chunk.isEmpty {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words
    }

    /// `Tue, 09 Apr 2019 07:30:00 +0100` (RFC 5322), in `timeZone` or, when nil, the local time zone.
    ///
    /// Written by hand from the C library's calendar, as `DateFormatter` with `EEE, dd MMM yyyy HH:mm:ss Z`
    /// in `en_US_POSIX` wrote it: `DateFormatter` needs ICU (issue 28).
    public static func dateText(_ date: Date, timeZone: TimeZone? = nil) -> String {
        let seconds = time_t((TimestampText.milliseconds(date) / 1000).rounded(.down))
        let offset: Int
        if let timeZone {
            offset = timeZone.secondsFromGMT(for: date)
        } else {
            var moment = seconds, local = tm()
            offset = localtime_r(&moment, &local) != nil ? Int(local.tm_gmtoff) : 0
        }
        var shifted = seconds + time_t(offset), parts = tm()
        guard gmtime_r(&shifted, &parts) != nil else { return "" }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let year = String(Int(parts.tm_year) + 1900)
        let zone = abs(offset) / 60
        let zoneText = (offset < 0 ? "-" : "+") + two(Int32(zone / 60)) + two(Int32(zone % 60))
        return "\(weekdays[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) "
            + String(repeating: "0", count: max(0, 4 - year.count)) + year
            + " \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) " + zoneText
    }

    /// A byte as two upper-case hexadecimal digits (`0A`).
    static func hexDigits(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    /// Text (lines ending "\n") as quoted-printable lines of at most 76 characters (RFC 2045): bytes other
    /// than printable ASCII, `=`, a space or tab ending a line, and a line's leading `.` or `From ` encoded.
    public static func quotedPrintable(_ text: String) -> [String] {
        var output: [String] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if index == lines.count - 1, line.isEmpty { break }
            let bytes = Array(line.utf8).filter { $0 != 0x0D }
            var tokens: [String] = []
            for (position, byte) in bytes.enumerated() {
                let last = position == bytes.count - 1
                let plain = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !last)
                let guarded = position == 0 && (byte == 46 || (byte == 70 && line.hasPrefix("From ")))
                tokens.append(plain && !guarded ? String(UnicodeScalar(byte)) : "=" + Self.hexDigits(byte))
            }
            var current = ""
            for token in tokens {
                if current.count + token.count > 75 {
                    output.append(current + "=")
                    current = ""
                }
                current += token
            }
            output.append(current)
        }
        return output
    }
}
