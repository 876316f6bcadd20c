import Models
import PropertyBased
import Testing

@testable import Routing

/// Invariants of the rendered text over many generated networks (seeded, so failures reproduce).
@Suite("EOS config invariants")
struct EOSConfigInvariantTests {
    /// A network of 2–6 devices over 3 exchanges with up to 12 users each, some devices broken.
    static func network(seed: UInt64) -> NetworkFixture {
        // The seed goes in the second word too: xoshiro256**'s first output depends on it alone.
        var random = Xoshiro(seed: (seed, seed ^ 0x9E37_79B9_7F4A_7C15, 2, 3))
        var network = NetworkFixture()
        network.addGroup("mg01", "233.84.178.1")
        network.addGroup("mg02", "233.84.178.12")
        for (code, community) in [
            ("xams", 10000), ("xfra", 10001), ("xlon", UInt16.random(in: 0...11000, using: &random)),
        ] {
            network.addExchange(code, community: UInt16(community))
        }
        let deviceCount = Int.random(in: 2...6, using: &random)
        for d in 0..<deviceCount {
            let code = "dz\(d)"
            network.addDevice(
                code, exchange: ["xams", "xfra", "xlon"][d % 3], publicIp: IPv4Address(45, 0, UInt8(d), 1),
                status: Bool.random(using: &random) ? .activated : .drained,
                loopbacks: Int.random(in: 0..<8, using: &random) != 0)
            // Tunnel ids are unique per device, as the ledger guarantees.
            let tunnelIds = Array(UInt16(500)..<512).shuffled(using: &random)
            for u in 0..<Int.random(in: 0...12, using: &random) {
                let multicast = Bool.random(using: &random)
                network.addUser(
                    "\(code)-\(u)", multicast ? .multicast : .ibrl, on: code,
                    clientIp: IPv4Address(47, 0, UInt8(d), UInt8(Int.random(in: 1...20, using: &random))),
                    tunnelId: tunnelIds[u],
                    dzIp: multicast ? IPv4Address(147, 51, 126, UInt8(u)) : nil,
                    publishes: multicast && Bool.random(using: &random) ? ["mg01"] : [],
                    subscribes: multicast ? ["mg02", "mg01"] : [])
            }
        }
        return network
    }

    @Test("every config is well formed, deterministic, and healthy devices peer with each other", arguments: 0..<40)
    func invariants(seed: Int) throws {
        let network = Self.network(seed: UInt64(seed))
        let options = DeviceConfigOptions(noHardware: seed % 2 == 0, tunnelSlotCount: 8)
        let configs = network.configs(options)
        let healthy = configs.entries.filter { if case .success = $0.result { true } else { false } }
        // The same network listed in the opposite order (the ledger lists entities by key, not
        // by creation): every device must get the same text.
        var reversed = network.snapshot
        reversed.devices.reverse()
        reversed.links.reverse()
        reversed.users.reverse()
        reversed.exchanges.reverse()
        reversed.multicastGroups.reverse()
        let reorderedConfigs = NetworkDeviceConfigs(snapshot: reversed, options: options)
        for entry in configs.entries {
            guard case .success(let config) = entry.result else {
                #expect(throws: DeviceConfigError.self) { try configs.render(entry.code) }
                continue
            }
            let text = try configs.render(entry.code)
            let reorderedText = try reorderedConfigs.render(entry.code)
            #expect(
                text == reorderedText,
                "\(entry.code) depends on input order: \(zip(text.split(separator: "\n"), reorderedText.split(separator: "\n")).first { $0.0 != $0.1 }.map { "\($0.0) | \($0.1)" } ?? "lengths differ")"
            )
            #expect(text.hasPrefix("!\n") && text.hasSuffix("\n") && !text.contains("\n\n"))
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.allSatisfy { !$0.isEmpty && !$0.hasSuffix(" ") })
            #expect(lines.allSatisfy { line in line.prefix { $0 == " " }.count % 3 == 0 })
            #expect(lines.count { $0.hasPrefix("default interface Tunnel") } == config.tunnels.count)
            for tunnel in config.tunnels where tunnel.user != nil {
                #expect(lines.count { $0 == "interface Tunnel\(tunnel.id)" } == 1)
            }
            // A slot's underlay pair is unique on the device.
            let pairs = config.tunnels.compactMap(\.user).map { "\($0.underlaySource)>\($0.underlayDestination)" }
            #expect(Set(pairs).count == pairs.count)
            for other in healthy where other.code != entry.code {
                #expect(text.contains(" description \(other.code)-ipv4\n"))
            }
            for other in configs.entries where other.code != entry.code {
                if case .failure = other.result { #expect(!text.contains(" description \(other.code)-")) }
            }
        }
    }
}
