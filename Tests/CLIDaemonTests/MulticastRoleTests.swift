import AppTestSupport
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
