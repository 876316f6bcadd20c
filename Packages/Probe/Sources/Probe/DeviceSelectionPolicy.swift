import Models

/// Chooses the device (and the endpoint on it) a client's tunnel should connect to, from the
/// ledger's devices and the latest latency measurements. Pure: no I/O, same answer for the
/// same input.
///
/// ## The policy
///
/// 1. **Candidates.** A device is a candidate for a tunnel of type T when it is activated, is
///    not a transit device, and has a free slot of T's kind: its per-type limit
///    (``Models/Device/maxUsers(for:)``) is above 0 — a limit of 0 means it takes no such
///    tunnels — and its live count is below the limit.
/// 2. **Endpoints.** A device's endpoints are its public IP and its live
///    `user-tunnel-endpoint` interfaces (``Models/Device/userTunnelEndpoints``). An endpoint can
///    be chosen only when it has a *reachable* measurement (at least one reply) and does not
///    already carry this client's other tunnel. Unmeasured and unreachable endpoints are never
///    chosen: "no sample" must not look fast.
/// 3. **Ranking.** Lower minimum RTT wins; ties go to the lower average RTT, then the lower
///    device code, then the lower address, so the result is deterministic.
/// 4. **First tunnel.** The best (device, endpoint) of all candidates.
/// 5. **Second tunnel** (the client already has ``CurrentTunnel`` on device D):
///    a. another choosable endpoint of D, if D is a candidate (the best such endpoint);
///    b. else the best other candidate whose RTT is at most ``nearbyTolerance`` (5 ms) above
///       D's RTT, where D's RTT is the lowest minimum RTT among D's reachable endpoints,
///       whichever they carry;
///    c. else ``DeviceSelectionError/noSuitableDevice(tunnelType:currentDeviceCode:refusals:)``
///       listing, for every device, the first rule it failed (``DeviceRefusal/Reason``).
///
/// Upstream differs on purpose (see `reference/client.md` §11): it treats a per-type limit of
/// 0 as unlimited and picks the lowest-latency device for a second tunnel with no cut-off; the
/// seeds (RFC 13) are the spec here.
public struct DeviceSelectionPolicy: Hashable, Sendable {
    /// How far above the current device's RTT a second tunnel's device may be (RFC 13: 5 ms).
    public var nearbyTolerance: Duration

    /// The RFC 13 policy: 5 ms tolerance.
    public static let rfc13 = DeviceSelectionPolicy(nearbyTolerance: .milliseconds(5))

    /// Creates a policy.
    public init(nearbyTolerance: Duration) {
        self.nearbyTolerance = nearbyTolerance
    }

    /// Chooses the device and endpoint for a tunnel of `tunnelType`.
    ///
    /// - Parameters:
    ///   - devices: every known device (any status).
    ///   - latencies: the latest measurement per (device, address); for repeated pairs the
    ///     best reachable one counts.
    ///   - currentTunnel: the client's existing tunnel when this is its second one.
    /// - Throws: ``DeviceSelectionError`` saying why nothing qualifies.
    public func select(
        tunnelType: UserType, devices: [Device], latencies: [ProbeResult], currentTunnel: CurrentTunnel? = nil
    ) throws(DeviceSelectionError) -> TunnelPlacement {
        try select(
            tunnelType: tunnelType, devices: devices, measurements: Measurements(latencies),
            currentTunnel: currentTunnel)
    }

    /// ``select(tunnelType:devices:latencies:currentTunnel:)`` on measurements already indexed.
    private func select(
        tunnelType: UserType, devices: [Device], measurements: Measurements, currentTunnel: CurrentTunnel?
    ) throws(DeviceSelectionError) -> TunnelPlacement {
        let sortedDevices = devices.sorted { $0.code < $1.code }
        guard let currentTunnel else {
            return try firstTunnel(tunnelType: tunnelType, sortedDevices: sortedDevices, measurements: measurements)
        }
        return try secondTunnel(
            tunnelType: tunnelType, sortedDevices: sortedDevices, measurements: measurements,
            currentTunnel: currentTunnel)
    }

    /// Rule 4: the best (device, endpoint) of all candidates.
    private func firstTunnel(
        tunnelType: UserType, sortedDevices: [Device], measurements: Measurements
    ) throws(DeviceSelectionError) -> TunnelPlacement {
        var refusals: [DeviceRefusal] = []
        var best: TunnelPlacement?
        for device in sortedDevices {
            switch evaluate(device, tunnelType: tunnelType, measurements: measurements, usedEndpoints: []) {
            case .refused(let reason):
                refusals.append(DeviceRefusal(device: device.pubkey, deviceCode: device.code, reason: reason))
            case .choosable(let endpoint, let statistics):
                let placement = TunnelPlacement(
                    device: device.pubkey, deviceCode: device.code, endpoint: endpoint, statistics: statistics,
                    reason: .lowestLatency)
                if best.map({ Self.ranksBefore(placement, $0) }) ?? true { best = placement }
            }
        }
        if let best { return best }
        throw .noSuitableDevice(tunnelType: tunnelType, currentDeviceCode: nil, refusals: refusals)
    }

