import DeviceTestSupport
import Foundation
import Ledger
import Models
import Testing

/// doublezerod's multicast signaling against FRR's pimd (client.md §2.10–2.11): the device is
/// an `FRRDevice` with pimd, the anycast RP 10.0.0.0 on its `lo` and PIM on the user's tunnel;
/// the daemon runs in the host namespace. A subscriber's (*,G) Join is accepted (pimd lists the
/// group on the tunnel), a role change prunes it; a publisher's heartbeats reach the device.
@Suite("doublezerod multicast signaling against pimd (live, root, frr)", .serialized)
struct DaemonMulticastTests {
    /// The device with pimd, the RP and PIM on `tunnel`.
    static func withDevice(
        _ scenario: DaemonHostScenario, serving tunnel: DeviceUserTunnel, _ body: (FRRDevice) async throws -> Void
    ) async throws {
        let settings = FRRDeviceSettings(
            routerID: "10.100.0.1", loopbacks: ["10.100.0.1/32", "10.0.0.0/32"], exchangeCommunity: 10001,
            userTunnels: [tunnel], runsPIM: true)
        try await FRRDevice.with(namespace: scenario.device.name, settings: settings) { device in
            try await device.configure([
                "interface lo", "ip pim", "exit", "ip pim rp 10.0.0.0 233.84.178.0/24",
            ])
            try await body(device)
        }
    }

    /// The ledger's user and group, and the device side of the user's tunnel.
    static func tunnel(
        _ scenario: DaemonHostScenario, user: PublicKey, kind: DeviceUserTunnel.Kind
    ) async throws -> (User, DeviceUserTunnel) {
        try await scenario.waitUntil("the multicast user activated") {
            try await scenario.user(user)?.status == .activated
        }
        let record = try #require(try await scenario.user(user))
        let tunnel = DeviceUserTunnel(
            id: record.tunnelId, deviceEndpoint: DaemonHostScenario.deviceEndpoint,
            clientUnderlay: DaemonHostScenario.hostIP, overlay: record.tunnelNet,
            dzIP: kind == .multicastSubscriber ? nil : record.dzIp, kind: kind)
        return (record, tunnel)
    }

    /// Python for the device namespace: joins GROUP on INTERFACE, waits up to 15 s for one UDP
    /// datagram to port 5765 and prints `SOURCE PAYLOAD-HEX` (the source port is the socket's
    /// ephemeral one: upstream binds the heartbeat socket to `<dz_ip>:0`).
    static let listenerScript = """
        import socket, struct, sys
        group, interface = sys.argv[1], sys.argv[2]
        index = socket.if_nametoindex(interface)
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("0.0.0.0", 5765))
        s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, struct.pack("4s4si", socket.inet_aton(group), socket.inet_aton("0.0.0.0"), index))
        s.settimeout(15)
        data, (source, port) = s.recvfrom(100)
        print(source, data.hex())
        """

    /// Whether pimd's `show ip pim join` has `group` in state JOIN on `tunnel` (a pruned entry
    /// stays listed as NOINFO until its holdtime runs out).
    static func joined(_ joins: String, _ tunnel: DeviceUserTunnel, _ group: IPv4Address) -> Bool {
        joins.split(separator: "\n").contains { line in
            let words = line.split(separator: " ").map(String.init)
            return words.first == tunnel.interfaceName.rawValue && words.contains("\(group)") && words.contains("JOIN")
        }
    }

    static func groupAddress(_ scenario: DaemonHostScenario, _ group: PublicKey) async throws -> IPv4Address {
        guard
            case .multicastGroup(let state)? = try await scenario.ledger.entity(
                EntityRef(kind: .multicastGroup, pubkey: group))
        else { throw CancellationError() }
        return state.multicastIp
    }

    @Test("subscriber: Hello and (*,G) Join accepted by pimd on the tunnel; leaving the group prunes it")
    func subscriberJoinAndPrune() async throws {
        try await DaemonHostScenario.with { scenario in
            let group = try await scenario.createGroup("mg01")
            let address = try await Self.groupAddress(scenario, group)
            let user = try await scenario.createMulticastUser(group: group, publisher: false)
            let (_, tunnel) = try await Self.tunnel(scenario, user: user, kind: .multicastSubscriber)
            try await Self.withDevice(scenario, serving: tunnel) { device in
                try await scenario.startDaemon()
                // Our Hello makes us a PIM neighbor; our Join puts the group on the tunnel.
                try await scenario.waitUntil("pimd lists our join", timeout: .seconds(20)) {
                    Self.joined(try await device.vtysh(["show ip pim join"], daemon: "pimd"), tunnel, address)
                }
                let neighbors = try await device.vtysh(["show ip pim neighbor"], daemon: "pimd")
                #expect(neighbors.contains("\(tunnel.clientOverlay!)"), "\(neighbors)")
                // Leaving the group: updated in place, and our Prune removes the join at once
                // (well before the 120 s holdtime would).
                try await scenario.setRoles(user, in: group, publisher: false, subscriber: false)
                var joins = ""
                for _ in 0..<100 {
                    joins = try await device.vtysh(["show ip pim join"], daemon: "pimd")
                    if !Self.joined(joins, tunnel, address) { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
                #expect(!Self.joined(joins, tunnel, address), "pimd still holds our join: \(joins)")
                #expect(scenario.daemonLog.contains("multicast groups updated in place"))
                await scenario.stopDaemon()
            }
        }
    }

    @Test("publisher: heartbeats to the group reach the device through the tunnel")
    func publisherHeartbeat() async throws {
        try await DaemonHostScenario.with { scenario in
            let group = try await scenario.createGroup("mg01")
            let user = try await scenario.createMulticastUser(group: group, publisher: true)
            let (record, tunnel) = try await Self.tunnel(scenario, user: user, kind: .multicastPublisher)
            try await Self.withDevice(scenario, serving: tunnel) { device in
                // A listener on the device, a member of the group on the tunnel, prints the first datagram.
                let address = try await Self.groupAddress(scenario, group)
                let listener = Process()
                listener.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                listener.arguments = [
                    "ip", "netns", "exec", scenario.device.name, "python3", "-c", Self.listenerScript,
                    "\(address)", tunnel.interfaceName.rawValue,
                ]
                let output = Pipe()
                listener.standardOutput = output
                try listener.run()
                try await Task.sleep(for: .milliseconds(300))
                try await scenario.startDaemon()
                let line = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                listener.waitUntilExit()
                // Heartbeat: from the DZ IP to port 5765, payload "DZ" + version 1.
                #expect(line == "\(record.dzIp) 445a0001\n", "the device heard: '\(line)'")
                await scenario.stopDaemon()
            }
        }
    }
}
