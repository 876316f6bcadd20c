import AppTestSupport
import DeviceAgentService
import Foundation
import Ledger
import Models
import Testing

/// `doublezero-device-agent` as the device of a `doublezerod` host: the controller binary and the
/// agent run in the device namespace (the controller on the device's 127.0.0.1, reading the same
/// ledger file), the daemon in the host namespace. A user's activation reaches the device's FRR
/// and tunnel through the controller's long-poll, the daemon's BGP session comes up against FRR
/// as the agent configured it, packets cross the tunnel, and deleting the user removes both.
@Suite("doublezero-device-agent (live, root, frr)", .serialized)
struct DeviceAgentTests {
    static let controllerPort = 7861

    /// The agent's status file, decoded.
    static func status(_ directory: URL) -> DeviceAgentStatus? {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent("status.json")) else { return nil }
        return try? JSONDecoder().decode(DeviceAgentStatus.self, from: data)
    }

    /// `vtysh -c COMMAND` against the agent's FRR.
    static func vtysh(_ scenario: DaemonHostScenario, _ frr: URL, _ command: String) throws -> String {
        try DaemonHostScenario.output(
            "ip", ["netns", "exec", scenario.device.name, "vtysh", "--vty_socket", frr.path, "-c", command])
    }

    @Test(
        "activation reaches FRR and the tunnel by long-poll; BGP up; ping through; FRR restarted and healed; user deleted"
    )
    func userLifecycle() async throws {
        try await DaemonHostScenario.with { scenario in
            // The device's loopbacks (the controller renders nothing without them).
            _ = try await scenario.ledger.submit(
                [
                    .createDeviceInterface(
                        CreateDeviceInterfaceArgs(
                            device: scenario.devicePubkey, name: "Loopback255", loopbackType: .vpnv4)),
                    .createDeviceInterface(
                        CreateDeviceInterfaceArgs(
                            device: scenario.devicePubkey, name: "Loopback256", loopbackType: .ipv4)),
                ], signedBy: scenario.contributor)
            let agentDirectory = scenario.directory.appendingPathComponent("agent")
            let frrDirectory = agentDirectory.appendingPathComponent("frr")
            let controller = try BackgroundApp(
                "doublezero-controller",
                ["serve", "--ledger", scenario.ledgerPath, "--listen", "127.0.0.1:\(Self.controllerPort)"],
                in: scenario.directory, networkNamespace: scenario.device.name)
            let agent = try BackgroundApp(
                "doublezero-device-agent",
                [
                    "run", "--controller", "http://127.0.0.1:\(Self.controllerPort)", "--device", "ams-dz01", "--dir",
                    agentDirectory.path,
                ], in: scenario.directory, networkNamespace: scenario.device.name)
            defer {
                _ = controller.process.isRunning ? kill(controller.process.processIdentifier, SIGKILL) : 0
                _ = agent.process.isRunning ? kill(agent.process.processIdentifier, SIGKILL) : 0
            }
            #expect(
                await controller.waitForOutputLine(startingWith: "listening on ") != nil, "\(controller.standardError)")
            let first = await agent.waitForOutputLine(startingWith: "applied config ", timeout: .seconds(40))
            try #require(first != nil, "the agent applied nothing: \(agent.standardError)")
            #expect(first?.hasSuffix(": 0 user tunnels") == true)
            let running = try #require(Self.status(agentDirectory))
            #expect(running.applied && running.frr.running && running.frr.pids.count == 4)
            let bgp = try Self.vtysh(scenario, frrDirectory, "show running-config")
            #expect(bgp.contains("router bgp 65342"), "\(bgp)")

            // A user: activation to FRR and tunnel on the device.
            try await scenario.startDaemon()
            let user = try await scenario.createUser(.ibrl)
            try await scenario.waitUntil("the user activated") { try await scenario.user(user)?.status == .activated }
            let activated = ContinuousClock.now
            let ledgerUser = try #require(try await scenario.user(user))
            try await scenario.waitUntil("the user's tunnel on the device") {
                Self.status(agentDirectory)?.userTunnels.first?.id == ledgerUser.tunnelId
            }
            let applyTime = ContinuousClock.now - activated
            print("connect.device_apply_ms(test): \(applyTime)")
            #expect(applyTime < .seconds(3), "activation to device apply took \(applyTime)")
            let links = try DaemonHostScenario.output("ip", ["-n", scenario.device.name, "-br", "addr"])
            let deviceOverlay = try #require(ledgerUser.tunnelNet.halves?.lower)
            let clientOverlay = try #require(ledgerUser.tunnelNet.halves?.upper)
            #expect(links.contains("Tunnel\(ledgerUser.tunnelId)") && links.contains("\(deviceOverlay)/31"), "\(links)")

            // doublezerod's session comes up against the agent's FRR; a ping crosses the tunnel.
            try await scenario.waitUntil("BGP Session Up", timeout: .seconds(30)) {
                try await scenario.api("GET", "/status").contains("BGP Session Up")
            }
            let received = Self.status(agentDirectory)?.userTunnels.first?.packetsReceived ?? 0
            let ping = try DaemonHostScenario.output(
                "ip",
                ["netns", "exec", scenario.host.name, "ping", "-c", "5", "-i", "0.2", "-W", "1", "\(deviceOverlay)"])
            #expect(ping.contains("5 received"), "\(ping)")
            // The agent's status shows the pings in the tunnel's counters (refreshed between applies).
            try await scenario.waitUntil("the pings in the device tunnel's counters", timeout: .seconds(5)) {
                (Self.status(agentDirectory)?.userTunnels.first?.packetsReceived ?? 0) >= received + 5
            }
            let device = try Self.vtysh(scenario, frrDirectory, "show bgp ipv4 unicast 185.1.0.1/32")
            #expect(device.contains("65000"), "our /32 on the device: \(device)")

            // Kill FRR's bgpd: the agent restarts it and applies the config again; the session returns.
            let bgpdPID = try #require(Self.status(agentDirectory)?.frr.pids["bgpd"])
            kill(bgpdPID, SIGKILL)
            try await scenario.waitUntil("bgpd restarted and the config applied again", timeout: .seconds(30)) {
                guard let status = Self.status(agentDirectory) else { return false }
                return status.frr.restarts >= 1 && status.frr.pids["bgpd"] != bgpdPID && status.applied
            }
            try await scenario.waitUntil("BGP Session Up after the restart", timeout: .seconds(40)) {
                let status = try await scenario.api("GET", "/status")
                let neighbor = try Self.vtysh(scenario, frrDirectory, "show bgp neighbors \(clientOverlay)")
                return status.contains("BGP Session Up") && neighbor.contains("BGP state = Established")
            }
            let counted = Self.status(agentDirectory)?.userTunnels.first?.packetsReceived ?? 0
            #expect(counted >= received, "tunnel counters \(received) -> \(counted)")

            // Deleting the user removes its tunnel and neighbor from the device.
            try await scenario.deleteUser(user)
            try await scenario.waitUntil("the user's tunnel gone from the device") {
                Self.status(agentDirectory)?.userTunnels.isEmpty == true
            }
            let after = try DaemonHostScenario.output("ip", ["-n", scenario.device.name, "-br", "link"])
            #expect(!after.contains("Tunnel\(ledgerUser.tunnelId)"), "\(after)")
            let config = try Self.vtysh(scenario, frrDirectory, "show running-config")
            #expect(!config.contains("USER-\(ledgerUser.tunnelId)"), "\(config)")

            // SIGTERM: FRR stops and nothing of the agent's is left running.
            await scenario.stopDaemon()
            let pids = Self.status(agentDirectory)?.frr.pids.values.map { $0 } ?? []
            #expect(await agent.stop(signal: SIGTERM, timeout: .seconds(15)) == 0, "\(agent.standardError)")
            for pid in pids { #expect(kill(pid, 0) != 0, "FRR pid \(pid) still runs") }
            _ = await controller.stop(signal: SIGTERM, timeout: .seconds(10))
        }
    }
}
