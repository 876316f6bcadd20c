/// A 64-bit NTP timestamp (RFC 5905), the format TWAMP uses: 32 bits of seconds since
/// 1900-01-01 00:00:00 UTC and 32 bits of binary fraction of a second, both big-endian.
public struct NTPTimestamp: Hashable, Sendable {
    /// Seconds from 1900 to the Unix epoch (1970).
    public static let unixEpochOffset: UInt32 = 2_208_988_800
    /// The length on the wire.
    public static let length = 8

    /// Whole seconds since 1900 (wraps in 2036, era 0 only).
    public var seconds: UInt32
    /// The fraction of a second in units of 2⁻³² s.
    public var fraction: UInt32

    /// Creates a timestamp from its fields.
    public init(seconds: UInt32, fraction: UInt32) {
        self.seconds = seconds
        self.fraction = fraction
    }

    /// The timestamp of a wall-clock time, truncated to the 2⁻³² s unit.
    public init(_ time: WallClockTime) {
        var (seconds, attoseconds) = time.sinceUnixEpoch.components
        // Before 1970 the components are both negative; make the fraction non-negative.
        if attoseconds < 0 {
            seconds -= 1
            attoseconds += 1_000_000_000_000_000_000
        }
        // attoseconds * 2^32 / 10^18 fits easily in 128 bits.
        self.seconds = UInt32(truncatingIfNeeded: seconds &+ Int64(Self.unixEpochOffset))
        self.fraction = UInt32(truncatingIfNeeded: (Int128(attoseconds) << 32) / 1_000_000_000_000_000_000)
    }

    /// The wall-clock time this timestamp stands for (era 0: 1900–2036), to the nanosecond.
    public var wallClockTime: WallClockTime {
        let nanoseconds = (UInt64(fraction) * 1_000_000_000) >> 32
        let unixSeconds = Int64(seconds) - Int64(Self.unixEpochOffset)
        return WallClockTime(sinceUnixEpoch: .seconds(unixSeconds) + .nanoseconds(Int64(nanoseconds)))
    }

    /// The eight bytes on the wire.
    public var bytes: [UInt8] {
        [
            UInt8(seconds >> 24), UInt8(seconds >> 16 & 0xFF), UInt8(seconds >> 8 & 0xFF), UInt8(seconds & 0xFF),
            UInt8(fraction >> 24), UInt8(fraction >> 16 & 0xFF), UInt8(fraction >> 8 & 0xFF), UInt8(fraction & 0xFF),
        ]
    }

    /// Reads eight big-endian bytes starting at `offset` (the caller checks the length).
    init(reading bytes: [UInt8], at offset: Int) {
        self.seconds = WireBytes.uint32(bytes, at: offset)
        self.fraction = WireBytes.uint32(bytes, at: offset + 4)
    }
}
