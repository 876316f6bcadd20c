import AppTestSupport
import Foundation
import Testing

/// `doublezero config get|set` run as a person would: a ledger set once serves every later command,
/// the environment overrides the file, a flag overrides the environment, and bad values are refused
/// before anything is written.
@Suite("CLI config commands")
struct ConfigCommandTests {
    /// What `config get --json` prints.
    struct Report: Decodable {
        /// One setting.
        struct Setting: Decodable {
            let value: String?
            let source: String?
            let origin: String?
        }
        /// The config file.
        struct File: Decodable {
            let path: String
            let exists: Bool
            let source: String
        }
        let configFile: File
        let ledger: Setting
        let keypairPath: Setting
        let sockFile: Setting

        private enum CodingKeys: String, CodingKey {
            case configFile = "config_file"
            case ledger
            case keypairPath = "keypair_path"
            case sockFile = "sock_file"
        }
    }

    /// A ledger URL nothing listens on: a command that uses it fails.
    static let deadLedger = "http://127.0.0.1:9"

    /// Runs `config get --json` in `workspace` (with `arguments` and `environment`) and decodes it.
    func report(_ workspace: CLIWorkspace, _ arguments: [String] = [], environment: [String: String] = [:])
        async throws -> Report
    {
        let run = try await workspace.run(["config", "get", "--json"] + arguments, environment: environment)
        try #require(run.exitCode == 0, "config get failed: \(run.standardError)")
        return try JSONDecoder().decode(Report.self, from: Data(run.standardOutput.utf8))
    }

    @Test("after `config set --ledger --keypair`, ledger verbs need neither flag")
    func setThenUse() async throws {
        let workspace = try await CLIWorkspace.bootstrapped()
        let set = try await workspace.run([
            "config", "set", "--ledger", workspace.ledgerPath, "--keypair", workspace.keypairPath,
        ])
        #expect(set.exitCode == 0, "stderr: \(set.standardError)")
        #expect(set.standardOutput.contains(" ledger "), "stdout: \(set.standardOutput)")
        let attributes = try FileManager.default.attributesOfItem(atPath: workspace.configPath)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        let create = try await workspace.run([
            "location", "create", "--code", "lax", "--name", "Los Angeles", "--country", "US", "--lat", "34.05",
            "--lng", "-118.24",
        ])
        #expect(create.exitCode == 0, "stderr: \(create.standardError)")
        let list = try await workspace.run(["location", "list"])
        #expect(list.exitCode == 0, "stderr: \(list.standardError)")
        #expect(list.standardOutput.contains("lax"), "stdout: \(list.standardOutput)")
    }

    @Test("without a ledger anywhere, a ledger verb is a usage error that says how to set one")
    func noLedger() async throws {
        let workspace = try CLIWorkspace()
        let run = try await workspace.run(["location", "list"])
        #expect(run.exitCode == 64, "stderr: \(run.standardError)")
        #expect(run.standardError.contains("doublezero config set --ledger URL"), "stderr: \(run.standardError)")
    }

    @Test("DOUBLEZERO_LEDGER overrides the config file")
    func environmentOverridesFile() async throws {
        let workspace = try await CLIWorkspace.bootstrapped()
        let set = try await workspace.run([
            "config", "set", "--ledger", Self.deadLedger, "--keypair", workspace.keypairPath,
        ])
        try #require(set.exitCode == 0, "stderr: \(set.standardError)")
        let fromFile = try await workspace.run(["location", "list"])
        #expect(fromFile.exitCode == 1, "the file's dead ledger should be used: \(fromFile.allOutput)")

        let environment = ["DOUBLEZERO_LEDGER": workspace.ledgerPath]
        let fromEnvironment = try await workspace.run(["location", "list"], environment: environment)
        #expect(fromEnvironment.exitCode == 0, "stderr: \(fromEnvironment.standardError)")
        let report = try await report(workspace, environment: environment)
        #expect(report.ledger.value == workspace.ledgerPath)
        #expect(report.ledger.source == "env")
        #expect(report.ledger.origin == "DOUBLEZERO_LEDGER")
    }

    @Test("--ledger overrides DOUBLEZERO_LEDGER")
    func flagOverridesEnvironment() async throws {
        let workspace = try await CLIWorkspace.bootstrapped()
        let environment = ["DOUBLEZERO_LEDGER": Self.deadLedger, "DOUBLEZERO_KEYPAIR": workspace.keypairPath]
        let fromEnvironment = try await workspace.run(["location", "list"], environment: environment)
        #expect(
            fromEnvironment.exitCode == 1, "the variable's dead ledger should be used: \(fromEnvironment.allOutput)")

