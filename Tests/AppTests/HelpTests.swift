import AppTestSupport
import Testing

/// `--help` on every app: it succeeds and lists the subcommands the app will have.
@Suite("Help")
struct HelpTests {
    /// An app and the subcommands its top-level help must list.
    struct Case: Sendable, CustomTestStringConvertible {
        let app: String
        let subcommands: [String]
        var testDescription: String { app }
    }

    static let apps: [Case] = [
        Case(
            app: "doublezero",
            subcommands: [
                "keygen", "address", "config", "init", "global-config", "location", "exchange", "contributor", "device",
                "link", "user", "multicast-group", "access-pass", "connect", "disconnect", "multicast", "status",
                "latency",
            ]),
        Case(app: "doublezerod", subcommands: ["run"]),
        Case(app: "doublezero-ledger", subcommands: ["serve", "verify", "init"]),
        Case(app: "doublezero-activator", subcommands: ["run"]),
        Case(app: "doublezero-controller", subcommands: ["render", "serve"]),
        Case(app: "doublezero-monitor", subcommands: ["run"]),
        Case(app: "doublezero-device-agent", subcommands: ["run"]),
    ]

    @Test("--help exits 0, lists the subcommands and documents exit code 69", arguments: apps)
    func topLevelHelp(_ app: Case) async throws {
        let run = try await AppRun.run(app.app, ["--help"])
        #expect(run.exitCode == 0, "stderr: \(run.standardError)")
        #expect(run.standardOutput.contains("USAGE: \(app.app)"))
        #expect(run.standardOutput.contains("69"), "the help should document the not-built-yet exit code")
        for subcommand in app.subcommands {
            #expect(
                run.standardOutput.contains("\n  \(subcommand) "),
                "\(app.app) --help does not list '\(subcommand)':\n\(run.standardOutput)")
        }
    }

    @Test(
        "every administered kind lists its verbs",
        arguments: [
            ("location", ["create", "update", "delete", "list", "get", "suspend", "resume"]),
            ("exchange", ["create", "update", "delete", "list", "get", "suspend", "resume"]),
            ("contributor", ["create", "update", "delete", "list", "get", "suspend", "resume"]),
            ("device", ["create", "update", "delete", "list", "get", "interface"]),
            ("link", ["create", "update", "delete", "list", "get", "accept", "decline"]),
            ("user", ["create", "delete", "list", "get", "subscribe", "request-ban"]),
            ("multicast-group", ["create", "update", "delete", "list", "get", "suspend", "reactivate", "allowlist"]),
            ("access-pass", ["create", "update", "delete", "list", "get"]),
        ])
    func entityVerbs(_ kind: String, verbs: [String]) async throws {
        let run = try await AppRun.run("doublezero", [kind, "--help"])
        #expect(run.exitCode == 0, "stderr: \(run.standardError)")
        for verb in verbs {
            #expect(
                run.standardOutput.contains("\n  \(verb)"),
                "doublezero \(kind) --help does not list '\(verb)':\n\(run.standardOutput)")
        }
    }

    @Test(
        "a leaf's help shows its flags",
        arguments: [
            (
                AppInvocation("doublezero-ledger serve --help"),
                ["--db", "--listen", "--follower-backlog-entries", "--follower-backlog-bytes"]
            ),
            (AppInvocation("doublezero-activator run --help"), ["--ledger", "--keypair"]),
            (AppInvocation("doublezero-controller render --help"), ["--ledger", "--device"]),
            (AppInvocation("doublezero-monitor run --help"), ["--ledger", "--listen"]),
            (
                AppInvocation("doublezerod run --help"),
                ["--sock-file", "--client-ip", "--metrics-enable", "--metrics-addr"]
            ),
            (
                AppInvocation("doublezero exchange update --help"),
                ["--pubkey", "--bgp-community", "--ledger", "--keypair"]
            ),
            (AppInvocation("doublezero device list --help"), ["--contributor", "--json", "--json-compact"]),
            (AppInvocation("doublezero keygen --help"), ["--outfile"]),
            (AppInvocation("doublezero config set --help"), ["--ledger", "--keypair", "--sock-file", "--json"]),
            (AppInvocation("doublezero config get --help"), ["--ledger", "--keypair", "--sock-file", "--json"]),
        ])
    func leafHelp(_ invocation: AppInvocation, flags: [String]) async throws {
        let run = try await AppRun.run(invocation.app, invocation.arguments)
        #expect(run.exitCode == 0, "stderr: \(run.standardError)")
        for flag in flags {
            #expect(run.standardOutput.contains(flag), "\(invocation.testDescription) does not show \(flag)")
        }
    }
}
