import BenchmarkSupport
import Foundation
import LinuxHost
import Tunnel

/// A namespace created for the benchmark and deleted by ``delete()``.
final class BenchNamespace {
    let name: String
    let namespace: NetworkNamespace

    init(_ tag: String) throws {
        name = "tbench-\(getpid())-\(tag)"
        try ShellCommand.run(["ip", "netns", "add", name])
        namespace = try NetworkNamespace(named: name)
    }

    /// `ip -n NAME ARGS`.
    @discardableResult
    func ip(_ arguments: String...) throws -> String {
        try ShellCommand.run(["ip", "-n", name] + arguments)
    }

    /// `ip netns exec NAME ARGS`.
    @discardableResult
    func exec(_ arguments: [String]) throws -> String {
        try ShellCommand.run(["ip", "netns", "exec", name] + arguments)
    }

    func delete() {
        _ = try? ShellCommand.run(["ip", "netns", "delete", name])
    }
}
