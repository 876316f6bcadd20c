import CommandLineSupport
import DaemonService
import Models
import Probe

extension ConnectionContext {
    /// Chooses the device and endpoint for a new tunnel of `type` with RFC 13's policy
    /// (`DeviceSelectionPolicy.rfc13`) over doublezerod's latency results: the lowest-latency
    /// device with a free slot, or — for a second tunnel next to `current` — another endpoint of
    /// the same device, else a device within 5 ms of it. With `deviceCode` the device is the one
    /// named, still checked for room (`Device X has reached its unicast user limit (n/max)`), and
    /// its best measured endpoint not already used by this host is taken.
    func choosePlacement(for type: UserType, deviceCode: String?, current: CurrentTunnel?) async throws
        -> ChosenPlacement
    {
        let devices = try await session.records(Device.self)
        let byKey = Dictionary(devices.map { ($0.pubkey, $0) }, uniquingKeysWith: { first, _ in first })
        if let deviceCode {
            let device = try await session.record(Device.self, reference: deviceCode)
            try Self.checkEligible(device, for: type)
            let latest = (try? await daemon.latency())?.results ?? []
            return Self.placement(on: device, type: type, latencies: latest, current: current)
        }
        let results = try await LatencyRetrieval.readyResults(from: daemon, progress: progress)
        let rows = try LatencyRetrieval.reachableRows(results, devices: byKey)
        do {
            let placement = try DeviceSelectionPolicy.rfc13.select(
                tunnelType: type, devices: devices, latencies: rows.map(\.probeResult), currentTunnel: current)
            guard let device = byKey[placement.device] else { throw CommandFailure("No suitable device found") }
            let how =
                switch placement.reason {
                case .lowestLatency: "lowest latency"
                case .otherEndpointOfCurrentDevice: "other endpoint of the device of this host's other tunnel"
                case .nearbyDevice: "within 5 ms of the device of this host's other tunnel"
                }
            return ChosenPlacement(
                device: device, endpoint: placement.endpoint, minimumRTT: placement.statistics.minimum, how: how)
        } catch let error as DeviceSelectionError {
            throw CommandFailure(error.description)
        }
    }

    /// Upstream's eligibility check of a device named with `--device`.
    static func checkEligible(_ device: Device, for type: UserType) throws(CommandFailure) {
        guard device.status == .activated else {
            throw CommandFailure("Device \(device.code) is not activated (status \(device.status.rawValue))")
        }
        guard device.deviceType != .transit else {
            throw CommandFailure("Device \(device.code) is a transit device and takes no user tunnels")
        }
        let limit = device.maxUsers(for: type)
        guard limit > 0 else {
            throw CommandFailure("Device \(device.code) takes no \(type.tunnelKind) users (limit 0)")
        }
        guard device.hasFreeSlot(for: type) else {
            throw CommandFailure(
                "Device \(device.code) has reached its \(type.tunnelKind) user limit "
                    + "(\(device.usersCount(for: type))/\(limit))")
        }
    }

    /// The endpoint of `device` for a tunnel chosen by hand: the policy's pick among the measured
    /// endpoints when there is one, else the first endpoint (public IP first) this host does not use yet.
    static func placement(on device: Device, type: UserType, latencies: [LatencyResult], current: CurrentTunnel?)
        -> ChosenPlacement
    {
        let own = latencies.filter { $0.devicePubkey == device.pubkey }.map(\.probeResult)
        let sameDevice = current.flatMap { $0.device == device.pubkey ? $0 : nil }
        if let placement = try? DeviceSelectionPolicy.rfc13.select(
            tunnelType: type, devices: [device], latencies: own, currentTunnel: sameDevice)
        {
            return ChosenPlacement(
                device: device, endpoint: placement.endpoint, minimumRTT: placement.statistics.minimum,
                how: "--device")
        }
        let used = sameDevice.map { $0.endpoint.isUnspecified ? device.publicIp : $0.endpoint }
        let endpoint = device.userTunnelEndpoints.first { $0 != used && !$0.isUnspecified } ?? .unspecified
        return ChosenPlacement(device: device, endpoint: endpoint, minimumRTT: nil, how: "--device")
    }
}
