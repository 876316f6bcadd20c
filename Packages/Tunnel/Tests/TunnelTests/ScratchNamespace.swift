import Foundation
import LinuxHostTesting
import Synchronization
import Testing
import Tunnel

/// Why a live test cannot run: it fails loudly instead of skipping.
struct MissingPrerequisite: Error, CustomStringConvertible {
    let description: String
}

/// Runs a command to completion and returns its standard output.
///
/// Output goes through a temporary file, not a pipe: a long-running command started meanwhile
/// by a parallel test could inherit a pipe's write end and withhold its end of file.
///
/// - Throws: ``CommandFailure`` on a non-zero exit.
@discardableResult
func run(_ arguments: [String], allowFailure: Bool = false) throws -> String {
    let output = try CapturedOutput()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.standardOutput = output.handle
    process.standardError = output.errorHandle
    try process.run()
    process.waitUntilExit()
    let (text, errors) = output.read()
    if process.terminationStatus != 0 && !allowFailure {
        throw CommandFailure(
            command: arguments.joined(separator: " "), status: process.terminationStatus, output: text + errors)
    }
    return text
}

/// Temporary files receiving a command's standard output and error.
final class CapturedOutput {
    private static let counter = Atomic<Int>(0)
    private let path: String
    let handle: FileHandle
    let errorHandle: FileHandle

    init() throws {
        let number = Self.counter.add(1, ordering: .relaxed).newValue
        path = NSTemporaryDirectory() + "tunnel-tests-\(getpid())-\(number)"
        for suffix in [".out", ".err"] {
            guard FileManager.default.createFile(atPath: path + suffix, contents: nil) else {
                throw MissingPrerequisite(description: "cannot create \(path + suffix)")
            }
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path + ".out"))
        errorHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: path + ".err"))
    }

    /// The output and error written so far.
    func read() -> (output: String, errors: String) {
        let output = (try? String(contentsOfFile: path + ".out", encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOfFile: path + ".err", encoding: .utf8)) ?? ""
        return (output, errors)
    }

    deinit {
        try? handle.close()
        try? errorHandle.close()
        try? FileManager.default.removeItem(atPath: path + ".out")
        try? FileManager.default.removeItem(atPath: path + ".err")
    }
}

/// A command that exited with a non-zero status.
struct CommandFailure: Error, CustomStringConvertible {
    let command: String
    let status: Int32
    let output: String
    var description: String { "`\(command)` exited with \(status): \(output)" }
}

/// Checks that the test runs as root with the named tools on PATH; throws a loud error if not.
func requireRootAndTools(_ tools: [String] = ["ip"]) throws {
    guard getuid() == 0 else {
        throw MissingPrerequisite(description: "this live test needs root (network namespaces); run as root")
    }
    for tool in tools {
        let found = (try? run(["sh", "-c", "command -v \(tool)"], allowFailure: true)) ?? ""
        guard !found.isEmpty else {
            throw MissingPrerequisite(
                description: "this live test needs '\(tool)' on PATH (see Packages/Tunnel/README.md)")
        }
    }
}

/// Tunnel tests' use of LinuxHost's scratch namespaces: names `ttPID-N-TAG`, and `ip`/command
/// runs inside a namespace.
extension ScratchNamespace {
    private static let counter = Atomic<Int>(0)

    /// Runs `ip ARGS` inside the namespace.
    @discardableResult
    func ip(_ arguments: String...) throws -> String {
        try run(["ip", "-n", name] + arguments)
    }

    /// Runs any command inside the namespace.
    @discardableResult
    func exec(_ arguments: [String], allowFailure: Bool = false) throws -> String {
        try run(["ip", "netns", "exec", name] + arguments, allowFailure: allowFailure)
    }

    /// Creates one namespace per tag, runs `body`, and deletes them whatever happens.
    static func with<T>(_ tags: [String], _ body: ([ScratchNamespace]) async throws -> T) async throws -> T {
        try requireRootAndTools()
        let names = tags.map { "tt\(getpid() % 100000)-\(counter.add(1, ordering: .relaxed).newValue)-\($0)" }
        return try await with(names: names, body)
    }
}
