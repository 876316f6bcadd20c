import Glibc
import LinuxHost

/// Why a netlink operation failed, naming the operation and the object it was about.
///
/// The cases callers act on are typed: ``exists`` (EEXIST — success on idempotent paths),
/// ``notFound``, ``linkKindUnsupported`` (the kernel has no driver for the link kind, such as
/// `gre` on kernels without the GRE module) and ``permissionDenied``. Anything else the kernel
/// refuses is ``kernel(operation:errno:message:)`` with its errno and extended-ack message.
public enum NetlinkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The object already exists (EEXIST).
    case exists(operation: String)
    /// The object, or one it refers to, does not exist (ENOENT, ENODEV, ESRCH, EADDRNOTAVAIL).
    case notFound(operation: String)
    /// The kernel cannot create links of this kind (EOPNOTSUPP on RTM_NEWLINK: no driver).
    case linkKindUnsupported(kind: String, operation: String)
    /// The caller lacks CAP_NET_ADMIN in the namespace (EPERM, EACCES).
    case permissionDenied(operation: String)
    /// Any other kernel refusal: the errno and the kernel's extended-ack message, if it sent one.
    case kernel(operation: String, errno: Int32, message: String?)
    /// A socket call failed locally (open, bind, send, receive).
    case system(call: String, errno: Int32)
    /// The namespace the socket was to be opened in could not be opened or entered.
    case namespace(NamespaceError)
    /// A reply could not be parsed.
    case malformedReply(operation: String, reason: String)
    /// A dump was interrupted by concurrent changes more times than the retry limit allows.
    case dumpInterrupted(operation: String, attempts: Int)
    /// A value lies outside the range this library accepts.
    case outOfRange(what: String, value: Int, allowed: ClosedRange<Int>)

    /// A sentence naming the operation and the cause.
    public var description: String {
        switch self {
        case .exists(let operation):
            return "\(operation): already exists"
        case .notFound(let operation):
            return "\(operation): not found"
        case .linkKindUnsupported(let kind, let operation):
            return "\(operation): the kernel lacks \(kind) (no driver for link kind '\(kind)')"
        case .permissionDenied(let operation):
            return "\(operation): permission denied (CAP_NET_ADMIN is required)"
        case .kernel(let operation, let errno, let message):
            let text = String(cString: strerror(errno))
            return "\(operation): \(text) (errno \(errno))" + (message.map { ": \($0)" } ?? "")
        case .system(let call, let errno):
            return "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))"
        case .namespace(let error):
            return "\(error)"
        case .malformedReply(let operation, let reason):
            return "\(operation): malformed netlink reply: \(reason)"
        case .dumpInterrupted(let operation, let attempts):
            return "\(operation): dump interrupted \(attempts) times by concurrent changes"
        case .outOfRange(let what, let value, let allowed):
            return "\(what) \(value) is outside \(allowed.lowerBound)...\(allowed.upperBound)"
        }
    }

    /// Maps a kernel errno for `operation` to its typed case.
    ///
    /// - Parameter linkKind: the link kind of an RTM_NEWLINK that creates a link, so EOPNOTSUPP
    ///   becomes ``linkKindUnsupported(kind:operation:)``.
    static func fromKernel(errno code: Int32, operation: String, message: String?, linkKind: String? = nil)
        -> NetlinkError
    {
        switch code {
        case EEXIST: return .exists(operation: operation)
        case ENOENT, ENODEV, ESRCH, EADDRNOTAVAIL: return .notFound(operation: operation)
        case EPERM, EACCES: return .permissionDenied(operation: operation)
        case EOPNOTSUPP where linkKind != nil: return .linkKindUnsupported(kind: linkKind!, operation: operation)
        default: return .kernel(operation: operation, errno: code, message: message)
        }
    }
}
