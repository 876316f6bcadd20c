import AppTestSupport
import Foundation
import Testing

/// Bad flag values are usage errors: exit 64 and a message that names the flag, before anything is signed.
@Suite("Usage errors")
struct UsageErrorTests {
    /// Arguments of one ledger verb and the flag its error must name.
    struct Case: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let flag: String
        init(_ commandLine: String, _ flag: String) {
            arguments = commandLine.split(separator: " ").map(String.init)
            self.flag = flag
        }
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case("user create --device d --client-ip 1.2.3", "--client-ip"),
        Case("user create --device d --client-ip 45.33.32.10 --user-type bogus", "--user-type"),
        Case("user list --status sleeping", "--status"),
        Case(
            "device create --code d --contributor c --location l --exchange x --public-ip 1.1.1.1 --dz-prefixes 1.1.1.0/33",
            "--dz-prefixes"),
        Case("device update --pubkey d --max-unicast-users 70000", "--max-unicast-users"),
        Case("device update --pubkey d --status sideways", "--status"),
        Case(
            "link create --code a --side-a a --side-a-interface e1 --side-z b --side-z-interface e2 --bandwidth 5Gbps --delay-ms 1 --jitter-ms 1",
            "--bandwidth"),
        Case(
            "link create --code a --side-a a --side-a-interface e1 --side-z b --side-z-interface e2 --bandwidth 10Gbps --delay-ms 0 --jitter-ms 1",
            "--delay-ms"),
        Case("multicast-group create --code mg --max-bandwidth fast --owner me", "--max-bandwidth"),
        Case("access-pass set --client-ip 45.33.32.10 --user-payer nobody", "--user-payer"),
        Case("location update --pubkey lax --lng 200", "--lng"),
        Case("exchange update --pubkey xlax --bgp-community 11000", "--bgp-community"),
        Case("global-config set --next-bgp-community 9000", "--next-bgp-community"),
        Case("global-config set --device-tunnel-block 10.0.0.0", "--device-tunnel-block"),
    ]

    @Test("exits 64 and names the flag", arguments: cases)
    func usageError(_ testCase: Case) async throws {
        let workspace = try CLIWorkspace()
        let run = try await workspace.ledger(testCase.arguments)
        #expect(run.exitCode == 64, "stderr: \(run.standardError)")
        #expect(run.standardError.contains(testCase.flag), "stderr: \(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: workspace.ledgerPath), "nothing may touch the ledger")
    }

    @Test(
        "choices accept the upstream spellings",
        arguments: ["IBRL", "ibrl_with_allocated_ip", "EdgeFiltering", "edge-filtering", "Multicast"])
    func upstreamSpellings(_ spelling: String) async throws {
        let workspace = try await CLIWorkspace.bootstrapped()
        let run = try await workspace.ledger(["user", "list", "--user-type", spelling])
        #expect(run.exitCode == 0, "stderr: \(run.standardError)")
    }
}
