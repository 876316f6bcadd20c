#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A point in wall-clock time (`CLOCK_REALTIME`) as the time since the Unix epoch.
///
/// Kernel receive timestamps (`SO_TIMESTAMPNS`) and TWAMP timestamps are wall-clock times, so
/// round-trip times computed from them use this type; timeouts use `ContinuousClock` instead.
public struct WallClockTime: Hashable, Comparable, Sendable {
    /// The time since 1970-01-01 00:00:00 UTC.
    public var sinceUnixEpoch: Duration

    /// Creates a time from its offset to the Unix epoch.
    public init(sinceUnixEpoch: Duration) {
        self.sinceUnixEpoch = sinceUnixEpoch
    }

    /// Creates a time from a `timespec`.
    public init(_ time: timespec) {
        self.sinceUnixEpoch = .seconds(Int64(time.tv_sec)) + .nanoseconds(Int64(time.tv_nsec))
    }

    /// The current wall-clock time.
    public static func now() -> WallClockTime {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return WallClockTime(time)
    }

    /// The time elapsed from `earlier` to this time (negative if `earlier` is later).
    public func duration(since earlier: WallClockTime) -> Duration {
        sinceUnixEpoch - earlier.sinceUnixEpoch
    }

    /// Orders times chronologically.
    public static func < (lhs: WallClockTime, rhs: WallClockTime) -> Bool {
        lhs.sinceUnixEpoch < rhs.sinceUnixEpoch
    }
}
