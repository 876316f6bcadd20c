import AppTestSupport
import DeviceTestSupport
import Foundation
import Models
import Routing
import Testing

/// The controller's FRR rendering (`FRRConfigRenderer`) in running FRR: two devices in two
/// namespaces joined by a veth pair named as the ledger names their link interfaces, each
/// started as an `FRRDevice` and then switched to its rendered config with `frr-reload.py`.
/// Needs root, Debian `frr`, `frr-pythontools` and `iproute2`; a missing one fails the test.
@Suite("FRR rendered configs (live, root, frr)", .serialized)
struct FRRRenderedConfigLiveTests {
    static let reloadScript = "/usr/lib/frr/frr-reload.py"
    /// The Routing package's golden files.
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Packages/Routing/Tests/RoutingTests/Golden").standardized

    /// A deterministic key from a name.
    static func key(_ name: String) -> PublicKey {
        var bytes = Array(name.utf8.prefix(32))
        bytes += [UInt8](repeating: 0, count: 32 - bytes.count)
        return PublicKey(uncheckedBytes: bytes)
    }

    /// ny5-dz01 (xewr, loopbacks 172.16.0.1 / 172.16.1.1) and la2-dz01 (xlax, .2) joined on
    /// `Ethernet1` by link 172.16.2.0/31; `users` IBRL users on ny5-dz01 (slots 500…), and ny5-dz01
    /// drained when asked.
    static func snapshot(users: Int, drained: Bool = false) -> DeviceConfigSnapshot {
        let exchanges = [("xewr", UInt16(10001)), ("xlax", UInt16(10000))].enumerated().map { index, entry in
            Exchange(
                pubkey: key("ex-" + entry.0), owner: key("foundation"), index: UInt64(index), code: entry.0,
                name: entry.0.uppercased(), latitude: 0, longitude: 0, bgpCommunity: entry.1)
        }
        let devices = [("ny5-dz01", "xewr"), ("la2-dz01", "xlax")].enumerated().map { index, entry in
            let n = UInt8(index + 1)
            return Device(
                pubkey: key(entry.0), owner: key("contributor"), index: UInt64(index), code: entry.0,
                contributor: key("contributor"), location: key("location"), exchange: key("ex-" + entry.1),
                publicIp: IPv4Address(198, 51, 100, n), dzPrefixes: [],
                mgmtVrf: "",
                interfaces: [
                    DeviceInterface(
                        name: "Ethernet1", status: .activated,
                        ipNet: IPv4Prefix(uncheckedAddress: IPv4Address(172, 16, 2, n - 1), length: 31)),
                    DeviceInterface(
                        name: "Loopback255", status: .activated, loopbackType: .vpnv4,
                        ipNet: IPv4Prefix(uncheckedAddress: IPv4Address(172, 16, 0, n), length: 32)),
                    DeviceInterface(
                        name: "Loopback256", status: .activated, loopbackType: .ipv4,
                        ipNet: IPv4Prefix(uncheckedAddress: IPv4Address(172, 16, 1, n), length: 32)),
                ],
                status: index == 0 && drained ? .drained : .activated)
        }
        let link = Link(
            pubkey: key("link-ny5-la2"), owner: key("contributor"), index: 0, code: "ny5-dz01:la2-dz01",
            sideA: key("ny5-dz01"), sideZ: key("la2-dz01"), bandwidth: 10_000_000_000, delayNs: 40_000_000,
            jitterNs: 10_000, delayOverrideNs: 0, tunnelId: 1, tunnelNet: "172.16.2.0/31", status: .activated,
            contributor: key("contributor"), sideAIfaceName: "Ethernet1", sideZIfaceName: "Ethernet1")
        var userList: [User] = []
        for index in 0..<users {
            let client = IPv4Address(45, 40, 1, UInt8(10 + index))
            let tunnelNet = IPv4Prefix(uncheckedAddress: IPv4Address(169, 254, UInt8(index), 0), length: 31)
            let tunnelId: UInt16 = 500 + UInt16(index)
            userList.append(
                User(
                    pubkey: key("user-\(index)"), owner: key("client-\(index)"), userType: .ibrl,
                    device: key("ny5-dz01"), clientIp: client, dzIp: client, tunnelId: tunnelId, tunnelNet: tunnelNet,
                    tunnelEndpoint: .unspecified, status: .activated, publishers: [], subscribers: []))
        }
        return DeviceConfigSnapshot(
            globalConfig: GlobalConfig(
                localAsn: 65000, remoteAsn: 65342, deviceTunnelBlock: "172.16.0.0/16",
                userTunnelBlock: "169.254.0.0/16", multicastGroupBlock: "233.84.178.0/24"),
            devices: devices, links: [link], users: userList, exchanges: exchanges, multicastGroups: [])
    }

    /// The FRR text of `device` in `snapshot`.
    static func render(_ device: String, _ snapshot: DeviceConfigSnapshot) throws -> String {
        try NetworkDeviceConfigs(snapshot: snapshot, options: DeviceConfigOptions(tunnelSlotCount: 8)).renderFRR(device)
    }

