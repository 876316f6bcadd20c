/// The outcome of one probe (one ICMP echo, for instance) sent to a target.
public enum ProbeSample: Hashable, Sendable {
    /// The probe was sent and no reply arrived in time.
    case lost
    /// The probe was sent and a reply arrived after `rtt`, the round-trip time.
    case received(rtt: Duration)

    /// The round-trip time of a reply; nil for a lost probe.
    public var rtt: Duration? {
        switch self {
        case .lost: nil
        case .received(let rtt): rtt
        }
    }
}
