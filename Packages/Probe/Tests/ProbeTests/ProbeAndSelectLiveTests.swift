import Models
import Testing

@testable import Probe

/// From ledger devices to a placement, for real: targets from the devices, one probing pass
/// from the client namespace, then the RFC 13 policy (needs root; see `TestNetwork`).
@Suite("Probe then select between namespaces (root)")
struct ProbeAndSelectLiveTests {
    typealias F = SelectionFixtures

    @Test("devices' public IPs and tunnel endpoints are probed, and the policy places two tunnels")
    func probeThenSelect() async throws {
        // "ams" answers on its public IP and one user-tunnel-endpoint loopback; "fra" is silenced.
        let amsPublic: IPv4Address = "10.77.0.2"
        let amsEndpoint: IPv4Address = "10.77.0.3"
        let fraPublic: IPv4Address = "10.77.0.4"
        try await TestNetwork.with(extraServerAddresses: [amsEndpoint, fraPublic]) { network in
            try network.drop([["ip", "daddr", "\(fraPublic)"]])
            let devices = [
                F.device("ams", amsPublic, endpoints: [amsEndpoint]), F.device("fra", fraPublic),
            ]
            let targets = ProbeTarget.targets(for: devices)
            #expect(targets.map(\.address) == [amsPublic, amsEndpoint, fraPublic])
            let socket = try network.inClient { () throws(ProbeError) in try ICMPSocket(.automatic) }
            let prober = try ICMPEchoProber(
                socket: socket, configuration: .init(count: 3, interval: .milliseconds(20), timeout: .milliseconds(500))
            )
            let results = try await prober.probe(targets)
            #expect(results.map(\.statistics.reachable) == [true, true, false])

            let first = try DeviceSelectionPolicy.rfc13.select(
                tunnelType: .ibrl, devices: devices, latencies: results)
            #expect(first.deviceCode == "ams")
            #expect([amsPublic, amsEndpoint].contains(first.endpoint))
            let second = try DeviceSelectionPolicy.rfc13.select(
                tunnelType: .multicast, devices: devices, latencies: results,
                currentTunnel: CurrentTunnel(device: first.device, endpoint: first.endpoint))
            #expect(second.deviceCode == "ams")
            #expect(second.reason == .otherEndpointOfCurrentDevice)
            #expect(Set([first.endpoint, second.endpoint]) == [amsPublic, amsEndpoint])
        }
    }
}
