/// A summary of one target's probe results: counts, loss, and round-trip times.
///
/// Built from the samples of one probing pass in the order they were sent, as the daemon does
/// for each device it measures (upstream: 3 ICMP echoes per target, result
/// `{min, max, avg, loss, reachable}`).
///
/// ## Definitions
///
/// - `sent` is the number of samples, `received` the number of replies, `lost` the rest.
/// - `lossFraction` is `lost / sent`, in `0...1`. With nothing sent there is nothing lost, so an
///   empty summary reports `0`; check ``isEmpty`` or ``reachable`` before trusting it.
/// - `minimum`, `average` and `maximum` are taken over the replies only (lost probes do not
///   count as zero). They are nil when no reply arrived — empty input and all-lost input alike.
///   `average` is the sum divided by `received`, rounded toward zero to the attosecond.
/// - `jitter` is the mean absolute difference between consecutive replies' RTTs, in the order
///   the samples were given, skipping lost probes: for RTTs r₁…rₙ it is
///   (|r₂−r₁| + … + |rₙ−rₙ₋₁|) / (n−1). This is the "mean |ΔRTT|" jitter the upstream telemetry
///   tools report (not the RFC 3550 smoothed estimate, and not ping's `mdev`, which is a
///   standard deviation). It is nil with fewer than two replies, since there is no difference
///   to average.
/// - `reachable` is true when at least one reply arrived (upstream: loss < 100 %).
///
/// RTTs are expected to be non-negative; the summary does not reject or clamp other values.
public struct RTTStatistics: Hashable, Sendable {
    /// The number of probes sent.
    public let sent: Int
    /// The number of replies received.
    public let received: Int
    /// The smallest RTT among the replies; nil when there were none.
    public let minimum: Duration?
    /// The mean RTT of the replies; nil when there were none.
    public let average: Duration?
    /// The largest RTT among the replies; nil when there were none.
    public let maximum: Duration?
    /// The mean absolute difference of consecutive replies' RTTs; nil with fewer than two replies.
    public let jitter: Duration?

    /// The summary of no probes at all.
    public static let empty = RTTStatistics(samples: [])

    /// Summarises samples given in the order the probes were sent.
    public init(samples: some Sequence<ProbeSample>) {
        var sent = 0
        var received = 0
        var minimum: Duration?
        var maximum: Duration?
        var total = Duration.zero
        var previous: Duration?
        var totalDifference = Duration.zero
        for sample in samples {
            sent += 1
            guard let rtt = sample.rtt else { continue }
            received += 1
            total += rtt
            minimum = Swift.min(minimum ?? rtt, rtt)
            maximum = Swift.max(maximum ?? rtt, rtt)
            if let previous {
                totalDifference += rtt > previous ? rtt - previous : previous - rtt
            }
            previous = rtt
        }
        self.sent = sent
        self.received = received
        self.minimum = minimum
        self.maximum = maximum
        self.average = received > 0 ? total / received : nil
        self.jitter = received > 1 ? totalDifference / (received - 1) : nil
    }

    /// The number of probes that got no reply.
    public var lost: Int { sent - received }

    /// `lost / sent` in `0...1`; `0` when nothing was sent.
    public var lossFraction: Double {
        sent == 0 ? 0 : Double(lost) / Double(sent)
    }

    /// Whether at least one reply arrived.
    public var reachable: Bool { received > 0 }

    /// Whether no probe was sent at all.
    public var isEmpty: Bool { sent == 0 }
}

extension RTTStatistics: CustomStringConvertible {
    /// `"3 sent, 2 received, 33.3% loss, rtt min/avg/max/jitter = 1.200/1.500/1.800/0.600 ms"`;
    /// without the RTT part when no reply arrived, and with jitter `-` for a single reply.
    public var description: String {
        let counts = "\(sent) sent, \(received) received, \(Self.percent(lossFraction)) loss"
        guard let minimum, let average, let maximum else { return counts }
        let jitterText = jitter.map(\.millisecondsText) ?? "-"
        let rtts = [minimum, average, maximum].map(\.millisecondsText) + [jitterText]
        return counts + ", rtt min/avg/max/jitter = \(rtts.joined(separator: "/")) ms"
    }

    /// A fraction as a percentage with one decimal.
    private static func percent(_ fraction: Double) -> String {
        let tenths = Int((fraction * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
