import Glibc
import LinuxHost

/// Why a userspace tunnel could not be set up.
public enum TunnelDatapathError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A system call failed for `tunnel`.
    case system(call: String, errno: Int32, tunnel: String)
    /// Opening or entering the tunnel's namespace failed.
    case namespace(NamespaceError, tunnel: String)

    /// A sentence naming the tunnel and the failed call.
    public var description: String {
        switch self {
        case .system(let call, let errno, let tunnel):
            let reason = errno == 0 ? "" : ": \(String(cString: strerror(errno))) (errno \(errno))"
            return "tunnel \(tunnel): \(call) failed\(reason)"
        case .namespace(let error, let tunnel):
            return "tunnel \(tunnel): \(error)"
        }
    }
}
