/// When a probe left, on both clocks, so its round-trip time can use the kernel's receive
/// timestamp (wall clock, as `ping` does) and fall back to the monotonic clock.
struct SendTime: Sendable {
    /// Wall-clock time just before `sendto`.
    var wall: WallClockTime
    /// Monotonic time just before `sendto`.
    var monotonic: ContinuousClock.Instant

    /// Both clocks now.
    static func now() -> SendTime {
        SendTime(wall: .now(), monotonic: .now)
    }

    /// The round-trip time of a reply read at `readAt`, which the kernel stamped `kernelReceived`.
    ///
    /// The kernel timestamp excludes the wake-up delay of the reading thread, so it is used
    /// when it is plausible: not before the send and not after the read (a wall-clock step in
    /// between makes it implausible). Otherwise the monotonic difference is used.
    func roundTrip(kernelReceived: WallClockTime?, readAt: ContinuousClock.Instant) -> Duration {
        let monotonicRTT = monotonic.duration(to: readAt)
        guard let kernelReceived else { return monotonicRTT }
        let kernelRTT = kernelReceived.duration(since: wall)
        // Allow a little slack for reading the two clocks at slightly different moments.
        guard kernelRTT >= .zero, kernelRTT <= monotonicRTT + .microseconds(100) else { return monotonicRTT }
        return kernelRTT
    }
}