    /// Runs `frr-reload.py` (`--reload` or `--test`) with `text` against `device`'s daemons; its
    /// exit status and output.
    static func reload(_ device: FRRDevice, _ text: String, test: Bool = false) async throws -> (Int32, String) {
        try #require(FileManager.default.isExecutableFile(atPath: reloadScript), "install frr-pythontools")
        let file = device.directory.appendingPathComponent("rendered-\(UUID().uuidString.prefix(8)).conf")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        // frr-reload.py runs vtysh itself; the namespace is the daemons' (their sockets are in the directory).
        let run = try await AppRun.run(
            executable: URL(fileURLWithPath: "/usr/bin/env"),
            [
                "ip", "netns", "exec", device.namespace, reloadScript, test ? "--test" : "--reload", "--stdout",
                "--bindir", "/usr/bin", "--confdir", device.directory.path, "--rundir", device.directory.path,
                "--vty_socket", device.directory.path, file.path,
            ], label: "frr-reload", timeout: .seconds(60))
        return (run.exitCode, run.allOutput)
    }

    /// The lines `frr-reload.py --test` would still change (empty when the running config is `text`).
    static func pendingChanges(_ device: FRRDevice, _ text: String) async throws -> [String] {
        let (status, output) = try await reload(device, text, test: true)
        #expect(status == 0, "frr-reload.py --test: \(output)")
        var inSection = false
        var lines: [String] = []
        for line in output.split(separator: "\n").map(String.init) {
            if line == "Lines To Add" || line == "Lines To Delete" {
                inSection = true
            } else if inSection, !line.hasPrefix("===="), !line.contains(" INFO: "), !line.isEmpty,
                !line.hasPrefix("no hostname ")
            {
                // The fixture starts each daemon with a hostname of its own (and some report the
                // system's); the rendered config sets none, and frr-reload.py cannot unset them.
                lines.append(line)
            }
        }
        return lines
    }

    /// Polls `condition` for up to `timeout`; fails the test naming `what` when it never holds.
    static func waitUntil(
        _ what: String, timeout: Duration = .seconds(20), _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("timed out waiting for \(what)")
    }

    /// `connectionsEstablished` of a neighbor (how often its session came up).
    static func establishedCount(_ device: FRRDevice, _ address: IPv4Address) async throws -> Int {
        let output = try await device.vtysh(["show bgp neighbors \(address) json"], daemon: "bgpd")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let entry = try #require(object[address.description] as? [String: Any], "\(output)")
        return try #require((entry["connectionsEstablished"] as? NSNumber)?.intValue, "\(entry.keys)")
    }

