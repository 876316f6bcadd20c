import DaemonService
import Foundation
import Ledger
import Models
import Testing

/// `doublezero connect ibrl|multicast` against the fixture: the ledger with the activator, and
/// the fake daemon provisioned by a ``ReconcilerStandIn``.
@Suite("CLI daemon verbs: connect", .serialized)
struct ConnectTests {
    @Test("connect ibrl: access pass, lowest-latency device, account, activation, tunnel and BGP, by long-poll")
    func happyPath() async throws {
        let fixture = try await DaemonVerbFixture()
        let reconciler = ReconcilerStandIn(fixture, provisionDelay: .milliseconds(300), bgpDelay: .milliseconds(200))
        defer {
            reconciler.stop()
            Task { await fixture.tearDown() }
        }
        let run = try await fixture.connection(["connect", "ibrl"])
        let finished = ContinuousClock.now
        #expect(run.exitCode == 0, "\(run.allOutput)")
        let expected = """
            ⚡  Connecting to localnet...
                DoubleZero ID: \(fixture.hostKey.publicKey)
            ⚡  Provisioning for IP: 45.33.32.10
                Creating account...
                Device selected: ams-dz01
                Tunnel Src: 45.33.32.10
                Tunnel Dst: 45.0.1.1
                DoubleZero IP: 45.33.32.10
                Session: BGP Session Up
            ✅  User Provisioned

            """
        #expect(run.standardOutput == expected)
        // Steps as plain lines (standard error is not a terminal here).
        for step in [
            "… access pass ", "… device ams-dz01 chosen (lowest latency): min RTT 1.000 ms, endpoint 45.0.1.1",
            "… account activated: tunnel 169.254.",
            // Pending as a rule; on a loaded machine the long-poll may first answer once BGP is already up.
            "… tunnel doublezero0 up to 45.0.1.1; BGP: ",
            "… BGP session up",
        ] {
            #expect(run.standardError.contains(step), "missing step '\(step)' in:\n\(run.standardError)")
        }
        let user = try #require(try await fixture.hostUsers().first)
        #expect(user.userType == .ibrl && user.status == .activated)
        #expect(user.device == fixture.devices["ams-dz01"])
        #expect(fixture.backend.reconcilerSignals.last == true)
        // The tunnel appeared 300 ms after activation and BGP 200 ms later; a 5 s poll would
        // have taken seconds more. The long-poll answers at each change.
        let provisioned = try #require(reconciler.provisionedAt(.unicast))
        #expect(
            finished - provisioned < .seconds(3), "connect ended \(finished - provisioned) after the tunnel came up")
    }

    @Test("connect reuses the host's existing account")
    func existingAccount() async throws {
        let fixture = try await DaemonVerbFixture()
        let reconciler = ReconcilerStandIn(fixture, provisionDelay: .zero, bgpDelay: .zero)
        defer {
            reconciler.stop()
            Task { await fixture.tearDown() }
        }
        #expect(try await fixture.connection(["connect", "ibrl"]).exitCode == 0)
        let again = try await fixture.connection(["connect", "ibrl"])
        #expect(again.exitCode == 0, "\(again.allOutput)")
        let key = try #require(try await fixture.hostUsers().first).pubkey
        #expect(again.standardOutput.contains("    An account already exists with Pubkey: \(key)\n"))
        #expect(!again.standardOutput.contains("Creating account"))
        #expect(again.standardOutput.hasSuffix("✅  User Provisioned\n"))
    }

    @Test("when doublezerod does not bring the tunnel up in time, connect says so and still succeeds")
    func daemonTimeout() async throws {
        let fixture = try await DaemonVerbFixture()
        defer { Task { await fixture.tearDown() } }
        let run = try await fixture.connection(["connect", "ibrl", "--daemon-wait", "1"])
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(
            run.standardOutput.contains(
                "    Tunnel provisioning in progress (daemon will handle it): timed out waiting for daemon to "
                    + "provision tunnel\n"))
        #expect(run.standardOutput.hasSuffix("✅  User Provisioned\n"))
        #expect(try await fixture.hostUsers().first?.status == .activated)
    }

    @Test("without an access pass connect prints upstream's ❌ line and fails")
    func noAccessPass() async throws {
        let fixture = try await DaemonVerbFixture(accessPass: false)
        defer { Task { await fixture.tearDown() } }
        let run = try await fixture.connection(["connect", "ibrl"])
        #expect(run.exitCode == 1)
        #expect(
            run.standardError.contains(
                "❌  Unable to find a valid AccessPass for the IP: 45.33.32.10 UserPayer: \(fixture.hostKey.publicKey)\n"
            ))
        #expect(
            run.standardError.hasSuffix(
                "Error: A valid AccessPass is required to connect. Please contact support to obtain one.\n"))
        #expect(try await fixture.hostUsers().isEmpty)
    }

    @Test("--device on a device without a free unicast slot is refused with its count")
    func deviceFull() async throws {
        let fixture = try await DaemonVerbFixture()
        defer { Task { await fixture.tearDown() } }
        let fra = try #require(fixture.devices["fra-dz01"])
        // Another host takes fra-dz01's only unicast slot.
        let other = Keypair()
        let otherIP: IPv4Address = "45.33.32.99"
        _ = try await fixture.ledger.submit(
            [.updateDevice(UpdateDeviceArgs(pubkey: fra, maxUnicastUsers: 1))], signedBy: fixture.contributorOwner)
        _ = try await fixture.ledger.submit(
            [.setAccessPass(SetAccessPassArgs(clientIp: otherIP, userPayer: other.publicKey))],
            signedBy: fixture.foundation)
        _ = try await fixture.ledger.submit(
            [.createUser(CreateUserArgs(userType: .ibrl, device: fra, clientIp: otherIP))], signedBy: other)
        try await fixture.waitUntil("the other host's user is activated") { $0.devices[fra]?.unicastUsersCount == 1 }
        let run = try await fixture.connection(["connect", "ibrl", "--device", "fra-dz01"])
        #expect(run.exitCode == 1)
        #expect(run.standardError.hasSuffix("Error: Device fra-dz01 has reached its unicast user limit (1/1)\n"))
        #expect(try await fixture.hostUsers().isEmpty)
    }

    @Test("--device picks that device even when another is faster")
    func deviceByHand() async throws {
        let fixture = try await DaemonVerbFixture()
        let reconciler = ReconcilerStandIn(fixture, provisionDelay: .zero, bgpDelay: .zero)
        defer {
            reconciler.stop()
            Task { await fixture.tearDown() }
        }
        let run = try await fixture.connection(["connect", "ibrl", "--device", "fra-dz01"])
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(run.standardOutput.contains("    Device selected: fra-dz01\n"))
        #expect(run.standardOutput.contains("    Tunnel Dst: 45.0.2.1\n"))
        #expect(try await fixture.hostUsers().first?.device == fixture.devices["fra-dz01"])
    }

    @Test("a banned user is refused")
    func banned() async throws {
        let fixture = try await DaemonVerbFixture()
        defer { Task { await fixture.tearDown() } }
        let ams = try #require(fixture.devices["ams-dz01"])
        let receipt = try await fixture.ledger.submit(
            [.createUser(CreateUserArgs(userType: .ibrl, device: ams, clientIp: DaemonVerbFixture.clientIP))],
            signedBy: fixture.hostKey)
        let user = try #require(receipt.changes.first { $0.ref.kind == .user }).ref.pubkey
        try await fixture.waitUntil("the user is activated") { $0.users[user]?.status == .activated }
        _ = try await fixture.ledger.submit([.requestBanUser(PubkeyArgs(pubkey: user))], signedBy: fixture.foundation)
        let run = try await fixture.connection(["connect", "ibrl"])
        #expect(run.exitCode == 1)
        #expect(run.standardOutput.contains("    An account already exists with Pubkey: \(user)\n"))
        #expect(run.standardError.contains("❌  The user is banned.\n"))
        #expect(run.standardError.hasSuffix("Error: User is banned.\n"))
    }

    @Test("no reachable device is upstream's error, naming how many were unreachable")
    func noReachableDevice() async throws {
        let fixture = try await DaemonVerbFixture()
        defer { Task { await fixture.tearDown() } }
        fixture.backend.with { contents in
            contents.latency.results = contents.latency.results.map { row in
                var row = row
                row.reachable = false
                row.minLatencyNanoseconds = 0
                row.maxLatencyNanoseconds = 0
                row.averageLatencyNanoseconds = 0
                row.lossPercentage = 100
                return row
            }
        }
        let run = try await fixture.connection(["connect", "ibrl"])
        #expect(run.exitCode == 1)
        #expect(
            run.standardError.hasSuffix("Error: No reachable devices found (2 activated devices were unreachable)\n"))
    }

    @Test("connect multicast next to an IBRL tunnel takes the same device's other endpoint (RFC 13)")
    func multicastSecondTunnel() async throws {
        let fixture = try await DaemonVerbFixture()
        let reconciler = ReconcilerStandIn(fixture, provisionDelay: .zero, bgpDelay: .zero)
        defer {
            reconciler.stop()
            Task { await fixture.tearDown() }
        }
        #expect(try await fixture.connection(["connect", "ibrl"]).exitCode == 0)
        let ibrl = try #require(try await fixture.hostUsers().first)
        let run = try await fixture.connection(["connect", "multicast", "--subscribe", "mg01"])
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(
            run.standardOutput.contains(
                "    Creating separate Multicast user for concurrent tunnels (IBRL user: \(ibrl.pubkey))\n"))
        #expect(run.standardOutput.contains("    Device selected: ams-dz01\n"))
        #expect(run.standardOutput.contains("    Tunnel Dst: 45.0.1.2\n"))
        #expect(run.standardOutput.hasSuffix("✅  User Provisioned\n"))
        let multicast = try #require(try await fixture.hostUsers().first { $0.userType == .multicast })
        #expect(multicast.tunnelEndpoint == "45.0.1.2")
        #expect(multicast.subscribers == [fixture.group] && multicast.publishers.isEmpty)
    }

    @Test("connect multicast with no groups joins the groups the allowlists grant, in both roles")
    func multicastFromAllowlists() async throws {
        let fixture = try await DaemonVerbFixture()
        let reconciler = ReconcilerStandIn(fixture, provisionDelay: .zero, bgpDelay: .zero)
        defer {
            reconciler.stop()
            Task { await fixture.tearDown() }
        }
        let run = try await fixture.connection(["connect", "multicast"])
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(run.standardOutput.contains("    Publishing to (from AccessPass): mg01\n"))
        #expect(run.standardOutput.contains("    Subscribing to (from AccessPass): mg01\n"))
        #expect(run.standardOutput.contains("    Creating account for IP: 45.33.32.10\n"))
        let user = try #require(try await fixture.hostUsers().first)
        #expect(user.publishers == [fixture.group] && user.subscribers == [fixture.group])
    }

    @Test("connect multicast's argument forms: legacy positionals, flags, and what may not be mixed")
    func multicastForms() async throws {
        let fixture = try await DaemonVerbFixture()
        let reconciler = ReconcilerStandIn(fixture, provisionDelay: .zero, bgpDelay: .zero)
        defer {
            reconciler.stop()
            Task { await fixture.tearDown() }
        }
        let mixed = try await fixture.connection(["connect", "multicast", "publisher", "mg01", "--subscribe", "mg01"])
        #expect(mixed.exitCode == 64)
        #expect(mixed.standardError.contains("not both"))
        let badRole = try await fixture.connection(["connect", "multicast", "listener", "mg01"])
        #expect(badRole.exitCode == 64)
        #expect(badRole.standardError.contains("'listener' is not a role"))
        let feeds = try await fixture.connection([
            "connect", "multicast", "--subscribe-feed", "f1", "--publish", "mg01",
        ])
        #expect(feeds.exitCode == 64)
        let unknown = try await fixture.connection(["connect", "multicast", "subscriber", "mg99"])
        #expect(unknown.exitCode == 1)
        #expect(unknown.standardError.hasSuffix("Error: Multicast group not found: mg99\n"))
        let duplicate = try await fixture.connection(["connect", "multicast", "--publish", "mg01", "--publish", "MG01"])
        #expect(duplicate.standardError.hasSuffix("Error: Duplicate multicast pub group: MG01\n"))
        #expect(try await fixture.hostUsers().isEmpty)

        let legacy = try await fixture.connection(["connect", "multicast", "publisher", "mg01"])
        #expect(legacy.exitCode == 0, "\(legacy.allOutput)")
        let user = try #require(try await fixture.hostUsers().first)
        #expect(user.publishers == [fixture.group] && user.subscribers.isEmpty)
        // The existing user gains the missing role.
        let more = try await fixture.connection(["connect", "multicast", "--subscribe", "mg01"])
        #expect(more.exitCode == 0, "\(more.allOutput)")
        #expect(more.standardOutput.contains("    Roles added: S:mg01\n"))
        let updated = try #require(try await fixture.hostUsers().first)
        #expect(updated.publishers == [fixture.group] && updated.subscribers == [fixture.group])
    }
}
