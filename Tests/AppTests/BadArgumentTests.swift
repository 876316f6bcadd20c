import AppTestSupport
import Testing

/// Bad arguments are usage errors: exit 64 (EX_USAGE) with a message that names the offending flag.
@Suite("Bad arguments")
struct BadArgumentTests {
    /// A command line and the text its error message must contain.
    struct Case: Sendable, CustomTestStringConvertible {
        let invocation: AppInvocation
        let mention: String
        init(_ invocation: AppInvocation, _ mention: String) {
            self.invocation = invocation
            self.mention = mention
        }
        init(_ commandLine: String, _ mention: String) {
            self.init(AppInvocation(commandLine), mention)
        }
        var testDescription: String { invocation.testDescription }
    }

    static let cases: [Case] = [
        Case("doublezero-ledger serve --db x --listen nonsense", "--listen"),
        Case("doublezero-ledger serve --db x --listen 127.0.0.1:70000", "--listen"),
        Case("doublezero-ledger serve --db x --listen 127.0.0.1:-1", "--listen"),
        Case("doublezero-ledger serve --db x --listen :0", "--listen"),
        Case("doublezero-ledger serve --db x --listen :8899", "--listen"),
        Case("doublezero-ledger serve --listen 127.0.0.1:8899", "--db"),
        Case("doublezero-ledger serve --db x --follower-backlog-entries 0", "--follower-backlog-entries"),
        Case("doublezero-ledger serve --db x --follower-backlog-bytes -5", "--follower-backlog-bytes"),
        Case("doublezero-ledger serve --db x --auth-max-failures 0", "--auth-max-failures"),
        Case("doublezero-ledger serve --db x --auth-global-lockout 0s", "--auth-global-lockout"),
        Case("doublezero-ledger serve --db x --auth-failure-window soon", "--auth-failure-window"),
        Case(AppInvocation(app: "doublezero-activator", arguments: ["run", "--ledger", ""]), "--ledger"),
        Case("doublezero-activator run --ledger ftp://ledger.example/x", "--ledger"),
        Case("doublezero-activator run --ledger http://", "--ledger"),
        Case("doublezero-controller render --ledger ledger.sqlite", "--device"),
        Case("doublezero-controller serve --ledger l --max-user-tunnel-slots 0", "--max-user-tunnel-slots"),
        Case("doublezero-monitor run --ledger l --interval 5", "--interval"),
        Case("doublezero-device-agent run --device d", "--controller"),
        Case("doublezero-device-agent run --controller ftp://c --device d", "--controller"),
        Case(
            "doublezero-device-agent run --controller http://127.0.0.1:1 --device d --long-poll-seconds 0",
            "--long-poll-seconds"),
        Case(
            AppInvocation(
                app: "doublezero-device-agent",
                arguments: ["run", "--controller", "http://127.0.0.1:1", "--device", ""]),
            "--device"),
        Case("doublezerod run --ledger l --reconciler-poll-interval 0", "--reconciler-poll-interval"),
        Case("doublezerod run --ledger l --metrics-addr localhost", "--metrics-addr"),
        Case("doublezerod run --ledger l --route-liveness-backoff-max 10ms", "--route-liveness-backoff-max"),
        Case("doublezero exchange update --pubkey nyc --bgp-community 9999 --ledger l", "--bgp-community"),
        Case("doublezero location create --code a --name b --country USA --lat 1 --lng 2 --ledger l", "--country"),
        Case("doublezero location create --code a --name b --country US --lat 91 --lng 2 --ledger l", "--lat"),
        Case("doublezero device list --ledger l --json --json-compact", "--json"),
        Case("doublezero global-config set --ledger l", "at least one setting"),
        Case("doublezero frobnicate", "frobnicate"),
    ]

    @Test("exits 64 and names the bad argument", arguments: cases)
    func badArgument(_ testCase: Case) async throws {
        let run = try await AppRun.run(testCase.invocation.app, testCase.invocation.arguments)
        #expect(run.exitCode == 64, "stderr: \(run.standardError)")
        #expect(run.standardError.contains("Error:"), "stderr: \(run.standardError)")
        #expect(run.standardError.contains(testCase.mention), "stderr: \(run.standardError)")
        #expect(!run.standardError.contains("not built yet"), "a usage error must be reported before anything runs")
    }
}
