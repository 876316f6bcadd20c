import BenchmarkSupport
import Foundation

/// The devnet running in the background for the benchmark: `Tools/Devnet/devnet.sh` with this
/// executable's directory as `--bin` (the release build), namespace prefix `dzb` and a scratch
/// directory; stopped with SIGTERM (its exit trap removes everything).
struct DevnetRun: Sendable {
    static let prefix = "dzb"
    static let port = 7870
    /// The script, found from this file's path (the benchmark runs from the repository).
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Devnet/devnet.sh").standardized.path

    let directory: URL
    let processID: Int32

    var ledger: String { "http://100.64.0.1:\(Self.port)" }

    func namespace(_ host: String) -> String { "\(Self.prefix)-\(host)" }
    func socket(_ host: String) -> String {
        directory.appendingPathComponent("net/hosts/\(host)/doublezerod.sock").path
    }
    func key(_ host: String) -> String { directory.appendingPathComponent("net/keys/\(host).json").path }
    func agentStatus(_ device: String) -> URL {
        directory.appendingPathComponent("net/devices/\(device)/status.json")
    }
    var doublezero: String { Self.binDirectory.appendingPathComponent("doublezero").path }

    /// This executable's directory (where `make bench-connect` built every app in release).
    static var binDirectory: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// Starts the devnet and waits (up to 5 minutes) until it says it is running.
    static func start() async throws -> DevnetRun {
        guard
            FileManager.default.isExecutableFile(
                atPath: binDirectory.appendingPathComponent("doublezero-device-agent").path)
        else { throw BenchmarkError("the apps are not built next to connect-bench in \(binDirectory.path)") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "connect-bench-\(getpid())", isDirectory: true)
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
        print("connect-bench: starting the devnet (\(script)); its output: \(output.path)")
        try process.run()
        let run = DevnetRun(directory: directory, processID: process.processIdentifier)
        let deadline = ContinuousClock.now + .seconds(300)
        while ContinuousClock.now < deadline {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if text.contains("devnet: running") {
                print("connect-bench: the devnet is up")
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
    func stop() {
        kill(processID, SIGTERM)
        for _ in 0..<900 where kill(processID, 0) == 0 {
            var status: Int32 = 0
            if waitpid(processID, &status, WNOHANG) == processID { break }
            usleep(100_000)
        }
    }
}
