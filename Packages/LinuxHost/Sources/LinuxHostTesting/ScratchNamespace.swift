import Foundation
import LinuxHost

/// A network namespace made with `ip netns add` for one test or benchmark run and deleted after
/// it: the one place the workspace's live tests and benchmarks create and clean up namespaces.
///
/// ``with(names:_:)`` creates every namespace, runs the body and deletes them all whatever
/// happens, also when the body throws; ``delete()`` is for callers that keep one across a run
/// (benchmarks, with `defer`). Work inside goes through ``namespace`` (a ``NetworkNamespace``:
/// on a thread that entered it) or `ip -n NAME` / `ip netns exec NAME` run by the caller.
/// Needs root and iproute2; without them creation fails with a ``ScratchNamespaceError``, it
/// never skips.
public final class ScratchNamespace: Sendable {
    /// The namespace's name under `/run/netns`.
    public let name: String
    /// A handle on it.
    public let namespace: NetworkNamespace

    /// Creates the namespace `name` and opens a handle on it.
    ///
    /// - Throws: ``ScratchNamespaceError`` when not root, when `ip netns add` fails (the name is
    ///   taken, iproute2 is missing), or when the new namespace cannot be opened (it is deleted).
    public init(name: String) throws(ScratchNamespaceError) {
        guard getuid() == 0 else { throw .notRoot }
        try Self.ip(["netns", "add", name])
        do {
            namespace = try NetworkNamespace(named: name)
        } catch {
            Self.delete(name)
            throw .cannotOpen(error)
        }
        self.name = name
    }

    /// Deletes the namespace (`ip netns delete`); nothing happens when it is already gone. The
    /// handle stays valid until released.
    public func delete() {
        Self.delete(name)
    }

    /// Creates one namespace per name, runs `body` with them in the same order, and deletes
    /// every one created, whether `body` returns or throws.
    public static func with<T>(names: [String], _ body: ([ScratchNamespace]) async throws -> T) async throws -> T {
        var created: [ScratchNamespace] = []
        defer {
            for namespace in created { namespace.delete() }
        }
        for name in names { created.append(try ScratchNamespace(name: name)) }
        return try await body(created)
    }

    /// `ip netns delete NAME`, its failure ignored.
    private static func delete(_ name: String) {
        try? ip(["netns", "delete", name])
    }

    /// Runs `ip ARGUMENTS` to completion. Its output goes to a temporary file, not a pipe, which
    /// a long-running command started meanwhile by a parallel test could inherit and hold open.
    private static func ip(_ arguments: [String]) throws(ScratchNamespaceError) {
        let command = (["ip"] + arguments).joined(separator: " ")
        let outputPath = NSTemporaryDirectory() + "scratch-netns-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let status: Int32
        do {
            guard FileManager.default.createFile(atPath: outputPath, contents: nil) else {
                throw CocoaError(.fileWriteUnknown)
            }
            let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
            defer { try? output.close() }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["ip"] + arguments
            process.standardOutput = output
            process.standardError = output
            try process.run()
            process.waitUntilExit()
            status = process.terminationStatus
        } catch {
            throw .cannotRun(command: command, reason: "\(error)")
        }
        guard status == 0 else {
            let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            throw .commandFailed(
                command: command, status: status, output: output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
