import AppTestSupport
import DaemonService
import Foundation
import Models
import Testing

/// `doublezero multicast subscribe|unsubscribe|publish|unpublish` against the fixture: roles of
/// the host's multicast user changed in place, in one transaction, with the refusals a user needs.
@Suite("CLI daemon verbs: multicast roles")
struct MulticastRoleTests {
    @Test("publish, subscribe, unpublish, unsubscribe change the roles in place; nothing to change says so")
    func rolesInPlace() async throws {
        let fixture = try await DaemonVerbFixture()
        let reconciler = ReconcilerStandIn(fixture, provisionDelay: .zero, bgpDelay: .zero)
        defer {
            reconciler.stop()
            Task { await fixture.tearDown() }
        }
        #expect(try await fixture.connection(["connect", "multicast", "--subscribe", "mg01"]).exitCode == 0)
        let user = try #require(try await fixture.hostUsers().first)
        #expect(user.subscribers == [fixture.group] && user.publishers.isEmpty)

        let publish = try await fixture.connection(["multicast", "publish", "mg01"])
        #expect(publish.exitCode == 0, "\(publish.allOutput)")
        #expect(publish.standardOutput.hasSuffix("✅  Publishing to mg01\n"))
        var now = try #require(try await fixture.hostUsers().first)
        #expect(now.pubkey == user.pubkey, "the same user: changed in place")
        #expect(now.publishers == [fixture.group] && now.subscribers == [fixture.group])

        let again = try await fixture.connection(["multicast", "publish", "MG01"])
        #expect(again.exitCode == 0)
        #expect(again.standardOutput.contains("Nothing to change"))

        #expect(try await fixture.connection(["multicast", "unsubscribe", "mg01"]).exitCode == 0)
        now = try #require(try await fixture.hostUsers().first)
        #expect(now.publishers == [fixture.group] && now.subscribers.isEmpty)
        let unpublish = try await fixture.connection(["multicast", "unpublish", "mg01"])
        #expect(unpublish.standardOutput.hasSuffix("✅  No longer publishing to mg01\n"))
        now = try #require(try await fixture.hostUsers().first)
        #expect(now.publishers.isEmpty && now.subscribers.isEmpty)
        #expect(try await fixture.connection(["multicast", "subscribe", "mg01"]).exitCode == 0)
        now = try #require(try await fixture.hostUsers().first)
        #expect(now.subscribers == [fixture.group] && now.pubkey == user.pubkey)
    }

    @Test("without a multicast tunnel, with an unknown group or none, the verbs refuse and change nothing")
    func refusals() async throws {
        let fixture = try await DaemonVerbFixture()
        let reconciler = ReconcilerStandIn(fixture, provisionDelay: .zero, bgpDelay: .zero)
        defer {
            reconciler.stop()
            Task { await fixture.tearDown() }
        }
        let noTunnel = try await fixture.connection(["multicast", "subscribe", "mg01"])
        #expect(noTunnel.exitCode == 1)
        #expect(
            noTunnel.standardError.hasSuffix(
                "Error: this host has no multicast tunnel of yours; connect one first: doublezero connect multicast --subscribe mg01\n"
            ))
        #expect(try await fixture.hostUsers().isEmpty)
        let none = try await fixture.connection(["multicast", "publish"])
        #expect(none.exitCode == 64)
        #expect(none.standardError.contains("Missing expected argument '<group> ...'"))
        #expect(try await fixture.connection(["connect", "multicast", "--subscribe", "mg01"]).exitCode == 0)
        let unknown = try await fixture.connection(["multicast", "publish", "mg99"])
        #expect(unknown.exitCode == 1)
        #expect(unknown.standardError.hasSuffix("Error: Multicast group not found: mg99\n"))
        let user = try #require(try await fixture.hostUsers().first)
        #expect(user.publishers.isEmpty && user.subscribers == [fixture.group])
        let help = try await fixture.connection(["multicast", "--help"])
        #expect(help.standardOutput.contains("subscribe") && help.standardOutput.contains("unpublish"))
    }
}

/// RFC 13 placement of the second tunnel when the device of the first has one endpoint only.
@Suite("CLI daemon verbs: second tunnel on a nearby device")
struct SecondTunnelPlacementTests {
    @Test("IBRL on fra-dz01 (one endpoint): the multicast tunnel goes to ams-dz01, within 5 ms of it")
    func nearbyDevice() async throws {
        let fixture = try await DaemonVerbFixture()
        let reconciler = ReconcilerStandIn(fixture, provisionDelay: .zero, bgpDelay: .zero)
        defer {
            reconciler.stop()
            Task { await fixture.tearDown() }
        }
        #expect(try await fixture.connection(["connect", "ibrl", "--device", "fra-dz01"]).exitCode == 0)
        let run = try await fixture.connection(["connect", "multicast", "--subscribe", "mg01"])
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(run.standardOutput.contains("    Device selected: ams-dz01\n"), "\(run.standardOutput)")
        #expect(run.standardError.contains("within 5 ms of the device of this host's other tunnel"))
        let multicast = try #require(try await fixture.hostUsers().first { $0.userType == .multicast })
        #expect(multicast.device == fixture.devices["ams-dz01"])
    }

    @Test("no device within 5 ms of the one-endpoint device: the CLI names each candidate and why, and creates nothing")
    func noneInRange() async throws {
        let fixture = try await DaemonVerbFixture()
        let reconciler = ReconcilerStandIn(fixture, provisionDelay: .zero, bgpDelay: .zero)
        defer {
            reconciler.stop()
            Task { await fixture.tearDown() }
        }
        #expect(try await fixture.connection(["connect", "ibrl", "--device", "fra-dz01"]).exitCode == 0)
        // ams-dz01 now 9 ms away, fra-dz01 3 ms: 6 ms apart, out of RFC 13's 5 ms.
        let devices = fixture.devices
        fixture.backend.with { contents in
            contents.latency = LatencyReport(
                ready: true,
                results: [
                    DaemonVerbFixture.row(devices["fra-dz01"]!, "fra-dz01", "45.0.2.1", microseconds: 3_000),
                    DaemonVerbFixture.row(devices["ams-dz01"]!, "ams-dz01", "45.0.1.2", microseconds: 9_200),
                    DaemonVerbFixture.row(devices["ams-dz01"]!, "ams-dz01", "45.0.1.1", microseconds: 9_000),
                ])
        }
        let run = try await fixture.connection(["connect", "multicast", "--subscribe", "mg01"])
        #expect(run.exitCode == 1, "\(run.allOutput)")
        #expect(run.standardError.contains("no device can take a second tunnel"), "\(run.standardError)")
        #expect(run.standardError.contains("ams-dz01") && run.standardError.contains("fra-dz01"))
        #expect(try await fixture.hostUsers().allSatisfy { $0.userType != .multicast }, "nothing created")
    }
}
