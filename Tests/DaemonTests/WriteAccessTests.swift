@testable import DaemonService
import Foundation
import Testing

/// Who may change things: the rule as a pure function, and the API enforcing it.
@Suite("Daemon API: write access")
struct WriteAccessTests {
    let rule = APIHarness.writeAccess

    @Test("root, the daemon's own user, and members of the group (primary or supplementary) may change things")
    func granted() {
        #expect(rule.decide(APIHarness.root) == .granted)
        #expect(rule.decide(PeerCredentials(processID: 1, userID: 999, groupID: 999)) == .granted)
        #expect(rule.decide(APIHarness.member) == .granted)
        #expect(rule.decide(PeerCredentials(processID: 1, userID: 1000, groupID: 4242)) == .granted)
    }

    @Test("anyone else, and a caller whose credentials are unknown, may not; the reason says who may")
    func denied() {
        #expect(
            rule.decide(APIHarness.outsider)
                == .denied(
                    "permission denied: uid 1001 may only read; changes need root, uid 999 or members of the group 'doublezero'"
                ))
        #expect(
            rule.decide(nil) == .denied("permission denied: the caller's credentials could not be read from the socket")
        )
        let noGroup = WriteAccessRule(daemonUserID: 999, groupName: "doublezero", groupID: nil)
        #expect(noGroup.decide(APIHarness.member) != .granted)
        #expect(noGroup.decide(APIHarness.root) == .granted)
    }

    @Test("this process's rule: its own user, and no gid for a group that does not exist")
    func processRule() {
        let missing = WriteAccessRule(groupName: "no-such-group-\(UUID().uuidString.prefix(8))")
        #expect(missing.daemonUserID == geteuid())
        #expect(missing.groupID == nil)
        #expect(WriteAccessRule(groupName: "root").groupID == 0)
    }

    @Test("a peer's groups come from the user database: its name, and the groups listing it")
    func memberships() {
        #expect(PeerCredentials.userName(of: 0) == "root")
        #expect(PeerCredentials.userName(of: 4_000_000_000) == nil)
        #expect(PeerCredentials.memberships(ofUser: 0, primaryGroup: 0).contains(0))
        #expect(PeerCredentials.memberships(ofUser: 4_000_000_000, primaryGroup: 5).isEmpty)
    }

    @Test("an outsider may read everything but gets 403 on every endpoint that changes state; nothing changes")
    func outsiderRefused() async throws {
        try await APIHarness.run(caller: APIHarness.outsider) { harness in
            for endpoint in DaemonEndpoint.allCases where endpoint.changesState {
                let reply = try await harness.post(endpoint.path, #"{"user_type": "IBRL"}"#)
                #expect(reply.status == .forbidden, "\(endpoint.path)")
                let body = try reply.json()
                #expect(body["status"] == .string("error"))
                #expect(body["description"] == .string(try #require(Self.outsiderReason)))
            }
            for endpoint in DaemonEndpoint.allCases where endpoint.method == .get {
                #expect(try await harness.get(endpoint.path).status == .ok, "\(endpoint.path)")
            }
            #expect(!harness.backend.calls.contains { $0 == "provision" || $0 == "remove" })
            #expect(harness.backend.reconcilerSignals == [false])
            #expect(try harness.stateFile.read() == DaemonState(reconcilerEnabled: false))
        }
    }

    static var outsiderReason: String? {
        if case .denied(let reason) = APIHarness.writeAccess.decide(APIHarness.outsider) { reason } else { nil }
    }

    @Test("a member of the group may enable the reconciler")
    func memberAllowed() async throws {
        try await APIHarness.run(caller: APIHarness.member) { harness throws in
            #expect(try await harness.post("/enable").status == .ok)
            #expect(try harness.stateFile.read() == DaemonState(reconcilerEnabled: true))
        }
    }

    @Test("without readable credentials (not a Unix socket peer) changes are refused")
    func unknownCaller() async throws {
        try await APIHarness.run(caller: nil) { harness throws in
            #expect(try await harness.post("/disable").status == .forbidden)
            #expect(try await harness.get("/status").status == .ok)
        }
    }
}
