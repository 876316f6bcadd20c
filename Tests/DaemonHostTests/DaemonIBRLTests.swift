import DeviceTestSupport
import Foundation
import Models
import Routing
import Testing

/// `doublezerod` against a device played by FRR (DeviceTestSupport), over the userspace GRE
/// tunnel it builds: the IBRL path end to end (`reference/client.md` §2.7, §2.9, §2.16).
@Suite("doublezerod IBRL against an FRR device", .serialized)
struct DaemonIBRLTests {
    static let deviceLoopback: IPv4Prefix = "10.100.0.1/32"

    /// The host's BGP-learned routes in the main table: `destination -> (gateway, src, dev)`.
    static func bgpRoutes(_ scenario: DaemonHostScenario) throws -> [String: [String: String]] {
        var routes: [String: [String: String]] = [:]
        for route in try scenario.ipJSON("route", "show", "table", "main", "proto", "bgp") {
            guard let destination = route["dst"] as? String else { continue }
            routes[destination] = [
                "gateway": route["gateway"] as? String ?? "", "prefsrc": route["prefsrc"] as? String ?? "",
                "dev": route["dev"] as? String ?? "",
            ]
        }
        return routes
    }

    /// The host tunnel's kernel counter.
    static func counter(_ scenario: DaemonHostScenario, _ name: String) throws -> Int {
        let link = try #require(try scenario.ipJSON("-s", "link", "show", "dev", "doublezero0").first)
        let stats = link["stats64"] as? [String: Any]
        let direction = name.hasPrefix("tx") ? "tx" : "rx"
        let field = name.hasSuffix("packets") ? "packets" : "bytes"
        return (stats?[direction] as? [String: Any])?[field] as? Int ?? -1
    }

    @Test(
        "IBRL: tunnel, BGP up, our /32 on the device, its routes installed with proto 186 and src, ping through the tunnel; withdraw, device gone and back"
    )
    func ibrl() async throws {
        try await DaemonHostScenario.with { scenario in
            try await scenario.startDaemon()
            let user = try await scenario.createUser(.ibrl)
            try await scenario.waitUntil("the user activated") { try await scenario.user(user)?.status == .activated }
            let ledgerUser = try #require(try await scenario.user(user))
            let tunnel = DeviceUserTunnel(
                id: ledgerUser.tunnelId, deviceEndpoint: DaemonHostScenario.devicePublicIP,
                clientUnderlay: DaemonHostScenario.hostIP, overlay: ledgerUser.tunnelNet, dzIP: ledgerUser.dzIp)
            let deviceOverlay = try #require(tunnel.deviceOverlay)
            let clientOverlay = try #require(tunnel.clientOverlay)
            let settings = FRRDeviceSettings(
                routerID: "10.100.0.1", loopbacks: [Self.deviceLoopback], exchangeCommunity: 10001,
                userTunnels: [tunnel])
            try await FRRDevice.with(namespace: scenario.device.name, settings: settings) { device in
                let neighbor = try await device.waitForNeighbor(clientOverlay, timeout: .seconds(20))
                #expect(neighbor.remoteAS == 65000)
                // Our /32 on the device, tagged by its policy.
                try await scenario.waitUntil("our /32 on the device") {
                    try await device.routes()["185.1.0.1/32"] != nil
                }
                let ours = try #require(try await device.routes()["185.1.0.1/32"]?.first)
                #expect(ours.asPath == [65000])
                #expect(ours.communities.contains(.allUsers))
                // The device's loopback in our kernel: proto bgp (186), via the device's overlay, src our DZ IP.
                try await scenario.waitUntil("the device's route installed") {
                    try Self.bgpRoutes(scenario)["10.100.0.1"] != nil
                }
                #expect(
                    try Self.bgpRoutes(scenario)["10.100.0.1"]
                        == ["gateway": deviceOverlay.description, "prefsrc": "185.1.0.1", "dev": "doublezero0"])
                #expect(try Self.bgpRoutes(scenario)["185.1.0.1"] == nil, "never a route to our own DZ IP")
                let status = try await scenario.api("GET", "/status")
                #expect(status.contains("BGP Session Up"), "\(status)")
                let routes = try await scenario.api("GET", "/routes")
                #expect(routes.contains(#""peer_ip":"10.100.0.1""#), "\(routes)")
                #expect(routes.contains(#""local_ip":"185.1.0.1""#))

                // A ping to the device's loopback crosses the tunnel.
                let sentBefore = try Self.counter(scenario, "tx_packets")
                let receivedBefore = try Self.counter(scenario, "rx_packets")
                let ping = try DaemonHostScenario.output(
                    "ip",
                    ["netns", "exec", scenario.host.name, "ping", "-c", "3", "-i", "0.2", "-W", "2", "10.100.0.1"])
                #expect(ping.contains("3 received"), "\(ping)")
                #expect(try Self.counter(scenario, "tx_packets") >= sentBefore + 3)
                #expect(try Self.counter(scenario, "rx_packets") >= receivedBefore + 3)

                // A withdrawal removes the route; announcing again brings it back.
                try await device.announce("10.200.0.0/24", communities: [.allUsers])
                try await scenario.waitUntil("10.200.0.0/24 installed") {
                    try Self.bgpRoutes(scenario)["10.200.0.0/24"] != nil
                }
                try await device.withdraw("10.200.0.0/24")
                try await scenario.waitUntil("10.200.0.0/24 withdrawn") {
                    try Self.bgpRoutes(scenario)["10.200.0.0/24"] == nil
                }
                #expect(try Self.bgpRoutes(scenario)["10.100.0.1"] != nil)
            }
            // The device went away: session down, routes flushed; the tunnel stays.
            try await scenario.waitUntil("BGP Session Down") {
                try await scenario.api("GET", "/status").contains("BGP Session Down")
            }
            #expect(try Self.bgpRoutes(scenario).isEmpty)
            #expect(try scenario.ipJSON("link", "show", "dev", "doublezero0").count == 1)
            // It comes back: session up, routes restored.
            try await FRRDevice.with(namespace: scenario.device.name, settings: settings) { device in
                _ = try await device.waitForNeighbor(clientOverlay, timeout: .seconds(20))
                try await scenario.waitUntil("routes restored") { try Self.bgpRoutes(scenario)["10.100.0.1"] != nil }
                #expect(try await scenario.api("GET", "/status").contains("BGP Session Up"))
                // Deleting the user closes the session and removes the tunnel and its routes.
                try await scenario.deleteUser(user)
                try await scenario.waitUntil("doublezero0 removed") {
                    (try? scenario.ipText("link", "show", "dev", "doublezero0")) == nil
                }
                #expect(try Self.bgpRoutes(scenario).isEmpty)
                try await scenario.waitUntil("the device's neighbor down") {
                    try await device.neighbor(clientOverlay)?.isEstablished == false
                }
            }
        }
    }
}
