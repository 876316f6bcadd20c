import BenchmarkSupport
import Foundation

/// The devnet running in the background for a benchmark: `Tools/Devnet/devnet.sh` with the
/// benchmark executable's directory as `--bin` (the release build), a namespace prefix of its own
/// and a scratch directory; stopped with SIGTERM (its exit trap removes everything).
public struct DevnetRun: Sendable {
    /// The ledger's port in the core namespace.
    public static let port = 7870
    /// The script, found from this file's path (the benchmarks run from the repository).
    public static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Devnet/devnet.sh").standardized.path

    /// The scratch directory (the devnet's files under `net/`).
    public let directory: URL
    /// The script's process.
    public let processID: Int32
    /// The namespace prefix.
    public let prefix: String

    /// The ledger's URL.
    public var ledger: String { "http://100.64.0.1:\(Self.port)" }

    /// A host's namespace.
    public func namespace(_ host: String) -> String { "\(prefix)-\(host)" }
    /// A host's doublezerod socket.
    public func socket(_ host: String) -> String {
        directory.appendingPathComponent("net/hosts/\(host)/doublezerod.sock").path
    }
    /// A host's key file.
    public func key(_ host: String) -> String { directory.appendingPathComponent("net/keys/\(host).json").path }
    /// A device agent's status file.
    public func agentStatus(_ device: String) -> URL {
        directory.appendingPathComponent("net/devices/\(device)/status.json")
    }
    /// The `doublezero` binary.
    public var doublezero: String { Self.binDirectory.appendingPathComponent("doublezero").path }

    /// This executable's directory (where `make bench-connect` built every app in release).
    public static var binDirectory: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// Starts the devnet with namespace prefix `prefix` and waits (up to 5 minutes) until it says
    /// it is running.
    public static func start(prefix: String) async throws -> DevnetRun {
        guard
            FileManager.default.isExecutableFile(
                atPath: binDirectory.appendingPathComponent("doublezero-device-agent").path)
        else { throw BenchmarkError("the apps are not built next to the benchmark in \(binDirectory.path)") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "\(prefix)-bench-\(getpid())", isDirectory: true)
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let output = directory.appendingPathComponent("devnet.out")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "--default-signal", "bash", script, "--bin", binDirectory.path, "--prefix", prefix, "--dir",
            directory.appendingPathComponent("net").path, "--port", String(port),
        ]
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        print("devnet: starting (\(script)); its output: \(output.path)")
        try process.run()
        let run = DevnetRun(directory: directory, processID: process.processIdentifier, prefix: prefix)
        let deadline = ContinuousClock.now + .seconds(300)
        while ContinuousClock.now < deadline {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if text.contains("devnet: running") {
                print("devnet: up")
                return run
            }
            if !process.isRunning {
                throw BenchmarkError("the devnet exited before it was up:\n\(text.suffix(3000))")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        run.stop()
        throw BenchmarkError("the devnet was not up after 300 s (see \(output.path))")
    }

    /// SIGTERM to the script, and waits (up to 90 s) for its teardown.
    public func stop() {
        kill(processID, SIGTERM)
        for _ in 0..<900 where kill(processID, 0) == 0 {
            var status: Int32 = 0
            if waitpid(processID, &status, WNOHANG) == processID { break }
            usleep(100_000)
        }
    }
}
