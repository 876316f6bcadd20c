import Testing

/// Every command that is not built yet says so, names the issue that will build it, and exits 69.
@Suite("Not built yet")
struct NotBuiltYetTests {
    /// A command line and the plan its message must name.
    struct Case: Sendable, CustomTestStringConvertible {
        let invocation: AppInvocation
        let plan: String
        init(_ commandLine: String, _ plan: String) {
            invocation = AppInvocation(commandLine)
            self.plan = plan
        }
        var testDescription: String { invocation.testDescription }
    }

    static let ledger = "planned in issue 3: Ledger"
    static let daemon = "planned in issues 6–8: Tunnel, Probe and BGP"

    static let cases: [Case] = [
        Case("doublezero-ledger serve --db ledger.sqlite --listen 127.0.0.1:8899", ledger),
        Case("doublezero-ledger verify --db ledger.sqlite", ledger),
        Case("doublezero-ledger init --db ledger.sqlite", ledger),
        Case("doublezero-activator run --ledger ledger.sqlite --keypair id.json", "planned in issue 4: Allocator"),
        Case("doublezero-controller render --ledger ledger.sqlite --device ny5-dz01", "planned in issue 5: Controller"),
        Case("doublezero-controller serve --ledger http://127.0.0.1:8899 --listen [::1]:7000", "issue 5"),
        Case("doublezero-monitor run --ledger ledger.sqlite --interval 30s", "not yet scheduled"),
        Case("doublezerod run --ledger http://127.0.0.1:8899 --client-ip 203.0.113.10", daemon),
        Case("doublezero keygen --outfile id.json", ledger),
        Case("doublezero address --keypair id.json", ledger),
        Case("doublezero init --ledger ledger.sqlite", ledger),
        Case("doublezero global-config get --ledger ledger.sqlite --json", ledger),
        Case("doublezero global-config set --ledger ledger.sqlite --local-asn 65000 --remote-asn 65342", ledger),
        Case(
            "doublezero location create --code ny5 --name NewYork --country US --lat 40.7 --lng -74 --ledger l", ledger),
        Case("doublezero exchange update --pubkey nyc --bgp-community 10500 --ledger ledger.sqlite", ledger),
        Case("doublezero contributor delete --pubkey co01 --ledger ledger.sqlite", ledger),
        Case(
            "doublezero device create --code ny5-dz01 --contributor co01 --location ny5 --exchange nyc "
                + "--public-ip 64.86.249.80 --dz-prefixes 64.86.249.80/29 --ledger ledger.sqlite", ledger),
        Case(
            "doublezero link create --code a:b --contributor co01 --side-a a --side-a-interface Ethernet1 "
                + "--side-z b --side-z-interface Ethernet1 --bandwidth 10Gbps --delay-ms 1 --jitter-ms 0.1 --ledger l",
            ledger),
        Case("doublezero user get --pubkey 11111111111111111111111111111111 --ledger ledger.sqlite", ledger),
        Case("doublezero multicast-group list --ledger ledger.sqlite --json-compact", ledger),
        Case("doublezero access-pass set --client-ip 203.0.113.10 --user-payer me --ledger ledger.sqlite", ledger),
        Case("doublezero connect ibrl --ledger ledger.sqlite", daemon),
        Case("doublezero connect multicast --subscribe mg01 --ledger ledger.sqlite", daemon),
        Case("doublezero disconnect multicast --ledger ledger.sqlite --no-wait", daemon),
        Case("doublezero status --json", daemon),
        Case("doublezero latency", "planned in issue 7: Probe"),
    ]

    @Test("exits 69 and says what is not built and which issue builds it", arguments: cases)
    func notBuiltYet(_ testCase: Case) async throws {
        let run = try await AppRun.run(testCase.invocation.app, testCase.invocation.arguments)
        #expect(run.exitCode == 69, "stderr: \(run.standardError)")
        #expect(run.standardError.contains("is not built yet"), "stderr: \(run.standardError)")
        #expect(run.standardError.contains(testCase.plan), "stderr: \(run.standardError)")
        #expect(run.standardError.contains("Nothing was done."), "stderr: \(run.standardError)")
        #expect(run.standardOutput.isEmpty, "stdout: \(run.standardOutput)")
    }

    @Test("the message names the exact command that was run")
    func messageNamesTheCommand() async throws {
        let run = try await AppRun.run(
            "doublezero-ledger", ["serve", "--db", "x.sqlite", "--listen", "127.0.0.1:8899"])
        #expect(
            run.standardError
                == "Error: doublezero-ledger serve is not built yet (planned in issue 3: Ledger). Nothing was done.\n")
    }
}
