/// Why an ``FRRDevice`` (or a ``ClientDeviceNetwork``) could not be set up or queried; a live
/// test reports it and fails.
public enum FRRDeviceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Network namespaces, tunnels and FRR need root.
    case notRoot
    /// A program the fixture runs is not installed.
    case toolMissing(path: String, package: String)
    /// `command` could not be started, or did not finish in time: `reason` says why.
    case cannotRun(command: String, reason: String)
    /// `command` exited with `status`, printing `output`.
    case commandFailed(command: String, status: Int32, output: String)
    /// A file in the device's directory could not be written.
    case cannotWrite(path: String, reason: String)
    /// A daemon exited while starting; `log` is what it wrote.
    case daemonExited(daemon: String, log: String)
    /// FRR did not become ready within the time limit; `detail` says what was missing.
    case notReady(detail: String)
    /// A user tunnel's device side could not be provisioned.
    case tunnelFailed(tunnel: String, reason: String)
    /// `command`'s output could not be read as expected.
    case unexpectedOutput(command: String, output: String)

    /// A sentence naming what failed and, for a missing tool, what to install.
    public var description: String {
        switch self {
        case .notRoot:
            "the FRR device fixture needs root (network namespaces, tunnels, FRR); run as root"
        case .toolMissing(let path, let package):
            "\(path) is missing: install the Debian package \(package) (make setup)"
        case .cannotRun(let command, let reason):
            "cannot run `\(command)`: \(reason)"
        case .commandFailed(let command, let status, let output):
            "`\(command)` exited with \(status): \(output)"
        case .cannotWrite(let path, let reason):
            "cannot write \(path): \(reason)"
        case .daemonExited(let daemon, let log):
            "FRR's \(daemon) exited while starting; it wrote:\n\(log)"
        case .notReady(let detail):
            "FRR did not become ready: \(detail)"
        case .tunnelFailed(let tunnel, let reason):
            "the device side of user tunnel \(tunnel) failed: \(reason)"
        case .unexpectedOutput(let command, let output):
            "unexpected output from `\(command)`: \(output)"
        }
    }
}
