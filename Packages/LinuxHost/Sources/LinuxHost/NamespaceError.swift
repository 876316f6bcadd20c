import Glibc

/// Why a network namespace could not be opened or entered.
public enum NamespaceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The namespace file could not be opened (ENOENT: no such namespace).
    case cannotOpen(path: String, errno: Int32)
    /// `setns(2)` refused the namespace (EPERM: CAP_SYS_ADMIN is missing; EINVAL: not a
    /// network namespace).
    case cannotEnter(path: String, errno: Int32)

    /// The namespace file.
    public var path: String {
        switch self {
        case .cannotOpen(let path, _), .cannotEnter(let path, _): path
        }
    }

    /// The system error number.
    public var errno: Int32 {
        switch self {
        case .cannotOpen(_, let errno), .cannotEnter(_, let errno): errno
        }
    }

    /// A sentence naming the namespace and the system error.
    public var description: String {
        let reason = "\(String(cString: strerror(errno))) (errno \(errno))"
        switch self {
        case .cannotOpen(let path, _):
            return "cannot open network namespace \(path): \(reason)"
        case .cannotEnter(let path, _):
            return "cannot enter network namespace \(path): \(reason)"
        }
    }
}
