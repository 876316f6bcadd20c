import AppTestSupport
import Foundation
import Models
import Testing

/// `init`, `global-config` and its authority, allowlist and epoch subcommands.
@Suite("Global config")
struct GlobalConfigTests {
    @Test("init makes the founding key the foundation; no other key can; a second init changes nothing")
    func initialise() async throws {
        let workspace = try CLIWorkspace()
        let key = try await workspace.keygen("founder.json")
        _ = try await workspace.keygen("id.json")
        try await workspace.createLedger(foundedBy: key.publicKey)

        // The first caller of a fresh ledger is not its founder: refused, nothing written.
        let takeover = try await workspace.ledger(["init"])
        #expect(takeover.exitCode == 1)
        #expect(takeover.standardError.contains("genesis foundation key \(key.publicKey)"), "\(takeover.standardError)")

        let created = try await workspace.json(MutationOutput.self, ["init"], keypair: key.path)
        #expect(created.sequence == 1)

        let again = try await workspace.ledger(["init"], keypair: key.path)
        #expect(again.exitCode == 0, "stderr: \(again.standardError)")
        #expect(again.standardError.contains("already initialised"))
        let stranger = try await workspace.ledger(["init"])
        #expect(stranger.exitCode == 1)
        #expect(stranger.standardError.contains("is not one of its foundation members"), "\(stranger.standardError)")

        let foundation = try await workspace.json([String].self, ["global-config", "allowlist", "list"])
        #expect(foundation == [key.publicKey])
        let state = try await workspace.json(GlobalState.self, ["global-config", "authority", "get"])
        #expect(state.activatorAuthority.base58 == key.publicKey)
    }

    @Test("init --activator hands the activator role to another key in the same transaction")
    func initWithActivator() async throws {
        let workspace = try await CLIWorkspace.withLedgerFile()
        let activator = try await workspace.keygen("activator.json")
        try await workspace.succeed(["init", "--activator", activator.publicKey])
        let state = try await workspace.json(GlobalState.self, ["global-config", "authority", "get"])
        #expect(state.activatorAuthority.base58 == activator.publicKey)
        #expect(state.sentinelAuthority != state.activatorAuthority)
    }

    @Test("global-config set needs every block the first time, then merges what is not given")
    func setMerges() async throws {
        let workspace = try await CLIWorkspace.withLedgerFile()
        try await workspace.succeed(["init"])

        let incomplete = try await workspace.ledger(["global-config", "set", "--local-asn", "65000"])
        #expect(incomplete.exitCode == 1)
        #expect(incomplete.standardError.contains("--device-tunnel-block"), "stderr: \(incomplete.standardError)")

        try await workspace.succeed([
            "global-config", "set", "--local-asn", "65000", "--remote-asn", "65342",
            "--device-tunnel-block", "172.16.0.0/16", "--user-tunnel-block", "169.254.0.0/16",
            "--multicastgroup-block", "233.84.178.0/24",
        ])
        try await workspace.succeed(["global-config", "set", "--remote-asn", "65343"])
        try await workspace.succeed(["global-config", "set", "--multicast-publisher-block", "147.51.128.0/23"])
        try await workspace.succeed(["global-config", "add-publisher-block", "--prefix", "147.51.130.0/23"])

        let config = try await workspace.json(GlobalConfig.self, ["global-config", "get"])
        #expect(config.localAsn == 65000)
        #expect(config.remoteAsn == 65343)
        #expect(config.deviceTunnelBlock.description == "172.16.0.0/16")
        #expect(
            config.multicastPublisherBlocks.map(\.description) == [
                "147.51.126.0/23", "147.51.128.0/23", "147.51.130.0/23",
            ])

        let table = try await workspace.succeed(["global-config", "get"])
        #expect(table.standardOutput.contains(" remote_asn                 | 65343\n"), "\(table.standardOutput)")
    }

    @Test("a ledger file that does not exist is an error that says how to create one")
    func missingLedgerFile() async throws {
        let workspace = try CLIWorkspace()
        _ = try await workspace.keygen("id.json")
        let run = try await workspace.ledger(["init"])
        #expect(run.exitCode == 1)
        #expect(run.standardError.contains("doublezero-ledger init"), "stderr: \(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: workspace.ledgerPath))
    }

    @Test("the tunnel blocks cannot change once set")
    func immutableBlocks() async throws {
        let workspace = try await CLIWorkspace.bootstrapped()
        let run = try await workspace.ledger(["global-config", "set", "--device-tunnel-block", "10.0.0.0/16"])
        #expect(run.exitCode == 1)
        #expect(run.standardError.hasPrefix("Error: ImmutableField (68): "), "stderr: \(run.standardError)")
    }

    @Test("foundation and QA allowlists, authorities and the epoch can be changed")
    func authorities() async throws {
        let workspace = try await CLIWorkspace.bootstrapped()
        let other = try await workspace.keygen("other.json")
        try await workspace.succeed(["global-config", "allowlist", "add", "--pubkey", other.publicKey])
        try await workspace.succeed(["global-config", "qa-allowlist", "add", "--pubkey", other.publicKey])
        try await workspace.succeed(["global-config", "authority", "set", "--sentinel", other.publicKey])
        try await workspace.succeed(["global-config", "epoch", "set", "--epoch", "7"])

        #expect(try await workspace.json([String].self, ["global-config", "allowlist", "list"]).count == 2)
        #expect(
            try await workspace.json([String].self, ["global-config", "qa-allowlist", "list"]) == [other.publicKey])
        let state = try await workspace.json(GlobalState.self, ["global-config", "authority", "get"])
        #expect(state.sentinelAuthority.base58 == other.publicKey)
        #expect(state.epoch == 7)
        let epoch = try await workspace.succeed(["global-config", "epoch", "get"])
        #expect(epoch.standardOutput == "7\n")

        try await workspace.succeed(["global-config", "qa-allowlist", "remove", "--pubkey", other.publicKey])
        #expect(try await workspace.json([String].self, ["global-config", "qa-allowlist", "list"]).isEmpty)
        let backwards = try await workspace.ledger(["global-config", "epoch", "set", "--epoch", "3"])
        #expect(backwards.exitCode == 1)
        #expect(backwards.standardError.contains("InvalidArgument (65)"), "stderr: \(backwards.standardError)")
    }
}
