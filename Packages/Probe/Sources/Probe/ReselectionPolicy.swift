/// Hysteresis for moving a client to a better device: when is a lower RTT worth a switch.
///
/// A switch happens when the candidate's RTT is lower than the current device's by **more**
/// than `absoluteMargin` **and** by more than `relativeMargin` × the current RTT, **and** the
/// client has stayed on the current device at least `minimumDwell`. When the current device is
/// unavailable (no reachable measurement, no longer a candidate) the switch is immediate —
/// failover ignores the margins and the dwell, as NetBird does.
///
/// Peers (`reference/anchors.md`): upstream DoubleZero keeps the current device unless another
/// is better by more than 5 ms (``doubleZero``); Tailscale's DERP home keeps the old region
/// unless the gain is at least 10 ms and the new latency at most 2/3 of the old
/// (``tailscale``); NetBird's routing peers need 20 ms and 20 % and 30 s of dwell
/// (``netBird``; its 4σ noise rule is not modelled).
public struct ReselectionPolicy: Hashable, Sendable {
    /// The gain must be more than this.
    public var absoluteMargin: Duration
    /// The gain must be more than this fraction of the current RTT (0 disables the rule).
    public var relativeMargin: Double
    /// Latency-driven switches wait until the client has been on its device this long.
    public var minimumDwell: Duration

    /// Upstream DoubleZero: more than 5 ms better, no relative margin, no dwell.
    public static let doubleZero = ReselectionPolicy(
        absoluteMargin: .milliseconds(5), relativeMargin: 0, minimumDwell: .zero)
    /// Tailscale DERP home selection: 10 ms and a third of the current latency.
    public static let tailscale = ReselectionPolicy(
        absoluteMargin: .milliseconds(10), relativeMargin: 1.0 / 3.0, minimumDwell: .zero)
    /// NetBird routing-peer selection: 20 ms and 20 %, after 30 s on the current peer.
    public static let netBird = ReselectionPolicy(
        absoluteMargin: .milliseconds(20), relativeMargin: 0.2, minimumDwell: .seconds(30))

    /// Creates a policy.
    public init(absoluteMargin: Duration, relativeMargin: Double, minimumDwell: Duration) {
        self.absoluteMargin = absoluteMargin
        self.relativeMargin = relativeMargin
        self.minimumDwell = minimumDwell
    }

    /// What to do.
    public enum Decision: Hashable, Sendable {
        /// Stay on the current device, and why.
        case keep(KeepReason)
        /// Move to the candidate, and why.
        case switchToCandidate(SwitchReason)
    }

    /// Why the client stays.
    public enum KeepReason: Hashable, Sendable {
        /// The candidate is not faster (`gain` ≤ 0).
        case candidateNotFaster(gain: Duration)
        /// The gain is not more than the absolute margin.
        case gainWithinAbsoluteMargin(gain: Duration)
        /// The gain is not more than the relative margin of the current RTT.
        case gainWithinRelativeMargin(gain: Duration)
        /// The client has not stayed long enough; `remaining` is left to wait.
        case dwelling(remaining: Duration)
    }

    /// Why the client moves.
    public enum SwitchReason: Hashable, Sendable {
        /// The current device has no usable measurement (failover, immediate).
        case currentUnavailable
        /// The candidate is faster by `gain`, past every margin.
        case lowerLatency(gain: Duration)
    }

    /// Decides between the current device (RTT `currentRTT`, nil when unavailable), held for
    /// `heldFor`, and a candidate with RTT `candidateRTT`.
    public func decide(currentRTT: Duration?, candidateRTT: Duration, heldFor: Duration) -> Decision {
        guard let currentRTT else { return .switchToCandidate(.currentUnavailable) }
        let gain = currentRTT - candidateRTT
        guard gain > .zero else { return .keep(.candidateNotFaster(gain: gain)) }
        guard gain > absoluteMargin else { return .keep(.gainWithinAbsoluteMargin(gain: gain)) }
        guard relativeMargin <= 0 || gain > currentRTT * relativeMargin else {
            return .keep(.gainWithinRelativeMargin(gain: gain))
        }
        guard heldFor >= minimumDwell else { return .keep(.dwelling(remaining: minimumDwell - heldFor)) }
        return .switchToCandidate(.lowerLatency(gain: gain))
    }
}
