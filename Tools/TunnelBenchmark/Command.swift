import Foundation

/// Runs commands for the benchmark: `ip` (the baseline being measured), namespaces, iperf3.
enum Command {
    /// A command that exited with a non-zero status.
    struct Failure: Error, CustomStringConvertible {
        let command: String
        let status: Int32
        let output: String
        var description: String { "`\(command)` exited with \(status): \(output)" }
    }

    /// Runs `arguments` to completion; output goes to a temporary file (never a pipe, which a
    /// background child could hold open).
    @discardableResult
    static func run(_ arguments: [String], allowFailure: Bool = false) throws -> String {
        let path = NSTemporaryDirectory() + "tunnel-bench-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        FileManager.default.createFile(atPath: path, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        let output = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        if process.terminationStatus != 0 && !allowFailure {
            throw Failure(command: arguments.joined(separator: " "), status: process.terminationStatus, output: output)
        }
        return output
    }

    /// Starts `arguments` in the background; the caller kills it.
    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Fails loudly unless running as root with `tools` on PATH.
    static func requireRootAndTools(_ tools: [String]) throws {
        guard getuid() == 0 else { throw Failure(command: "tunnel-bench", status: 1, output: "must run as root") }
        for tool in tools where (try? run(["sh", "-c", "command -v \(tool)"]))?.isEmpty ?? true {
            throw Failure(
                command: "tunnel-bench", status: 1,
                output: "'\(tool)' is required on PATH (Debian: apt-get install \(tool == "ip" ? "iproute2" : tool))")
        }
    }
}