        let fromFlag = try await workspace.run(
            ["location", "list", "--ledger", workspace.ledgerPath], environment: environment)
        #expect(fromFlag.exitCode == 0, "stderr: \(fromFlag.standardError)")
        let report = try await report(workspace, ["--ledger", workspace.ledgerPath], environment: environment)
        #expect(report.ledger.source == "flag")
        #expect(report.ledger.origin == "--ledger")
        #expect(report.keypairPath.source == "env")
    }

    @Test("config get --json names the source of every setting")
    func getShowsSources() async throws {
        let workspace = try CLIWorkspace()
        let empty = try await report(workspace)
        #expect(empty.configFile.path == workspace.configPath)
        #expect(!empty.configFile.exists)
        #expect(empty.configFile.source == "default")
        #expect(empty.ledger.value == nil && empty.ledger.source == nil)
        #expect(empty.keypairPath.value == workspace.home + "/.config/doublezero/id.json")
        #expect(empty.keypairPath.source == "default")
        #expect(empty.sockFile.value == "/run/doublezerod/doublezerod.sock")
        #expect(empty.sockFile.source == "default")

        let set = try await workspace.run(["config", "set", "--ledger", Self.deadLedger, "--socket", "~/dz.sock"])
        try #require(set.exitCode == 0, "stderr: \(set.standardError)")
        let mixed = try await report(
            workspace, ["--keypair", "/flag/id.json"], environment: ["DOUBLEZERO_SOCKET": "/env/dz.sock"])
        #expect(mixed.configFile.exists)
        #expect(mixed.ledger.value == Self.deadLedger)
        #expect(mixed.ledger.source == "file")
        #expect(mixed.ledger.origin == workspace.configPath + ":1")
        #expect(mixed.keypairPath.value == "/flag/id.json")
        #expect(mixed.keypairPath.source == "flag")
        #expect(mixed.sockFile.value == "/env/dz.sock")
        #expect(mixed.sockFile.source == "env")
        #expect(
            try String(contentsOfFile: workspace.configPath, encoding: .utf8).contains(
                "sock_file: \(workspace.home)/dz.sock"))

        let other = workspace.path("other.yml")
        let elsewhere = try await report(workspace, environment: ["DOUBLEZERO_CONFIG": other])
        #expect(elsewhere.configFile.path == other)
        #expect(elsewhere.configFile.source == "env")
        #expect(elsewhere.ledger.value == nil)

        let table = try await workspace.run(["config", "get"])
        #expect(table.exitCode == 0, "stderr: \(table.standardError)")
        #expect(table.standardOutput.hasPrefix(" setting "), "stdout: \(table.standardOutput)")
        #expect(table.standardOutput.contains("file line 1"), "stdout: \(table.standardOutput)")
    }

    /// A `config set` the CLI must refuse, and words its error must contain.
    struct Refusal: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let words: String
        init(_ arguments: [String], _ words: String) {
            self.arguments = arguments
            self.words = words
        }
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let refusals: [Refusal] = [
        Refusal([], "nothing to set"),
        Refusal(["--ledger", "ftp://ledger.example"], "--ledger 'ftp://ledger.example'"),
        Refusal(["--ledger", "http://"], "not a valid URL"),
        Refusal(["--ledger", "/nonexistent/ledger.sqlite"], "there is no ledger file"),
        Refusal(["--ledger", "/tmp"], "is a directory"),
        Refusal(["--ledger", "http://127.0.0.1:1", "--keypair", "/tmp"], "--keypair '/tmp'"),
        Refusal(["--sock-file", "/run/" + String(repeating: "s", count: 120)], "at most 107"),
    ]

    @Test("bad values are refused with exit 64 and nothing is written", arguments: refusals)
    func refused(_ refusal: Refusal) async throws {
        let workspace = try CLIWorkspace()
        let fresh = try await workspace.run(["config", "set"] + refusal.arguments)
        #expect(fresh.exitCode == 64, "stderr: \(fresh.standardError)")
        #expect(fresh.standardError.contains(refusal.words), "stderr: \(fresh.standardError)")
        #expect(!FileManager.default.fileExists(atPath: workspace.configPath), "no config file may be created")

        let existing = "# mine\nledger: http://127.0.0.1:7850\nother: kept\n"
        try FileManager.default.createDirectory(
            atPath: (workspace.configPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try existing.write(toFile: workspace.configPath, atomically: false, encoding: .utf8)
        let again = try await workspace.run(["config", "set"] + refusal.arguments)
        #expect(again.exitCode == 64, "stderr: \(again.standardError)")
        #expect(try String(contentsOfFile: workspace.configPath, encoding: .utf8) == existing)
    }

    @Test("a malformed config file fails commands with its path and line, and config set does not overwrite it")
    func malformedFile() async throws {
        let workspace = try CLIWorkspace()
        let broken = "ledger: http://127.0.0.1:7850\nkeypair_path /oops\n"
        try FileManager.default.createDirectory(
            atPath: (workspace.configPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try broken.write(toFile: workspace.configPath, atomically: false, encoding: .utf8)

        for arguments in [["location", "list"], ["config", "get"], ["config", "set", "--ledger", Self.deadLedger]] {
            let run = try await workspace.run(arguments)
            #expect(run.exitCode == 1, "\(arguments): \(run.allOutput)")
            #expect(
                run.standardError.contains("config file \(workspace.configPath), line 2: "),
                "\(arguments): \(run.standardError)")
        }
        #expect(try String(contentsOfFile: workspace.configPath, encoding: .utf8) == broken)
    }

    @Test("config set keeps keys it does not know; keygen writes the configured key file")
    func keepsUnknownKeysAndKeygenFollows() async throws {
        let workspace = try CLIWorkspace()
        try FileManager.default.createDirectory(
            atPath: (workspace.configPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "json_rpc_url: https://rpc.example # upstream's\n".write(
            toFile: workspace.configPath, atomically: false, encoding: .utf8)
        let key = workspace.path("keys/mine.json")
        let set = try await workspace.run(["config", "set", "--keypair", key, "--json"])
        #expect(set.exitCode == 0, "stderr: \(set.standardError)")
        #expect(
            try String(contentsOfFile: workspace.configPath, encoding: .utf8)
                == "json_rpc_url: https://rpc.example # upstream's\nkeypair_path: \(key)\n")

        let keygen = try await workspace.run(["keygen"])
        #expect(keygen.exitCode == 0, "stderr: \(keygen.standardError)")
        #expect(FileManager.default.fileExists(atPath: key))
        let address = try await workspace.run(["address"])
        #expect("Pubkey: " + address.standardOutput == keygen.standardOutput)
    }
}
