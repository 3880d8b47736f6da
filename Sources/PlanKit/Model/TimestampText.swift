import FoundationEssentials
import Glibc

/// A moment written as ISO 8601 in UTC (`2019-04-09T07:30:00Z`, or `2019-04-09T07:30:00.123Z` to the
/// millisecond), as Foundation's `ISO8601DateFormatter` wrote it with `.withInternetDateTime` (and
/// `.withFractionalSeconds`): written from the C library's calendar, since that formatter needs ICU (issue 28).
public enum TimestampText {
    public static func iso8601(_ moment: Date, milliseconds: Bool = false) -> String {
        let totalMilliseconds = Self.milliseconds(moment)
        let wholeSeconds = (totalMilliseconds / 1000).rounded(.down)
        var seconds = time_t(wholeSeconds)
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return "" }
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text = padded(Int(parts.tm_year) + 1900, 4) + "-" + padded(Int(parts.tm_mon) + 1, 2) + "-" + padded(Int(parts.tm_mday), 2)
            + "T" + padded(Int(parts.tm_hour), 2) + ":" + padded(Int(parts.tm_min), 2) + ":" + padded(Int(parts.tm_sec), 2)
        if milliseconds { text += "." + padded(Int(totalMilliseconds - wholeSeconds * 1000), 3) }
        return text + "Z"
    }

    /// The moment in whole milliseconds since 1970, rounded to the nearest as Foundation's formatters rounded
    /// it (CoreFoundation adds half a millisecond to the moment before ICU cuts it), so that the seconds and
    /// milliseconds written are the ones they wrote.
    public static func milliseconds(_ moment: Date) -> Double {
        ((moment.timeIntervalSinceReferenceDate + 978_307_200) * 1000 + 0.5).rounded(.down)
    }
}
