import BenchmarkSupport
import Foundation
import LinuxHostTesting

/// The benchmark's namespaces: LinuxHost's scratch namespaces named `tbench-PID-TAG`, deleted by
/// ``ScratchNamespace/delete()``, with `ip` and commands run inside them.
extension ScratchNamespace {
    /// Creates the namespace `tbench-PID-TAG`.
    static func bench(_ tag: String) throws -> ScratchNamespace {
        try ScratchNamespace(name: "tbench-\(getpid())-\(tag)")
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
}
