import Foundation

/// Runs a system tool (`ip`, `vtysh`, `ping`) to completion for a test and returns what it
/// printed: the synchronous, pipe-based sibling of ``AppRun`` for short commands whose output is
/// small.
public enum CommandOutput {
    /// Runs `command` (looked up in `PATH`) with `arguments`; its standard output.
    ///
    /// - Throws: ``CommandFailed`` with the command line and everything it printed on a non-zero exit.
    @discardableResult
    public static func run(_ command: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailed(
                command: ([command] + arguments).joined(separator: " "),
                output: String(decoding: data + errors, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A command a test ran exited with a failure.
public struct CommandFailed: Error, CustomStringConvertible {
    /// The command line.
    public var command: String
    /// What it printed (standard output, then standard error).
    public var output: String
    /// The command and its output.
    public var description: String { "\(command) failed: \(output)" }
}
