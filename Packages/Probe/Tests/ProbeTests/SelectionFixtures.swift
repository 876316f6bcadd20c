import Models

@testable import Probe

/// Compact builders for the selection tables.
enum SelectionFixtures {
    /// A deterministic key per device code.
    static func key(_ code: String) -> PublicKey {
        let bytes = Array(code.utf8.prefix(32))
        return PublicKey(uncheckedBytes: bytes + [UInt8](repeating: 0, count: 32 - bytes.count))
    }

    /// A device with a public IP and optional `user-tunnel-endpoint` loopbacks.
    static func device(
        _ code: String, _ publicIp: IPv4Address, endpoints: [IPv4Address] = [], status: DeviceStatus = .activated,
        type: DeviceType = .hybrid, maxUnicast: UInt16 = 48, maxMulticast: UInt16 = 48, unicastUsers: UInt16 = 0,
        multicastUsers: UInt16 = 0, endpointStatus: InterfaceStatus = .activated
    ) -> Device {
        let interfaces = endpoints.enumerated().map { index, address in
            DeviceInterface(
                name: "Loopback\(100 + index)", status: endpointStatus, loopbackType: .ipv4,
                ipNet: IPv4Prefix(address: address, length: 32), userTunnelEndpoint: true)
        }
        return Device(
            pubkey: key(code), owner: .zero, index: 0, code: code, contributor: .zero, location: .zero,
            exchange: .zero, deviceType: type, publicIp: publicIp, dzPrefixes: [], interfaces: interfaces,
            status: status, maxUnicastUsers: maxUnicast, maxMulticastUsers: maxMulticast,
            unicastUsersCount: unicastUsers, multicastUsersCount: multicastUsers)
    }

    /// A measurement: `minimum`/`average` in milliseconds (three samples min, avg, 2·avg−min),
    /// or unreachable (three lost probes) when `minimum` is nil.
    static func latency(
        _ code: String, _ address: IPv4Address, _ minimum: Double?, average: Double? = nil
    ) -> ProbeResult {
        let target = ProbeTarget(device: key(code), deviceCode: code, address: address)
        guard let minimum else {
            return ProbeResult(target: target, statistics: RTTStatistics(samples: [.lost, .lost, .lost]))
        }
        let average = average ?? minimum
        let micros = [minimum, average, 2 * average - minimum].map { Int64(($0 * 1000).rounded()) }
        return ProbeResult(
            target: target, statistics: RTTStatistics(samples: micros.map { .received(rtt: .microseconds($0)) }))
    }
}
