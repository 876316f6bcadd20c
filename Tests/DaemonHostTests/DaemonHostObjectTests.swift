import Foundation
import Models
import Testing

/// `doublezerod` in a host namespace against a ledger file: what it builds for each user type
/// (`reference/client.md` §2.7, read back with `ip -j`, a netlink dump), and what it removes —
/// on user deletion, `disable`, and across a SIGKILL and restart.
@Suite("doublezerod host objects", .serialized)
struct DaemonHostObjectTests {
    /// The addresses of `doublezero0`/`doublezero1` as `ADDR/LEN scope`, sorted.
    static func addresses(_ scenario: DaemonHostScenario, _ link: String) throws -> [String] {
        try scenario.ipJSON("addr", "show", "dev", link).flatMap { entry in
            (entry["addr_info"] as? [[String: Any]] ?? []).filter { $0["family"] as? String == "inet" }.map {
                "\($0["local"] ?? "")/\($0["prefixlen"] ?? "") \($0["scope"] ?? "")"
            }
        }.sorted()
    }

    /// The host's policy rules with priorities 100/101 as `PRIO from SRC to DST lookup TABLE proto P`.
    static func serviceRules(_ scenario: DaemonHostScenario) throws -> [String] {
        try scenario.ipJSON("-d", "rule", "show").compactMap { rule -> String? in
            guard let priority = rule["priority"] as? Int, [100, 101].contains(priority) else { return nil }
            func prefix(_ key: String) -> String {
                guard let address = rule[key] as? String, address != "all" else { return "all" }
                return "\(address)/\(rule[key + "len"] ?? 32)"
            }
            let source = prefix("src")
            let destination = prefix("dst")
            return
                "\(priority) from \(source) to \(destination) lookup \(rule["table"] ?? "") proto \(rule["protocol"] ?? "")"
        }.sorted()
    }

    /// Whether a link exists in the host namespace.
    static func linkExists(_ scenario: DaemonHostScenario, _ name: String) -> Bool {
        (try? scenario.ipText("link", "show", "dev", name)) != nil
    }

