import AppTestSupport
import DaemonService
import Foundation
import Testing

/// `enable`, `disable`, and every verb's help.
@Suite("CLI daemon verbs: enable, disable, help")
struct ReconcilerSwitchTests {
    @Test("enable and disable print upstream's messages and switch the daemon")
    func switches() async throws {
        let fixture = try await DaemonVerbFixture()
        defer { Task { await fixture.tearDown() } }
        let enable = try await fixture.daemonVerb(["enable"])
        #expect(enable.exitCode == 0)
        #expect(enable.standardOutput == "Reconciler enabled\n")
        #expect(fixture.backend.reconcilerSignals.last == true)
        #expect(try await fixture.daemonVerb(["enable"]).standardOutput == "Reconciler already enabled\n")

        try await fixture.backend.provision(
            ServiceRequest(
                userType: .ibrl, tunnelDestination: "45.0.1.1", tunnelNet: "169.254.0.0/31",
                doubleZeroIP: "203.0.113.10"))
        let disable = try await fixture.daemonVerb(["disable"])
        #expect(disable.exitCode == 0)
        #expect(disable.standardOutput == "Active tunnel(s) will be torn down\nReconciler disabled\n")
        #expect(fixture.backend.reconcilerSignals.last == false)
        #expect(try await fixture.daemonVerb(["disable"]).standardOutput == "Reconciler already disabled\n")
    }

    @Test("a refused switch fails with the HTTP status")
    func refused() async throws {
        let outsider = PeerCredentials(processID: 5, userID: 1001, groupID: 1001)
        let fixture = try await DaemonVerbFixture(caller: outsider)
        defer { Task { await fixture.tearDown() } }
        let enable = try await fixture.daemonVerb(["enable"])
        #expect(enable.exitCode == 1)
        #expect(enable.standardError == "Error: Failed to enable reconciler: 403\n")
        #expect(fixture.backend.reconcilerSignals == [false])
    }

    @Test(
        "every daemon verb explains itself in --help",
        arguments: [
            (["connect"], "Connect this host to DoubleZero"), (["connect", "ibrl"], "lowest-latency activated device"),
            (["connect", "multicast"], "legacy"), (["disconnect"], "--no-wait"), (["status"], "Lowest Latency Device"),
            (["latency"], "reachable first"), (["routes"], "No routes found"), (["enable"], "Reconciler enabled"),
            (["disable"], "Active tunnel(s) will be torn down"),
        ])
    func help(verb: [String], text: String) async throws {
        let run = try await AppRun.run("doublezero", verb + ["--help"])
        #expect(run.exitCode == 0)
        let flattened = run.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flattened.contains(text), "\(run.standardOutput)")
    }
}