    /// Rule 5: another endpoint of the current device, else a nearby device, else an error.
    private func secondTunnel(
        tunnelType: UserType, sortedDevices: [Device], measurements: Measurements, currentTunnel: CurrentTunnel
    ) throws(DeviceSelectionError) -> TunnelPlacement {
        guard let current = sortedDevices.first(where: { $0.pubkey == currentTunnel.device }) else {
            throw .currentDeviceUnknown(currentTunnel.device)
        }
        let usedEndpoint = currentTunnel.endpoint.isUnspecified ? current.publicIp : currentTunnel.endpoint
        // Rule 5a: another endpoint of the current device.
        let currentEvaluation = evaluate(
            current, tunnelType: tunnelType, measurements: measurements, usedEndpoints: [usedEndpoint])
        if case .choosable(let endpoint, let statistics) = currentEvaluation {
            return TunnelPlacement(
                device: current.pubkey, deviceCode: current.code, endpoint: endpoint, statistics: statistics,
                reason: .otherEndpointOfCurrentDevice)
        }
        var refusals: [DeviceRefusal] = []
        if case .refused(let reason) = currentEvaluation {
            refusals.append(DeviceRefusal(device: current.pubkey, deviceCode: current.code, reason: reason))
        }
        // Rule 5b: the best other device within the tolerance of the current device.
        let currentRTT = measurements.lowestMinimum(of: current)
        var best: TunnelPlacement?
        for device in sortedDevices where device.pubkey != current.pubkey {
            let evaluation = evaluate(
                device, tunnelType: tunnelType, measurements: measurements, usedEndpoints: [usedEndpoint])
            var refusal: DeviceRefusal.Reason?
            switch evaluation {
            case .refused(let reason):
                refusal = reason
            case .choosable(let endpoint, let statistics):
                let rtt = statistics.minimum ?? .zero
                if let currentRTT {
                    if rtt <= currentRTT + nearbyTolerance {
                        let placement = TunnelPlacement(
                            device: device.pubkey, deviceCode: device.code, endpoint: endpoint, statistics: statistics,
                            reason: .nearbyDevice(currentDeviceRTT: currentRTT))
                        if best.map({ Self.ranksBefore(placement, $0) }) ?? true { best = placement }
                    } else {
                        refusal = .tooFar(rtt: rtt, currentDeviceRTT: currentRTT, tolerance: nearbyTolerance)
                    }
                } else {
                    refusal = .noReferenceLatency(currentDeviceCode: current.code)
                }
            }
            if let refusal {
                refusals.append(DeviceRefusal(device: device.pubkey, deviceCode: device.code, reason: refusal))
            }
        }
        if let best { return best }
        throw .noSuitableDevice(
            tunnelType: tunnelType, currentDeviceCode: current.code,
            refusals: refusals.sorted { $0.deviceCode < $1.deviceCode })
    }

    /// The outcome of ``reselect(tunnelType:devices:latencies:currentTunnel:heldFor:hysteresis:)``.
    public struct Reselection: Hashable, Sendable {
        /// The best placement for a new tunnel of this type right now (rules 1–4).
        public var best: TunnelPlacement
        /// The current device's lowest minimum RTT; nil when it is not activated or unreachable.
        public var currentRTT: Duration?
        /// Whether to move there.
        public var decision: ReselectionPolicy.Decision
    }

    /// Whether a client whose tunnel is on `currentTunnel.device` (for `heldFor`) should move to
    /// the best device for a fresh tunnel, damped by `hysteresis` (the daemon's "lowest latency
    /// device" and any automatic re-placement).
    ///
    /// - Throws: ``DeviceSelectionError`` when no device at all could take the tunnel.
    public func reselect(
        tunnelType: UserType, devices: [Device], latencies: [ProbeResult], currentTunnel: CurrentTunnel,
        heldFor: Duration, hysteresis: ReselectionPolicy
    ) throws(DeviceSelectionError) -> Reselection {
        let measurements = Measurements(latencies)
        let current = devices.first { $0.pubkey == currentTunnel.device && $0.status == .activated }
        let currentRTT = current.flatMap(measurements.lowestMinimum(of:))
        let best = try select(tunnelType: tunnelType, devices: devices, measurements: measurements, currentTunnel: nil)
        let decision: ReselectionPolicy.Decision =
            best.device == currentTunnel.device
            ? .keep(.candidateNotFaster(gain: .zero))
            : hysteresis.decide(
                currentRTT: currentRTT, candidateRTT: best.statistics.minimum ?? .zero, heldFor: heldFor)
        return Reselection(best: best, currentRTT: currentRTT, decision: decision)
    }

