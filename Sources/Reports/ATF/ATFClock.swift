import Foundation

/// Where ATF timestamps come from: the wall clock, or a fixed instant for reproducible output.
public struct ATFClock: Sendable {
    private let fixed: (seconds: Int, microseconds: Int)?

    /// The current time, read once per report.
    public static let now = ATFClock(fixed: nil)

    /// Always the same instant (golden files, tests).
    public static func fixed(seconds: Int, microseconds: Int = 0) -> ATFClock {
        ATFClock(fixed: (seconds, microseconds))
    }

    /// Seconds and microseconds since the epoch.
    public func read() -> (seconds: Int, microseconds: Int) {
        if let fixed { return fixed }
        let now = Date().timeIntervalSince1970
        let seconds = Int(now)
        return (seconds, Int((now - Double(seconds)) * 1_000_000))
    }

    /// `atf-run`'s timestamp: `printf("%ld.%ld", tv_sec, tv_usec)` — the microseconds are
    /// NOT zero-padded (atf-report reads them back as an integer count of microseconds).
    public func atfTimestamp() -> String {
        let time = read()
        return "\(time.seconds).\(time.microseconds)"
    }

    /// `date(1)`'s default format, as atf-run's `time.start`/`time.end` info hooks print it.
    public func dateString() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE MMM d HH:mm:ss 'UTC' yyyy"
        let time = read()
        return formatter.string(from: Date(timeIntervalSince1970: Double(time.seconds)))
    }
}
