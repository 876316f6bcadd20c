import AppTestSupport
import Foundation
import Models
import Testing

/// Devices, interfaces, links, access passes, multicast groups and users.
@Suite("Devices, access passes and users")
struct DeviceAndUserTests {
    /// A global client address for users.
    static let clientIP = "45.33.32.10"

    @Test("device create resolves codes; get shows it pending with its references")
    func deviceCreateAndGet() async throws {
        let workspace = try await CLIWorkspace.withDevice()
        let device = try await workspace.json(Device.self, ["device", "get", "--code", "la2-dz01"])
        let contributor = try await workspace.json(Contributor.self, ["contributor", "get", "--code", "co01"])
        let location = try await workspace.json(Location.self, ["location", "get", "--code", "lax"])
        #expect(device.status == .pending)
        #expect(device.contributor == contributor.pubkey)
        #expect(device.location == location.pubkey)
        #expect(device.maxUnicastUsers == 48 && device.maxMulticastUsers == 48)
        #expect(device.dzPrefixes.map(\.description) == ["64.86.249.88/29"])

        let table = try await workspace.succeed(["device", "list"])
        #expect(
            table.standardOutput.contains("| la2-dz01 | co01        | lax      | xlax     | hybrid "),
            "\(table.standardOutput)")
        let narrow = try await workspace.succeed(["device", "list", "--narrow"])
        #expect(!narrow.standardOutput.contains("dz_prefixes"))
        #expect(try await workspace.json([Device].self, ["device", "list", "--exchange", "xewr"]).isEmpty)
        #expect(try await workspace.json([Device].self, ["device", "list", "--exchange", "xlax"]).count == 1)
    }

    @Test("device update sets limits and drains; interfaces are created, updated and deleted")
    func deviceUpdateAndInterfaces() async throws {
        let workspace = try await CLIWorkspace.withDevice()
        try await workspace.succeed([
            "device", "update", "--pubkey", "la2-dz01", "--max-unicast-users", "10", "--max-multicast-users", "0",
            "--status", "drained",
        ])
        let device = try await workspace.json(Device.self, ["device", "get", "--code", "la2-dz01"])
        #expect(device.maxUnicastUsers == 10 && device.maxMulticastUsers == 0)
        #expect(device.status == .drained)

        try await workspace.succeed(["device", "interface", "create", "--device", "la2-dz01", "--name", "Ethernet1"])
        try await workspace.succeed([
            "device", "interface", "create", "--device", "la2-dz01", "--name", "Loopback100", "--loopback-type",
            "ipv4", "--ip-net", "64.86.249.70/32", "--user-tunnel-endpoint",
        ])
        try await workspace.succeed([
            "device", "interface", "update", "--device", "la2-dz01", "--name", "ethernet1", "--vlan-id", "7",
        ])
        struct InterfaceRow: Decodable {
            let name: String
            let vlan_id: UInt16
            let device_code: String
            let user_tunnel_endpoint: Bool
        }
        let rows = try await workspace.json(
            [InterfaceRow].self, ["device", "interface", "list", "--device", "la2-dz01"])
        #expect(rows.map(\.name) == ["Ethernet1", "Loopback100"])
        #expect(rows.first?.vlan_id == 7)
        #expect(rows.allSatisfy { $0.device_code == "la2-dz01" })
        #expect(rows.last?.user_tunnel_endpoint == true)

        let get = try await workspace.succeed(["device", "get", "--code", "la2-dz01"])
        #expect(get.standardOutput.contains("\n name        | interface_type"), "\(get.standardOutput)")

        try await workspace.succeed(["device", "interface", "delete", "--device", "la2-dz01", "--name", "Ethernet1"])
        let after = try await workspace.json([InterfaceRow].self, ["device", "interface", "list"])
        #expect(!after.contains { $0.name == "Ethernet1" })
    }

    @Test("access-pass set, then a pending user; user list filters by device and status")
    func accessPassAndUser() async throws {
        let workspace = try await CLIWorkspace.withDevice()
        let me = try await workspace.run(["address", "--keypair", workspace.keypairPath]).standardOutput
            .trimmingCharacters(in: .whitespacesAndNewlines)

        let noPass = try await workspace.ledger([
            "user", "create", "--device", "la2-dz01", "--client-ip", Self.clientIP,
        ])
        #expect(noPass.exitCode == 1)
        #expect(noPass.standardError.hasPrefix("Error: AccessPassNotFound (53): "), "stderr: \(noPass.standardError)")

        let epoch = try await workspace.json(GlobalState.self, ["global-config", "authority", "get"]).epoch
        try await workspace.succeed([
            "access-pass", "set", "--client-ip", Self.clientIP, "--user-payer", "me", "--epochs", "5",
        ])
        let pass = try await workspace.json(
            AccessPass.self, ["access-pass", "get", "--client-ip", Self.clientIP, "--user-payer", me])
        #expect(pass.lastAccessEpoch == epoch + 5)
        #expect(pass.accessPassType == .prepaid)

        let user = try await workspace.create([
            "user", "create", "--device", "la2-dz01", "--client-ip", Self.clientIP, "--user-type", "IBRL",
        ])
        let created = try await workspace.json(User.self, ["user", "get", "--pubkey", user])
        #expect(created.status == .pending)
        #expect(created.userType == .ibrl)
        #expect(created.owner.base58 == me)

        #expect(
            try await workspace.json([User].self, ["user", "list", "--device", "la2-dz01", "--status", "pending"]).count
                == 1)
        #expect(try await workspace.json([User].self, ["user", "list", "--status", "activated"]).isEmpty)
        #expect(try await workspace.json([User].self, ["user", "list", "--user-type", "EdgeFiltering"]).isEmpty)
        #expect(
            try await workspace.json([User].self, ["user", "list", "--location", "lax", "--owner", "me"]).count == 1)

        let table = try await workspace.succeed(["user", "list"])
        #expect(
            table.standardOutput.contains("| ibrl      |        | la2-dz01 | Los Angeles |"), "\(table.standardOutput)")
        #expect(table.standardOutput.contains("prepaid: (\(epoch + 5))"), "\(table.standardOutput)")

        let inUse = try await workspace.ledger(["access-pass", "close", "--pubkey", pass.pubkey.base58])
        #expect(inUse.exitCode == 1)
        #expect(inUse.standardError.hasPrefix("Error: AccessPassInUse (72): "), "stderr: \(inUse.standardError)")

        let pendingDelete = try await workspace.ledger(["user", "delete", "--pubkey", user])
        #expect(pendingDelete.exitCode == 1)
        #expect(
            pendingDelete.standardError.hasPrefix("Error: InvalidStatus (7): "),
            "stderr: \(pendingDelete.standardError)")
    }

    @Test("access-pass update keeps the other fields; close removes an unused pass")
    func accessPassUpdateAndClose() async throws {
        let workspace = try await CLIWorkspace.bootstrapped()
        let other = try await workspace.keygen("client.json")
        let key = try await workspace.create([
            "access-pass", "set", "--client-ip", "0.0.0.0", "--user-payer", other.publicKey, "--accesspass-type",
            "solana-validator", "--solana-validator", other.publicKey,
        ])
        try await workspace.succeed(["global-config", "epoch", "set", "--epoch", "10"])
        try await workspace.succeed(["access-pass", "update", "--pubkey", key, "--epochs", "3", "--allow-multiple-ip"])
        let passes = try await workspace.json(
            [AccessPass].self, ["access-pass", "list", "--user-payer", other.publicKey])
        let pass = try #require(passes.first)
        #expect(pass.accessPassType == .solanaValidator)
        #expect(pass.typeKey?.base58 == other.publicKey)
        #expect(pass.lastAccessEpoch == 13)
        #expect(pass.allowMultipleIp)

        try await workspace.succeed(["access-pass", "close", "--pubkey", key])
        #expect(try await workspace.json([AccessPass].self, ["access-pass", "list"]).isEmpty)
    }

    @Test("multicast groups: create, allowlists (directly and through access-pass set), delete refused while pending")
    func multicastGroups() async throws {
        let workspace = try await CLIWorkspace.bootstrapped()
        let client = try await workspace.keygen("client.json")
        try await workspace.create([
            "multicast-group", "create", "--code", "mg01", "--max-bandwidth", "10Gbps", "--owner", "me",
        ])
        try await workspace.succeed([
            "multicast-group", "allowlist", "subscriber", "add", "--code", "mg01", "--user-payer", client.publicKey,
        ])
        try await workspace.succeed([
            "access-pass", "set", "--client-ip", "45.33.32.11", "--user-payer", client.publicKey,
            "--multicast-publisher", "mg01", "--multicast-subscriber", "mg01",
        ])
        let group = try await workspace.json(MulticastGroup.self, ["multicast-group", "get", "--code", "mg01"])
        #expect(group.publisherAllowlist.map(\.base58) == [client.publicKey])
        #expect(group.subscriberAllowlist.map(\.base58) == [client.publicKey])
        #expect(group.maxBandwidth == 10_000_000_000)
        #expect(
            try await workspace.json(
                [String].self,
                [
                    "multicast-group", "allowlist", "publisher", "list", "--code", "mg01",
                ]) == [client.publicKey])

        let passes = try await workspace.succeed(["access-pass", "list"])
        #expect(passes.standardOutput.contains("P:mg01,S:mg01"), "\(passes.standardOutput)")
        let groups = try await workspace.succeed(["multicast-group", "list"])
        #expect(groups.standardOutput.contains("| mg01 | 0.0.0.0      | 10Gbps        |"), "\(groups.standardOutput)")

        try await workspace.succeed([
            "multicast-group", "allowlist", "publisher", "remove", "--code", "mg01", "--user-payer", client.publicKey,
        ])
        #expect(
            try await workspace.json(MulticastGroup.self, ["multicast-group", "get", "--code", "mg01"])
                .publisherAllowlist.isEmpty)

        let pending = try await workspace.ledger(["multicast-group", "delete", "--pubkey", "mg01"])
        #expect(pending.exitCode == 1)
        #expect(pending.standardError.hasPrefix("Error: InvalidStatus (7): "), "stderr: \(pending.standardError)")
    }

    @Test("links: a WAN link between two devices of one contributor")
    func links() async throws {
        let workspace = try await CLIWorkspace.withDevice()
        try await workspace.create([
            "device", "create", "--code", "ny5-dz01", "--contributor", "co01", "--location", "ewr", "--exchange",
            "xewr", "--public-ip", "64.86.250.80", "--dz-prefixes", "64.86.250.88/29",
        ])
        for device in ["la2-dz01", "ny5-dz01"] {
            try await workspace.succeed([
                "device", "interface", "create", "--device", device, "--name", "Ethernet1", "--bandwidth", "100Gbps",
            ])
        }
        try await workspace.create([
            "link", "create", "--code", "la2-dz01:ny5-dz01", "--side-a", "la2-dz01", "--side-a-interface",
            "Ethernet1", "--side-z", "ny5-dz01", "--side-z-interface", "Ethernet1", "--bandwidth", "10Gbps",
            "--delay-ms", "30", "--jitter-ms", "0.5",
        ])
        let link = try #require(try await workspace.json([Link].self, ["link", "list", "--side-a", "la2-dz01"]).first)
        #expect(link.delayNs == 30_000_000)
        #expect(link.jitterNs == 500_000)
        #expect(link.status == .pending)
        let table = try await workspace.succeed(["link", "list"])
        #expect(
            table.standardOutput.contains("| la2-dz01    | Ethernet1         | ny5-dz01    |"),
            "\(table.standardOutput)")
        #expect(table.standardOutput.contains("| 10Gbps    |"), "\(table.standardOutput)")
    }
}