    /// What rules 1 and 2 say about one device.
    enum Evaluation: Hashable {
        /// The device cannot take the tunnel.
        case refused(DeviceRefusal.Reason)
        /// The device can, best on this endpoint.
        case choosable(IPv4Address, RTTStatistics)
    }

    /// Applies rules 1 and 2 to one device and ranks its choosable endpoints (rule 3).
    func evaluate(
        _ device: Device, tunnelType: UserType, measurements: Measurements, usedEndpoints: Set<IPv4Address>
    ) -> Evaluation {
        guard device.status == .activated else { return .refused(.notActivated(device.status)) }
        guard device.deviceType != .transit else { return .refused(.transitDevice) }
        let limit = device.maxUsers(for: tunnelType)
        guard limit > 0 else { return .refused(.noSlots(tunnelType)) }
        guard device.hasFreeSlot(for: tunnelType) else {
            return .refused(.full(tunnelType, used: device.usersCount(for: tunnelType), limit: limit))
        }
        var endpoints: [IPv4Address] = []
        for endpoint in device.userTunnelEndpoints where !endpoint.isUnspecified && !endpoints.contains(endpoint) {
            endpoints.append(endpoint)
        }
        let measured = endpoints.filter { measurements.any(device.pubkey, $0) }
        guard !measured.isEmpty else { return .refused(.notProbed) }
        let reachable = measured.compactMap { endpoint in
            measurements.reachable(device.pubkey, endpoint).map { (endpoint, $0) }
        }
        guard !reachable.isEmpty else { return .refused(.unreachable(endpoints: measured.count)) }
        let free = reachable.filter { !usedEndpoints.contains($0.0) }
        guard
            let best = free.min(by: {
                Self.ranksBefore(($0.1, "", $0.0), ($1.1, "", $1.0))
            })
        else { return .refused(.endpointsInUse(reachable.map(\.0))) }
        return .choosable(best.0, best.1)
    }

    /// Rule 3 for placements.
    static func ranksBefore(_ lhs: TunnelPlacement, _ rhs: TunnelPlacement) -> Bool {
        ranksBefore((lhs.statistics, lhs.deviceCode, lhs.endpoint), (rhs.statistics, rhs.deviceCode, rhs.endpoint))
    }

    /// Rule 3: minimum RTT, then average RTT, then device code, then address.
    static func ranksBefore(
        _ lhs: (RTTStatistics, String, IPv4Address), _ rhs: (RTTStatistics, String, IPv4Address)
    ) -> Bool {
        let far = Duration.seconds(Int64.max)
        let left = (lhs.0.minimum ?? far, lhs.0.average ?? far)
        let right = (rhs.0.minimum ?? far, rhs.0.average ?? far)
        if left.0 != right.0 { return left.0 < right.0 }
        if left.1 != right.1 { return left.1 < right.1 }
        if lhs.1 != rhs.1 { return lhs.1 < rhs.1 }
        return lhs.2 < rhs.2
    }

    /// The measurements by (device, address).
    struct Measurements {
        /// The best reachable measurement per pair.
        private var reachableByPair: [PairKey: RTTStatistics] = [:]
        /// Pairs with any measurement.
        private var measuredPairs: Set<PairKey> = []

        /// A (device, address) pair.
        struct PairKey: Hashable {
            var device: PublicKey
            var address: IPv4Address
        }

        init(_ results: [ProbeResult]) {
            for result in results {
                let key = PairKey(device: result.target.device, address: result.target.address)
                measuredPairs.insert(key)
                guard result.statistics.reachable else { continue }
                if let existing = reachableByPair[key],
                    !DeviceSelectionPolicy.ranksBefore(
                        (result.statistics, "", key.address), (existing, "", key.address))
                {
                    continue
                }
                reachableByPair[key] = result.statistics
            }
        }

        /// Whether the pair was measured at all.
        func any(_ device: PublicKey, _ address: IPv4Address) -> Bool {
            measuredPairs.contains(PairKey(device: device, address: address))
        }

        /// The pair's best reachable measurement.
        func reachable(_ device: PublicKey, _ address: IPv4Address) -> RTTStatistics? {
            reachableByPair[PairKey(device: device, address: address)]
        }

        /// The lowest minimum RTT among the device's reachable endpoints, whichever of them
        /// carry tunnels (rule 5b's reference); nil when none is reachable.
        func lowestMinimum(of device: Device) -> Duration? {
            device.userTunnelEndpoints.compactMap { reachable(device.pubkey, $0)?.minimum }.min()
        }
    }
}