    @Test("IBRL with allocated IP: doublezero0 with the /31 (scope link) and the DZ IP /32 (universe), MTU 1476, up")
    func allocatedIP() async throws {
        try await DaemonHostScenario.with { scenario in
            try await scenario.startDaemon()
            let user = try await scenario.createUser(.ibrlWithAllocatedIP)
            try await scenario.waitUntil("doublezero0 with its DZ IP") {
                try Self.addresses(scenario, "doublezero0").count == 2
            }
            let ledgerUser = try #require(try await scenario.user(user))
            #expect(ledgerUser.status == .activated)
            let overlay = try #require(ledgerUser.clientOverlayAddress)
            #expect(
                try Self.addresses(scenario, "doublezero0")
                    == ["\(ledgerUser.dzIp)/32 global", "\(overlay)/31 link"].sorted())
            let link = try #require(try scenario.ipJSON("link", "show", "dev", "doublezero0").first)
            #expect(link["mtu"] as? Int == 1476)
            #expect((link["flags"] as? [String] ?? []).contains("UP"))
            #expect(try Self.serviceRules(scenario).isEmpty)
            let status = try await scenario.api("GET", "/status")
            #expect(status.contains(#""user_type":"IBRLWithAllocatedIP""#), "\(status)")
            #expect(status.contains(#""doublezero_ip":"\#(ledgerUser.dzIp)""#))
            #expect(status.contains(#""tunnel_dst":"\#(DaemonHostScenario.devicePublicIP)""#))
        }
    }

    @Test(
        "EdgeFiltering: DZ IP on doublezero0, rules 100/101 per fleet prefix (proto kernel), table 101 default via the device"
    )
    func edgeFiltering() async throws {
        try await DaemonHostScenario.with { scenario in
            try await scenario.startDaemon()
            let user = try await scenario.createUser(.edgeFiltering)
            try await scenario.waitUntil("the EdgeFiltering rules") { try Self.serviceRules(scenario).count == 2 }
            let ledgerUser = try #require(try await scenario.user(user))
            let overlay = try #require(ledgerUser.clientOverlayAddress)
            let deviceOverlay = try #require(ledgerUser.deviceOverlayAddress)
            #expect(
                try Self.addresses(scenario, "doublezero0")
                    == ["\(ledgerUser.dzIp)/32 global", "\(overlay)/31 link"].sorted())
            #expect(
                try Self.serviceRules(scenario) == [
                    "100 from all to 46.0.1.0/29 lookup 100 proto kernel",
                    "101 from 46.0.1.0/29 to all lookup 101 proto kernel",
                ])
            let table101 = try scenario.ipJSON("route", "show", "table", "101")
            #expect(table101.count == 1)
            #expect(table101.first?["dst"] as? String == "default")
            #expect(table101.first?["gateway"] as? String == deviceOverlay.description)
            #expect(table101.first?["dev"] as? String == "doublezero0")
            #expect(table101.first?["prefsrc"] as? String == ledgerUser.dzIp.description)
            #expect(table101.first?["protocol"] == nil, "protocol boot, which ip leaves out")

            // Deleting the user removes every object: rules, table 101, the link.
            try await scenario.deleteUser(user)
            try await scenario.waitUntil("doublezero0 removed") { !Self.linkExists(scenario, "doublezero0") }
            #expect(try Self.serviceRules(scenario).isEmpty)
            #expect(try scenario.ipText("route", "show", "table", "101").isEmpty)
            #expect(try await scenario.api("GET", "/status").contains("disconnected"))
        }
    }

    @Test(
        "a multicast user beside a unicast one: doublezero1 with the group route; deleting it leaves doublezero0 untouched"
    )
    func deleteOneClass() async throws {
        try await DaemonHostScenario.with { scenario in
            try await scenario.startDaemon()
            let group = try await scenario.createGroup("mg01")
            try await scenario.createUser(.ibrl)
            let multicast = try await scenario.createMulticastUser(group: group, publisher: false)
            try await scenario.waitUntil("both tunnels") {
                Self.linkExists(scenario, "doublezero0") && Self.linkExists(scenario, "doublezero1")
            }
            let unicastIndex = try #require(
                try scenario.ipJSON("link", "show", "dev", "doublezero0").first?["ifindex"] as? Int)
            let routes = try scenario.ipText("route", "show", "dev", "doublezero1")
            #expect(routes.contains("233.84.178.0 via"), "\(routes)")
            #expect(routes.contains("proto static"))
            let link1 = try scenario.ipJSON("link", "show", "dev", "doublezero1")
            #expect(link1.first?["mtu"] as? Int == 1476)
            let multicastIndex = try #require(link1.first?["ifindex"] as? Int)

            // A second group: applied in place (a route more, the tunnel kept).
            let second = try await scenario.createGroup("mg02")
            try await scenario.setRoles(multicast, in: second, publisher: false, subscriber: true)
            try await scenario.waitUntil("the second group's route") {
                try scenario.ipText("route", "show", "dev", "doublezero1").contains("233.84.178.1 via")
            }
            #expect(
                try scenario.ipJSON("link", "show", "dev", "doublezero1").first?["ifindex"] as? Int == multicastIndex)
            try await scenario.setRoles(multicast, in: group, publisher: false, subscriber: false)
            try await scenario.waitUntil("the first group's route gone") {
                try !scenario.ipText("route", "show", "dev", "doublezero1").contains("233.84.178.0 via")
            }
            #expect(
                try scenario.ipJSON("link", "show", "dev", "doublezero1").first?["ifindex"] as? Int == multicastIndex)
            #expect(scenario.daemonLog.contains("multicast groups updated in place"))
            try await scenario.setRoles(multicast, in: second, publisher: false, subscriber: false)
            try await scenario.deleteUser(multicast)
            try await scenario.waitUntil("doublezero1 removed") { !Self.linkExists(scenario, "doublezero1") }
            let after = try #require(try scenario.ipJSON("link", "show", "dev", "doublezero0").first)
            #expect(after["ifindex"] as? Int == unicastIndex, "doublezero0 was not rebuilt")
            let status = try await scenario.api("GET", "/v2/status")
            #expect(status.contains(#""tunnel_name":"doublezero0""#) && !status.contains("doublezero1"))
        }
    }

    @Test("disable removes everything and enable brings it back")
    func disableAndEnable() async throws {
        try await DaemonHostScenario.with { scenario in
            try await scenario.startDaemon()
            try await scenario.createUser(.edgeFiltering)
            try await scenario.waitUntil("doublezero0") { Self.linkExists(scenario, "doublezero0") }
            try await scenario.api("POST", "/disable")
            try await scenario.waitUntil("everything removed") {
                try !Self.linkExists(scenario, "doublezero0") && Self.serviceRules(scenario).isEmpty
            }
            let state = try String(contentsOfFile: scenario.stateDirectory + "/state.json", encoding: .utf8)
            #expect(state == "{\"reconciler_enabled\":false}\n")
            try await scenario.api("POST", "/enable")
            try await scenario.waitUntil("doublezero0 back") {
                try Self.linkExists(scenario, "doublezero0") && Self.serviceRules(scenario).count == 2
            }
        }
    }

    @Test("SIGKILL then restart: no orphan, no duplicate; a user deleted meanwhile is swept at start")
    func killAndRestart() async throws {
        try await DaemonHostScenario.with { scenario in
            try await scenario.startDaemon()
            let user = try await scenario.createUser(.edgeFiltering)
            try await scenario.waitUntil("doublezero0 and its rules") { try Self.serviceRules(scenario).count == 2 }
            let rulesBefore = try Self.serviceRules(scenario)
            let addressesBefore = try Self.addresses(scenario, "doublezero0")

            #expect(await scenario.stopDaemon(signal: SIGKILL) != 0)
            // What a dead process leaves: the rules (the userspace tunnel died with it).
            #expect(try Self.serviceRules(scenario) == rulesBefore)

            try await scenario.startDaemon(enabled: false)
            try await scenario.waitUntil("doublezero0 rebuilt") { Self.linkExists(scenario, "doublezero0") }
            #expect(try Self.serviceRules(scenario) == rulesBefore, "adopted, not duplicated")
            #expect(try Self.addresses(scenario, "doublezero0") == addressesBefore)
            let links = try scenario.ipJSON("link", "show").compactMap { $0["ifname"] as? String }
            #expect(links.filter { $0.hasPrefix("doublezero") } == ["doublezero0"])

            #expect(await scenario.stopDaemon(signal: SIGKILL) != 0)
            try await scenario.deleteUser(user)
            try await scenario.startDaemon(enabled: false)
            try await scenario.waitUntil("the leftover rules swept") { try Self.serviceRules(scenario).isEmpty }
            #expect(!Self.linkExists(scenario, "doublezero0"))
            #expect(scenario.daemonLog.contains("removed what an earlier run left"))
        }
    }

    @Test("graceful stop removes every object it created")
    func gracefulStop() async throws {
        try await DaemonHostScenario.with { scenario in
            try await scenario.startDaemon()
            try await scenario.createUser(.edgeFiltering)
            try await scenario.waitUntil("doublezero0 and its rules") { try Self.serviceRules(scenario).count == 2 }
            #expect(await scenario.stopDaemon(signal: SIGTERM) == 0)
            #expect(!Self.linkExists(scenario, "doublezero0"))
            #expect(try Self.serviceRules(scenario).isEmpty)
            #expect(try scenario.ipText("route", "show", "table", "101").isEmpty)
        }
    }

    @Test(
        "through the API: a failing multicast provision leaves doublezero0 alone; a second unicast is refused; remove")
    func apiProvisioning() async throws {
        try await DaemonHostScenario.with { scenario in
            try await scenario.startDaemon(enabled: false)
            let unicast =
                #"{"user_type":"IBRL","tunnel_src":"185.1.0.1","tunnel_dst":"45.0.1.1","tunnel_net":"169.254.9.0/31","doublezero_ip":"185.1.0.1"}"#
            try await scenario.api("POST", "/provision", body: unicast)
            try await scenario.waitUntil("doublezero0") { Self.linkExists(scenario, "doublezero0") }
            let index = try #require(
                try scenario.ipJSON("link", "show", "dev", "doublezero0").first?["ifindex"] as? Int)

            // A source address this host does not have: the tunnel cannot be built.
            let broken =
                #"{"user_type":"Multicast","tunnel_src":"10.99.99.99","tunnel_dst":"45.0.1.9","tunnel_net":"169.254.9.2/31","mcast_sub_groups":["233.84.178.0"]}"#
            let refused = try await scenario.apiReply("POST", "/provision", body: broken)
            #expect(refused.status == 400)
            #expect(refused.body.contains("provisioning doublezero1 failed"), "\(refused.body)")
            #expect(!Self.linkExists(scenario, "doublezero1"), "nothing of it is left")
            #expect(try scenario.ipJSON("link", "show", "dev", "doublezero0").first?["ifindex"] as? Int == index)

            let again = try await scenario.apiReply("POST", "/provision", body: unicast)
            #expect(again.status == 400)
            #expect(again.body.contains("unicast service already provisioned"), "\(again.body)")

            try await scenario.api("POST", "/remove", body: #"{"user_type":"IBRL"}"#)
            #expect(!Self.linkExists(scenario, "doublezero0"))
            #expect(try await scenario.api("GET", "/status").contains("disconnected"))
        }
    }
}
