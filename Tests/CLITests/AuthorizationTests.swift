import AppTestSupport
import Testing

/// Authorization is enforced by the ledger; the CLI shows its refusal as one line and exits 1.
@Suite("Authorization")
struct AuthorizationTests {
    @Test("a key that is not a foundation member is refused with NotAllowed")
    func nonFoundationKey() async throws {
        let workspace = try await CLIWorkspace.bootstrapped()
        let stranger = try await workspace.keygen("stranger.json")
        let run = try await workspace.ledger(
            ["location", "create", "--code", "lax", "--name", "LA", "--country", "US", "--lat", "34", "--lng", "-118"],
            keypair: stranger.path)
        #expect(run.exitCode == 1)
        #expect(run.standardError.hasPrefix("Error: NotAllowed (8): "), "stderr: \(run.standardError)")
        #expect(run.standardError.split(separator: "\n").count == 1, "one line: \(run.standardError)")
        #expect(run.standardOutput.isEmpty)

        let config = try await workspace.ledger(["global-config", "set", "--remote-asn", "1"], keypair: stranger.path)
        #expect(config.exitCode == 1)
        #expect(config.standardError.hasPrefix("Error: NotAllowed (8): "), "stderr: \(config.standardError)")
    }

    @Test("signing needs a key file")
    func missingKeyFile() async throws {
        let workspace = try await CLIWorkspace.bootstrapped()
        let run = try await workspace.ledger(
            ["contributor", "create", "--code", "co01", "--owner", "me"], keypair: workspace.path("none.json"))
        #expect(run.exitCode == 1)
        #expect(run.standardError.contains("no keypair file"), "stderr: \(run.standardError)")
    }
}
