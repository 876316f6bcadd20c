import Foundation

/// What one run of an app printed and how it ended.
public struct AppRun: Sendable {
    /// The process's exit code.
    public let exitCode: Int32
    /// Everything written to standard output.
    public let standardOutput: String
    /// Everything written to standard error.
    public let standardError: String

    /// Standard output and standard error together, for checks that do not care which was used.
    public var allOutput: String { standardOutput + standardError }

    /// Runs the app `name` with `arguments` in a fresh temporary directory and waits for it to exit.
    ///
    /// Output goes to files rather than pipes, so a chatty app cannot block on a full pipe. A run that
    /// takes longer than `timeout` is killed and reported as an error.
    public static func run(_ name: String, _ arguments: [String], timeout: Duration = .seconds(30)) async throws
        -> AppRun
    {
        let binary = try AppBinary.locate(name)
        return try await run(executable: binary.url, arguments, label: name, timeout: timeout)
    }

    /// Runs the program at `executable` with `arguments` the same way (`label` names it in a
    /// timeout error), for scripts and system tools the tests drive.
    public static func run(executable: URL, _ arguments: [String], label: String, timeout: Duration) async throws
        -> AppRun
    {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("AppTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = scratch
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()

        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                process.waitUntilExit()
                throw AppRunTimedOut(command: ([label] + arguments).joined(separator: " "), timeout: timeout)
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return AppRun(
            exitCode: process.terminationStatus,
            standardOutput: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// The error when an app did not exit in time.
public struct AppRunTimedOut: Error, CustomStringConvertible {
    /// The command line that hung.
    public let command: String
    /// How long it was given.
    public let timeout: Duration

    /// The command and its time limit.
    public var description: String { "`\(command)` did not exit within \(timeout); it was killed." }
}
