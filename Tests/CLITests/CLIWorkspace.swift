import AppTestSupport
import Foundation
import Testing

/// A temporary directory holding one embedded ledger file and key files, and the `doublezero` runs
/// against them. The directory is removed when the workspace goes away.
///
/// Every run gets the workspace's own home directory (`HOME`) and none of the `DOUBLEZERO_*`
/// variables of the test process, so the CLI's config file (`~/.config/doublezero/config.yml`) is
/// the workspace's and a developer's own settings never leak into a test.
final class CLIWorkspace: Sendable {
    /// The directory.
    let directory: URL
    /// The ledger file every run uses (`--ledger`).
    let ledgerPath: String
    /// The key file runs sign with unless told otherwise (`--keypair`); `doublezero keygen` writes it.
    let keypairPath: String
    /// The home directory of every run (`HOME`), empty at first.
    let home: String

    /// The environment variables the CLI reads, removed from every run unless the run sets them.
    static let cliVariables = ["DOUBLEZERO_CONFIG", "DOUBLEZERO_LEDGER", "DOUBLEZERO_KEYPAIR", "DOUBLEZERO_SOCKET"]

    /// A workspace with no ledger file and no key yet.
    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("CLITests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        ledgerPath = directory.appendingPathComponent("ledger.sqlite").path
        keypairPath = directory.appendingPathComponent("id.json").path
        home = directory.appendingPathComponent("home").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    /// The config file `doublezero config set` writes for runs in this workspace.
    var configPath: String { home + "/.config/doublezero/config.yml" }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A path inside the workspace.
    func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    /// Runs `doublezero` with `arguments` as given (no `--ledger` or `--keypair` added), with `HOME`
    /// set to ``home`` and `environment` added (through `env`, which also clears ``cliVariables``).
    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> AppRun {
        let binary = try AppBinary.locate("doublezero")
        let unset = Self.cliVariables.flatMap { ["-u", $0] }
        let assignments = (["HOME": home].merging(environment) { $1 }).sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value)" }
        return try await AppRun.run(
            executable: URL(fileURLWithPath: "/usr/bin/env"), unset + assignments + [binary.url.path] + arguments,
            label: "doublezero", timeout: .seconds(30))
    }

    /// Runs a ledger verb: `doublezero <arguments> --ledger <ledger> --keypair <key>`, signing with
    /// `keypair` (a path) when given, else with the workspace's key.
    func ledger(_ arguments: [String], keypair: String? = nil) async throws -> AppRun {
        try await run(arguments + ["--ledger", ledgerPath, "--keypair", keypair ?? keypairPath])
    }

    /// Runs a ledger verb that must succeed, and returns its run; a failure stops the test with the
    /// command and its standard error.
    @discardableResult
    func succeed(_ arguments: [String], keypair: String? = nil) async throws -> AppRun {
        let run = try await ledger(arguments, keypair: keypair)
        try #require(run.exitCode == 0, "`doublezero \(arguments.joined(separator: " "))` failed: \(run.standardError)")
        return run
    }

    /// Runs a ledger verb with `--json` that must succeed, and decodes what it printed.
    func json<Value: Decodable>(_ type: Value.Type, _ arguments: [String], keypair: String? = nil) async throws -> Value
    {
        let run = try await succeed(arguments + ["--json"], keypair: keypair)
        return try JSONDecoder().decode(Value.self, from: Data(run.standardOutput.utf8))
    }

    /// Creates something with `arguments` (a `create` verb) and returns the new account's key.
    @discardableResult
    func create(_ arguments: [String], keypair: String? = nil) async throws -> String {
        try await json(MutationOutput.self, arguments, keypair: keypair).account
    }

    /// Writes a new key file at `name` in the workspace and returns its path and public key.
    func keygen(_ name: String) async throws -> (path: String, publicKey: String) {
        let path = path(name)
        let run = try await run(["keygen", "--outfile", path])
        try #require(run.exitCode == 0, "keygen failed: \(run.standardError)")
        let publicKey = run.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "Pubkey: ", with: "")
        return (path, publicKey)
    }

    /// Creates the empty ledger file founded by `foundation` with `doublezero-ledger init`.
    func createLedger(foundedBy foundation: String) async throws {
        let run = try await AppRun.run("doublezero-ledger", ["init", "--db", ledgerPath, "--foundation", foundation])
        try #require(run.exitCode == 0, "doublezero-ledger init failed: \(run.standardError)")
    }

    /// A workspace with a key file (`id.json`) and an empty ledger file it founded, not yet
    /// initialised.
    static func withLedgerFile() async throws -> CLIWorkspace {
        let workspace = try CLIWorkspace()
        let key = try await workspace.keygen("id.json")
        try await workspace.createLedger(foundedBy: key.publicKey)
        return workspace
    }

    /// A workspace whose ledger is initialised by its own key, with the global config set.
    static func bootstrapped() async throws -> CLIWorkspace {
        let workspace = try await withLedgerFile()
        try await workspace.succeed(["init"])
        try await workspace.succeed([
            "global-config", "set", "--local-asn", "65000", "--remote-asn", "65342",
            "--device-tunnel-block", "172.16.0.0/16", "--user-tunnel-block", "169.254.0.0/16",
            "--multicastgroup-block", "233.84.178.0/24",
        ])
        return workspace
    }

    /// A bootstrapped workspace with locations `lax` and `ewr`, exchanges `xlax` (community 10000) and
    /// `xewr` (10001), and contributor `co01` owned by the workspace key.
    static func withInfrastructure() async throws -> CLIWorkspace {
        let workspace = try await bootstrapped()
        try await workspace.create([
            "location", "create", "--code", "lax", "--name", "Los Angeles", "--country", "US", "--lat", "34.05",
            "--lng", "-118.24",
        ])
        try await workspace.create([
            "location", "create", "--code", "ewr", "--name", "Newark", "--country", "US", "--lat", "40.73",
            "--lng", "-74.17",
        ])
        try await workspace.create([
            "exchange", "create", "--code", "xlax", "--name", "Los Angeles", "--lat", "34.05", "--lng", "-118.24",
        ])
        try await workspace.create([
            "exchange", "create", "--code", "xewr", "--name", "New York", "--lat", "40.73", "--lng", "-74.17",
        ])
        try await workspace.create(["contributor", "create", "--code", "co01", "--owner", "me"])
        return workspace
    }

    /// A workspace with infrastructure and device `la2-dz01` (pending) at `lax` in `xlax`.
    static func withDevice() async throws -> CLIWorkspace {
        let workspace = try await withInfrastructure()
        try await workspace.create([
            "device", "create", "--code", "la2-dz01", "--contributor", "co01", "--location", "lax", "--exchange",
            "xlax", "--public-ip", "64.86.249.80", "--dz-prefixes", "64.86.249.88/29",
        ])
        return workspace
    }
}

/// What a verb that changed the ledger prints with `--json`.
struct MutationOutput: Decodable {
    /// The account acted on.
    let account: String
    /// The transaction id.
    let transactionId: String
    /// The log position.
    let sequence: UInt64

    private enum CodingKeys: String, CodingKey {
        case account
        case transactionId = "transaction_id"
        case sequence
    }
}
