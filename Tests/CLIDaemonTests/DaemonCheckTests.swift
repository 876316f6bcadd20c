import AppTestSupport
import Foundation
import Testing

/// Upstream's `check_daemon` and the transport errors, for every host verb.
@Suite("CLI daemon verbs: reaching doublezerod")
struct DaemonCheckTests {
    @Test(
        "a missing socket says to start the service",
        arguments: [["status"], ["latency"], ["routes"], ["enable"], ["disable"]])
    func socketMissing(verb: [String]) async throws {
        let fixture = try await DaemonVerbFixture()
        defer { Task { await fixture.tearDown() } }
        let run = try await fixture.run(verb + ["--sock-file", fixture.directory.path + "/none.sock"])
        #expect(run.exitCode == 1)
        #expect(run.standardError == "Error: Please start the doublezerod service.\n")
        let connect = try await fixture.run([
            "connect", "ibrl", "--sock-file", fixture.directory.path + "/none.sock", "--ledger", fixture.ledgerPath,
            "--keypair", fixture.keypairPath,
        ])
        #expect(connect.exitCode == 1)
        #expect(connect.standardError.hasSuffix("Error: Please start the doublezerod service.\n"))
    }

    @Test("a socket this user may not open says to check the permissions")
    func socketNotOpenable() async throws {
        let fixture = try await DaemonVerbFixture()
        defer { Task { await fixture.tearDown() } }
        let locked = fixture.socketPath
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: locked)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fixture.directory.path)
        let binary = try AppBinary.locate("doublezero")
        let run = try await AppRun.run(
            executable: URL(fileURLWithPath: "/usr/bin/setpriv"),
            [
                "--reuid=65534", "--regid=65534", "--clear-groups", "--", "/usr/bin/env", "HOME=/tmp",
                binary.url.path, "status", "--sock-file", locked,
            ], label: "doublezero as nobody", timeout: .seconds(30))
        #expect(run.exitCode == 1, "\(run.allOutput)")
        #expect(run.standardError == "Error: Please check the permissions of the doublezerod service.\n")
    }

    @Test("a socket nobody listens on is a transport error")
    func transportError() async throws {
        let fixture = try await DaemonVerbFixture()
        defer { Task { await fixture.tearDown() } }
        let stale = fixture.directory.appendingPathComponent("stale.sock").path
        FileManager.default.createFile(atPath: stale, contents: Data())
        let run = try await fixture.run(["status", "--sock-file", stale])
        #expect(run.exitCode == 1)
        #expect(run.standardError.hasPrefix("Error: Unable to connect to doublezero daemon: "), "\(run.standardError)")
    }

    @Test("connect refuses when the daemon has not discovered its client IP")
    func clientIPUnknown() async throws {
        let fixture = try await DaemonVerbFixture(clientIP: nil)
        defer { Task { await fixture.tearDown() } }
        let run = try await fixture.connection(["connect", "ibrl"])
        #expect(run.exitCode == 1)
        #expect(run.standardError.contains("Error: Daemon has not discovered its client IP."), "\(run.standardError)")
        #expect(try await fixture.hostUsers().isEmpty)
    }

    @Test("connect and disconnect without a key file say where it was looked for and how to make one")
    func noKeypair() async throws {
        let fixture = try await DaemonVerbFixture()
        defer { Task { await fixture.tearDown() } }
        let missing = fixture.directory.path + "/missing.json"
        for verb in [["connect", "ibrl"], ["disconnect"]] {
            let run = try await fixture.run(
                verb + ["--sock-file", fixture.socketPath, "--ledger", fixture.ledgerPath, "--keypair", missing])
            #expect(run.exitCode == 1)
            #expect(run.standardError.hasPrefix("Error: DoubleZero keypair not found at \(missing)\n"))
            #expect(run.standardError.contains("To create a new keypair: doublezero keygen"))
        }
        let byDefault = try await fixture.run([
            "connect", "ibrl", "--sock-file", fixture.socketPath, "--ledger", fixture.ledgerPath,
        ])
        #expect(
            byDefault.standardError.hasPrefix(
                "Error: DoubleZero keypair not found at default location (~/.config/doublezero/id.json)\n"))
    }
}
