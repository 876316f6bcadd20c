import Foundation

/// Runs the external commands the benchmarks need (`ip`, `iperf3`, `birdc`, `ping`), looked up
/// on `PATH` plus the sbin directories.
public enum ShellCommand {
    /// Where tools are looked up: `PATH`, then the sbin directories a root shell would have.
    static var searchPath: String {
        (ProcessInfo.processInfo.environment["PATH"].map { $0 + ":" } ?? "") + "/usr/sbin:/sbin:/usr/bin:/bin"
    }

    /// Runs `arguments` to completion and returns its standard output. Output goes to temporary
    /// files, never pipes, which a child left running in the background could hold open.
    ///
    /// - Throws: ``BenchmarkError`` naming the command, its exit status and its standard error,
    ///   unless `allowFailure`.
    @discardableResult
    public static func run(_ arguments: [String], allowFailure: Bool = false) throws -> String {
        let base = NSTemporaryDirectory() + "bench-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let paths = [base + ".out", base + ".err"]
        defer { for path in paths { try? FileManager.default.removeItem(atPath: path) } }
        let handles = try paths.map { path in
            FileManager.default.createFile(atPath: path, contents: nil)
            return try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        }
        defer { for handle in handles { try? handle.close() } }
        let process = makeProcess(arguments, standardOutput: handles[0], standardError: handles[1])
        try process.run()
        process.waitUntilExit()
        let output = (try? String(contentsOfFile: paths[0], encoding: .utf8)) ?? ""
        if process.terminationStatus != 0 && !allowFailure {
            let errors = (try? String(contentsOfFile: paths[1], encoding: .utf8)) ?? ""
            throw BenchmarkError(
                "`\(arguments.joined(separator: " "))` exited with \(process.terminationStatus): \(errors)\(output)")
        }
        return output
    }

    /// Starts `arguments` in the background with its output discarded; the caller stops it.
    public static func start(_ arguments: [String]) throws -> Process {
        let process = makeProcess(
            arguments, standardOutput: FileHandle.nullDevice, standardError: FileHandle.nullDevice)
        try process.run()
        return process
    }

    /// Starts `arguments` in the background with its standard output kept in a temporary file,
    /// which ``CapturedCommand/finish()`` returns once it exits.
    public static func startCapturing(_ arguments: [String]) throws -> CapturedCommand {
        let path = NSTemporaryDirectory() + "bench-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).out"
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let process = makeProcess(arguments, standardOutput: handle, standardError: FileHandle.nullDevice)
        try process.run()
        try? handle.close()
        return CapturedCommand(process: process, path: path)
    }

    /// Whether `tool` is an executable on the search path.
    public static func isInstalled(_ tool: String) -> Bool {
        searchPath.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
    }

    /// Throws unless this runs as root with every tool installed; `tools` maps each tool to
    /// the Debian package that has it.
    public static func requireRoot(_ program: String, tools: KeyValuePairs<String, String>) throws {
        guard getuid() == 0 else { throw BenchmarkError("\(program) must run as root (network namespaces)") }
        for (tool, package) in tools where !isInstalled(tool) {
            throw BenchmarkError("\(program) needs `\(tool)` on PATH (Debian: apt-get install \(package))")
        }
    }

    private static func makeProcess(_ arguments: [String], standardOutput: FileHandle, standardError: FileHandle)
        -> Process
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = searchPath
        process.environment = environment
        process.standardOutput = standardOutput
        process.standardError = standardError
        return process
    }
}

/// A command started by ``ShellCommand/startCapturing(_:)``.
public struct CapturedCommand {
    let process: Process
    let path: String

    /// Waits for the command to exit and returns its standard output.
    public func finish() -> String {
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(atPath: path) }
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}
