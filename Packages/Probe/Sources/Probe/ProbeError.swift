#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why probing could not be done (as opposed to a probe that simply got no reply, which is a
/// ``ProbeSample/lost`` sample, not an error).
public enum ProbeError: Error, Hashable, Sendable {
    /// A system call failed: `call` is its name, `errno` the error, `context` what it was for.
    case systemCall(call: String, errno: Int32, context: String)
    /// Neither kind of ICMP socket may be opened here: `datagramErrno` says why the datagram
    /// socket was refused (usually `net.ipv4.ping_group_range`), `rawErrno` why the raw socket
    /// was (usually missing CAP_NET_RAW).
    case icmpSocketUnavailable(datagramErrno: Int32, rawErrno: Int32)
    /// One pass would need more than 65,536 echo sequence numbers (`targets` × `count`).
    case tooManyProbes(targets: Int, count: Int)
    /// A configuration value is out of range: `field` names it, `reason` says why.
    case invalidConfiguration(field: String, reason: String)
    /// A pass is already running on this prober or sender (one at a time per socket).
    case passInProgress
}

extension ProbeError: CustomStringConvertible {
    /// A one-line explanation with the system error text where there is one.
    public var description: String {
        switch self {
        case .systemCall(let call, let errno, let context):
            "\(call) failed for \(context): \(Self.text(errno))"
        case .icmpSocketUnavailable(let datagramErrno, let rawErrno):
            "no ICMP socket available: datagram socket refused (\(Self.text(datagramErrno)); "
                + "is the group in net.ipv4.ping_group_range?), raw socket refused (\(Self.text(rawErrno)); "
                + "CAP_NET_RAW is needed)"
        case .tooManyProbes(let targets, let count):
            "\(targets) targets × \(count) probes exceeds the 65536 echo sequence numbers of one pass"
        case .invalidConfiguration(let field, let reason):
            "invalid \(field): \(reason)"
        case .passInProgress:
            "a probing pass is already running on this socket"
        }
    }

    /// `strerror` text with the number, e.g. `Permission denied (errno 13)`.
    static func text(_ errno: Int32) -> String {
        "\(String(cString: strerror(errno))) (errno \(errno))"
    }
}
