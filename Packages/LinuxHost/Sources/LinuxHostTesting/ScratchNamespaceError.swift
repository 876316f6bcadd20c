import LinuxHost

/// Why a ``ScratchNamespace`` could not be made: a live test or benchmark reports it and fails.
public enum ScratchNamespaceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Namespaces can only be created as root.
    case notRoot
    /// `command` could not be started at all (iproute2 missing?): `reason` says why.
    case cannotRun(command: String, reason: String)
    /// `command` exited with `status`, printing `output`.
    case commandFailed(command: String, status: Int32, output: String)
    /// The namespace was created but cannot be opened.
    case cannotOpen(NamespaceError)

    /// A sentence naming what is missing or what failed.
    public var description: String {
        switch self {
        case .notRoot:
            "creating a network namespace needs root; run this as root"
        case .cannotRun(let command, let reason):
            "cannot run `\(command)` (iproute2 installed?): \(reason)"
        case .commandFailed(let command, let status, let output):
            "`\(command)` exited with \(status): \(output)"
        case .cannotOpen(let error):
            "\(error)"
        }
    }
}
