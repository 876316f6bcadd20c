import AppTestSupport
import Foundation
import Testing

/// `keygen` and `address`: Solana-format key files, never overwritten by accident, checked when read.
@Suite("Key files")
struct KeyFileTests {
    @Test("keygen writes a 0600 key file and address prints the same public key")
    func keygenThenAddress() async throws {
        let workspace = try CLIWorkspace()
        let key = try await workspace.keygen("id.json")
        let attributes = try FileManager.default.attributesOfItem(atPath: key.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let bytes = try JSONDecoder().decode([UInt8].self, from: Data(contentsOf: URL(fileURLWithPath: key.path)))
        #expect(bytes.count == 64)

        let address = try await workspace.run(["address", "--keypair", key.path])
        #expect(address.exitCode == 0, "stderr: \(address.standardError)")
        #expect(address.standardOutput == key.publicKey + "\n")
    }

    @Test("keygen refuses to overwrite a key file unless --force is given")
    func keygenRefusesOverwrite() async throws {
        let workspace = try CLIWorkspace()
        let first = try await workspace.keygen("id.json")

        let again = try await workspace.run(["keygen", "--outfile", first.path])
        #expect(again.exitCode == 1)
        #expect(again.standardError.contains("already exists"), "stderr: \(again.standardError)")
        #expect(again.standardError.contains("--force"), "stderr: \(again.standardError)")
        let unchanged = try await workspace.run(["address", "--keypair", first.path])
        #expect(unchanged.standardOutput == first.publicKey + "\n")

        let forced = try await workspace.run(["keygen", "--outfile", first.path, "--force"])
        #expect(forced.exitCode == 0, "stderr: \(forced.standardError)")
        let replaced = try await workspace.run(["address", "--keypair", first.path])
        #expect(replaced.standardOutput != first.publicKey + "\n")
    }

    @Test("address refuses a key file whose public key does not match its secret")
    func corruptKeyFile() async throws {
        let workspace = try CLIWorkspace()
        let key = try await workspace.keygen("id.json")
        var bytes = try JSONDecoder().decode([UInt8].self, from: Data(contentsOf: URL(fileURLWithPath: key.path)))
        bytes[63] ^= 0xFF
        try JSONEncoder().encode(bytes).write(to: URL(fileURLWithPath: key.path))

        let run = try await workspace.run(["address", "--keypair", key.path])
        #expect(run.exitCode == 1)
        #expect(run.standardError.hasPrefix("Error: "), "stderr: \(run.standardError)")
        #expect(run.standardError.contains("does not match"), "stderr: \(run.standardError)")
    }

    @Test("a missing key file is an error that says how to make one")
    func missingKeyFile() async throws {
        let workspace = try CLIWorkspace()
        let run = try await workspace.run(["address", "--keypair", workspace.path("nowhere.json")])
        #expect(run.exitCode == 1)
        #expect(run.standardError.contains("doublezero keygen"), "stderr: \(run.standardError)")
    }
}
