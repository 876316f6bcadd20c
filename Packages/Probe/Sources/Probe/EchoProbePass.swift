import Models

/// The bookkeeping of one probing pass, free of I/O: which sequence number went to which
/// target in which round, when, and what came back.
///
/// Probe `round` to target `index` carries sequence number
/// `firstSequence &+ round × targets.count + index`, so a reply maps back to its probe without a
/// table lookup; the reply must also come from the target's address. Duplicate and unknown
/// replies are ignored.
struct EchoProbePass: Sendable {
    /// The targets, in result order.
    let targets: [ProbeTarget]
    /// Probes per target.
    let count: Int
    /// The sequence number of round 0, target 0.
    let firstSequence: UInt16
    /// Send times, by probe number (round × targets + index); nil until sent or when the send failed.
    private var sendTimes: [SendTime?]
    /// Round-trip times, by probe number; nil until a reply arrives.
    private var roundTrips: [Duration?]
    /// Probes sent and not yet answered.
    private(set) var outstanding = 0

    /// Prepares a pass; `targets.count × count` must not exceed 65,536.
    init(targets: [ProbeTarget], count: Int, firstSequence: UInt16) throws(ProbeError) {
        guard targets.count * count <= 65_536 else { throw .tooManyProbes(targets: targets.count, count: count) }
        self.targets = targets
        self.count = count
        self.firstSequence = firstSequence
        self.sendTimes = Array(repeating: nil, count: targets.count * count)
        self.roundTrips = Array(repeating: nil, count: targets.count * count)
    }

    /// The sequence number of a probe.
    func sequence(round: Int, target index: Int) -> UInt16 {
        firstSequence &+ UInt16(truncatingIfNeeded: round * targets.count + index)
    }

    /// Records that a probe left at `time`.
    mutating func recordSent(round: Int, target index: Int, at time: SendTime) {
        let probe = round * targets.count + index
        guard sendTimes[probe] == nil else { return }
        sendTimes[probe] = time
        outstanding += 1
    }

    /// Records a reply; returns false when it matches no outstanding probe (unknown sequence,
    /// wrong source address, duplicate).
    @discardableResult
    mutating func recordReply(
        sequence: UInt16, from source: IPv4Address, kernelReceived: WallClockTime?, readAt: ContinuousClock.Instant
    ) -> Bool {
        let probe = Int(sequence &- firstSequence)
        guard probe < sendTimes.count, let sendTime = sendTimes[probe], roundTrips[probe] == nil,
            targets[probe % targets.count].address == source
        else { return false }
        roundTrips[probe] = sendTime.roundTrip(kernelReceived: kernelReceived, readAt: readAt)
        outstanding -= 1
        return true
    }

    /// The results so far: every probe without a reply (or never sent) counts as lost.
    func results() -> [ProbeResult] {
        targets.indices.map { index in
            let samples = (0..<count).map { round -> ProbeSample in
                roundTrips[round * targets.count + index].map { .received(rtt: $0) } ?? .lost
            }
            return ProbeResult(target: targets[index], statistics: RTTStatistics(samples: samples))
        }
    }
}
