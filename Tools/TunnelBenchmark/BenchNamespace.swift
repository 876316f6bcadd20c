import Foundation
import Tunnel

/// A namespace created for the benchmark and deleted by ``delete()``.
final class BenchNamespace {
    let name: String
    let namespace: NetworkNamespace

    init(_ tag: String) throws {
        name = "tbench-\(getpid())-\(tag)"
        try Command.run(["ip", "netns", "add", name])
        namespace = try NetworkNamespace(named: name)
    }

    /// `ip -n NAME ARGS`.
    @discardableResult
    func ip(_ arguments: String...) throws -> String {
        try Command.run(["ip", "-n", name] + arguments)
    }

    /// `ip netns exec NAME ARGS`.
    @discardableResult
    func exec(_ arguments: [String]) throws -> String {
        try Command.run(["ip", "netns", "exec", name] + arguments)
    }

    func delete() {
        _ = try? Command.run(["ip", "netns", "delete", name])
    }
}