    @Test("two devices on their rendered configs: iBGP over the link, a user added and a drain applied live")
    func twoDevices() async throws {
        try await ClientDeviceNetwork.with { network in
            // The link: a veth pair named as the ledger names both ends.
            _ = try await AppRun.run(
                executable: URL(fileURLWithPath: "/usr/bin/ip"),
                [
                    "-n", network.device.name, "link", "add", "Ethernet1", "type", "veth", "peer", "name", "Ethernet1",
                    "netns", network.client.name,
                ], label: "ip", timeout: .seconds(10))
            for namespace in [network.device.name, network.client.name] {
                let up = try await AppRun.run(
                    executable: URL(fileURLWithPath: "/usr/bin/ip"),
                    ["-n", namespace, "link", "set", "Ethernet1", "up"],
                    label: "ip", timeout: .seconds(10))
                try #require(up.exitCode == 0, "\(up.allOutput)")
            }
            let ny5Settings = FRRDeviceSettings(routerID: "172.16.0.1", runsPIM: true)
            let la2Settings = FRRDeviceSettings(routerID: "172.16.0.2", runsPIM: true)
            try await FRRDevice.with(namespace: network.device.name, settings: ny5Settings) { ny5 in
                try await FRRDevice.with(namespace: network.client.name, settings: la2Settings) { la2 in
                    let before = Self.snapshot(users: 1)
                    let ny5Text = try Self.render("ny5-dz01", before)
                    let la2Text = try Self.render("la2-dz01", before)
                    for (device, text) in [(ny5, ny5Text), (la2, la2Text)] {
                        let (status, output) = try await Self.reload(device, text)
                        #expect(status == 0, "frr-reload.py --reload failed:\n\(output)")
                        let pending = try await Self.pendingChanges(device, text)
                        #expect(pending == [], "running config differs: \(pending)")
                    }
                    // Loopbacks on lo and the link address from zebra, the peer's loopback from staticd.
                    let addresses = try await AppRun.run(
                        executable: URL(fileURLWithPath: "/usr/bin/ip"), ["-n", network.device.name, "-br", "addr"],
                        label: "ip", timeout: .seconds(10))
                    #expect(addresses.standardOutput.contains("172.16.2.0/31"), "\(addresses.standardOutput)")
                    #expect(addresses.standardOutput.contains("172.16.1.1/32"))
                    // iBGP between the IPv4 loopbacks across the link.
                    let session = try await ny5.waitForNeighbor("172.16.1.2", timeout: .seconds(20))
                    #expect(session.remoteAS == 65342 && session.localAS == 65342)
                    try await la2.waitForNeighbor("172.16.1.1")
                    // The user's neighbor is there, passive, waiting.
                    let user = try #require(try await ny5.neighbor("169.254.0.1"))
                    #expect(user.remoteAS == 65000 && !user.isEstablished)
                    let established = try await Self.establishedCount(ny5, "172.16.1.2")
                    #expect(established == 1)

                    // pimd: PIM neighbors across the link, the anycast RP local on both, the MSDP
                    // mesh between the loopbacks up, the loopbacks exchanged over iBGP.
                    try await Self.waitUntil("a PIM neighbor on Ethernet1") {
                        try await ny5.vtysh(["show ip pim neighbor"], daemon: "pimd").contains("172.16.2.1")
                    }
                    let rp = try await ny5.vtysh(["show ip pim rp-info"], daemon: "pimd")
                    #expect(rp.contains("10.0.0.0") && rp.contains("233.84.178.0/24"), "\(rp)")
                    #expect(rp.contains("yes"), "the RP is this device itself: \(rp)")
                    // MSDP retries a refused connection after 30 s (FRR's default).
                    try await Self.waitUntil("the MSDP peering up", timeout: .seconds(40)) {
                        try await ny5.vtysh(["show ip msdp peer"], daemon: "pimd").contains("established")
                    }
                    let msdp = try await ny5.vtysh(["show ip msdp peer"], daemon: "pimd")
                    #expect(msdp.contains("172.16.1.2") && msdp.contains("established"), "\(msdp)")
                    #expect(try await ny5.routes()["172.16.1.2/32"] != nil, "la2's loopback over iBGP")

                    // A second user: only its lines change; the iBGP session stays up.
                    let twoUsers = try Self.render("ny5-dz01", Self.snapshot(users: 2))
                    let changes = try await Self.pendingChanges(ny5, twoUsers)
                    #expect(changes.contains { $0.contains("169.254.1.1") })
                    #expect(!changes.contains { $0.contains("172.16.1.2") || $0.contains("169.254.0.1") }, "\(changes)")
                    let (status, output) = try await Self.reload(ny5, twoUsers)
                    #expect(status == 0, "\(output)")
                    #expect(try await ny5.neighbor("169.254.1.1")?.remoteAS == 65000)
                    let pendingAfter = try await Self.pendingChanges(ny5, twoUsers)
                    #expect(pendingAfter == [], "\(pendingAfter)")

                    // Drained: both user neighbors shut, the iBGP session untouched.
                    let drained = try Self.render("ny5-dz01", Self.snapshot(users: 2, drained: true))
                    let (drainStatus, drainOutput) = try await Self.reload(ny5, drained)
                    #expect(drainStatus == 0, "\(drainOutput)")
                    let shut = try await ny5.vtysh(["show running-config"], daemon: "bgpd")
                    #expect(
                        shut.contains(" neighbor 169.254.0.1 shutdown")
                            && shut.contains(" neighbor 169.254.1.1 shutdown"))
                    try await Task.sleep(for: .seconds(1))
                    #expect(try await ny5.neighbor("172.16.1.2")?.isEstablished == true)
                    #expect(try await Self.establishedCount(ny5, "172.16.1.2") == established)
                    #expect(try await Self.establishedCount(la2, "172.16.1.1") == 1)
                }
            }
        }
    }

    @Test("running FRR takes every golden FRR config of the Routing package without an error")
    func goldenFilesApplied() async throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.goldenDirectory.path)
            .filter { $0.hasPrefix("frr-") && $0.hasSuffix(".txt") }.sorted()
        #expect(names.count >= 5, "golden files in \(Self.goldenDirectory.path): \(names)")
        try await ClientDeviceNetwork.with { network in
            try await FRRDevice.with(
                namespace: network.device.name, settings: FRRDeviceSettings(routerID: "10.9.9.9", runsPIM: true)
            ) {
                device in
                for name in names {
                    let text = try String(
                        contentsOf: Self.goldenDirectory.appendingPathComponent(name), encoding: .utf8)
                    // The link interfaces the file names exist on a device (the agent makes them):
                    // veth pairs here, as this kernel has no dummy interfaces; existing ones stay.
                    for line in text.split(separator: "\n") where line.hasPrefix("interface ") && line != "interface lo"
                    {
                        let interface = String(line.dropFirst("interface ".count))
                        let peer = "p-" + interface.suffix(12)
                        _ = try await AppRun.run(
                            executable: URL(fileURLWithPath: "/usr/bin/ip"),
                            [
                                "-n", network.device.name, "link", "add", interface, "type", "veth", "peer", "name",
                                peer,
                            ],
                            label: "ip", timeout: .seconds(10))
                    }
                    let (status, output) = try await Self.reload(device, text)
                    #expect(status == 0, "\(name): frr-reload.py --reload failed:\n\(output)")
                    let pending = try await Self.pendingChanges(device, text)
                    #expect(pending == [], "\(name): running config differs: \(pending)")
                }
            }
        }
    }
}
