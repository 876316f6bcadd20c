import Foundation

/// An app started in the background (a server), for tests that talk to it while it runs and then
/// stop it with a signal.
///
/// Output goes to files in a scratch directory (removed by ``cleanUp()``), so a chatty app never
/// blocks on a full pipe; ``waitForOutputLine(startingWith:timeout:)`` polls standard output.
public final class BackgroundApp {
    /// The running process.
    public let process: Process
    /// The directory it runs in.
    public let directory: URL
    private let outURL: URL
    private let errURL: URL

    /// Starts `name` with `arguments` in `directory`; with `networkNamespace`, inside that named
    /// namespace (`ip netns exec NAME`, which execs the app: ``process`` is the app itself).
    public convenience init(
        _ name: String, _ arguments: [String], in directory: URL, networkNamespace: String? = nil
    ) throws {
        let binary = try AppBinary.locate(name)
        if let networkNamespace {
            try self.init(
                executable: URL(fileURLWithPath: "/usr/bin/env"),
                ["ip", "netns", "exec", networkNamespace, binary.url.path] + arguments, label: name, in: directory)
        } else {
            try self.init(executable: binary.url, arguments, label: name, in: directory)
        }
    }

    /// Starts the program at `executable` with `arguments` in `directory` the same way, for the
    /// system daemons the tests drive (FRR under `ip netns exec`); `label` names its output
    /// files (`LABEL.stdout`, `LABEL.stderr`).
    public init(executable: URL, _ arguments: [String], label name: String, in directory: URL) throws {
        self.directory = directory
        outURL = directory.appendingPathComponent("\(name).stdout")
        errURL = directory.appendingPathComponent("\(name).stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
    }

    /// Everything written to standard output so far.
    public var standardOutput: String { (try? String(contentsOf: outURL, encoding: .utf8)) ?? "" }

    /// Everything written to standard error so far.
    public var standardError: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }

    /// The first complete stdout line starting with `prefix`, waiting up to `timeout`; nil if the
    /// app exits or the time runs out first.
    public func waitForOutputLine(startingWith prefix: String, timeout: Duration = .seconds(30)) async -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let lines = standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            if let line = lines.first(where: { $0.hasPrefix(prefix) }) { return String(line) }
            guard process.isRunning else { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// Sends `signal` (default SIGTERM) and waits up to `timeout` for the exit code; nil if it
    /// did not exit in time (it is then killed).
    public func stop(signal: Int32 = SIGTERM, timeout: Duration = .seconds(30)) async -> Int32? {
        if process.isRunning { kill(process.processIdentifier, signal) }
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// A fresh scratch directory for one test, removed by `body`'s end.
public func withScratchDirectory<Result>(_ body: (URL) async throws -> Result) async throws -> Result {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("AppTests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}
