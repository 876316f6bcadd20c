import DaemonService
import Foundation
import Models
import Testing

/// `doublezero disconnect [ibrl|multicast] [--no-wait]`.
@Suite("CLI daemon verbs: disconnect", .serialized)
struct DisconnectTests {
    @Test("disconnect multicast removes only the multicast account and tunnel")
    func oneClass() async throws {
        let fixture = try await DaemonVerbFixture()
        let reconciler = ReconcilerStandIn(fixture, provisionDelay: .zero, bgpDelay: .zero)
        defer {
            reconciler.stop()
            Task { await fixture.tearDown() }
        }
        #expect(try await fixture.connection(["connect", "ibrl"]).exitCode == 0)
        #expect(try await fixture.connection(["connect", "multicast", "--subscribe", "mg01"]).exitCode == 0)
        let multicast = try #require(try await fixture.hostUsers().first { $0.userType == .multicast })
        #expect(Set(fixture.backend.provisioned.keys) == [.unicast, .multicast])

        let run = try await fixture.connection(["disconnect", "multicast"])
        #expect(run.exitCode == 0, "\(run.allOutput)")
        let expected = """
            ⚡  Disconnecting...
                Client IP: 45.33.32.10
            ⚡  Removing account: \(multicast.pubkey)
                Account deletion submitted
                Tunnel confirmed removed
            ✅  Deprovisioning Complete

            """
        #expect(run.standardOutput == expected)
        let remaining = try await fixture.hostUsers()
        #expect(remaining.map(\.userType) == [.ibrl])
        #expect(remaining.first?.status == .activated)
        #expect(Set(fixture.backend.provisioned.keys) == [.unicast])
        #expect(fixture.backend.reconcilerSignals.last == true, "disconnect never disables the reconciler")
    }

    @Test("disconnect --no-wait returns once the account is closed, without waiting for the tunnel")
    func noWait() async throws {
        let fixture = try await DaemonVerbFixture()
        let reconciler = ReconcilerStandIn(fixture, provisionDelay: .zero, bgpDelay: .zero)
        defer {
            reconciler.stop()
            Task { await fixture.tearDown() }
        }
        #expect(try await fixture.connection(["connect", "ibrl"]).exitCode == 0)
        reconciler.stop()
        let run = try await fixture.connection(["disconnect", "--no-wait"])
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(run.standardOutput.contains("    Tunnel teardown pending"))
        #expect(!run.standardOutput.contains("Tunnel confirmed removed"))
        #expect(run.standardOutput.hasSuffix("✅  Deprovisioning Complete\n"))
        #expect(try await fixture.hostUsers().isEmpty)
    }

    @Test("when doublezerod keeps the tunnel, disconnect says removal is in progress and succeeds")
    func daemonTimeout() async throws {
        let fixture = try await DaemonVerbFixture()
        let reconciler = ReconcilerStandIn(fixture, provisionDelay: .zero, bgpDelay: .zero)
        defer {
            reconciler.stop()
            Task { await fixture.tearDown() }
        }
        #expect(try await fixture.connection(["connect", "ibrl"]).exitCode == 0)
        reconciler.stop()
        let run = try await fixture.connection(["disconnect", "ibrl", "--daemon-wait", "1"])
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(
            run.standardOutput.contains(
                "    Daemon deprovisioning in progress (will complete automatically): timed out waiting for daemon "
                    + "to remove tunnel\n"))
        #expect(try await fixture.hostUsers().isEmpty)
    }
}
