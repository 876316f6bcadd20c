import BGPWire
import Models

/// Which received routes a ``BGPSpeaker`` accepts: none that loop back to us.
///
/// Two rules, checked per announced prefix:
/// - **AS loop** (RFC 4271 §9.1.2): a route whose AS_PATH holds our AS (in any segment kind)
///   has passed through us already; it is not feasible. A device that echoes our own /32
///   (path `[65342 65000]` when we are 65000) is the case this guards against.
/// - **Local prefix**: a route to a prefix we announce ourselves (our DZ IP /32) is never
///   accepted, whatever its path: it would route our own address back through the device.
///
/// A rejected announcement still replaces what the peer announced before for that prefix
/// (RFC 4271 §3.1: a new route implicitly withdraws the previous one), so the speaker reports
/// rejected prefixes as withdrawn.
///
/// Not covered: a 2-octet session (peer without the four-octet AS capability) with a local AS
/// above 65535, whose AS appears as AS_TRANS in AS_PATH and in full only in AS4_PATH (which
/// the codec keeps raw). DoubleZero uses AS 65000.
public struct BGPImportFilter: Hashable, Sendable {
    /// Why a received route is refused.
    public enum Rejection: Hashable, Sendable {
        /// The AS_PATH contains our AS (RFC 4271 §9.1.2 loop detection).
        case asPathLoop
        /// The prefix is one we announce ourselves.
        case localPrefix
    }

    /// Our AS.
    public var localASN: UInt32
    /// The prefixes we announce (our DZ IP /32).
    public var localPrefixes: Set<IPv4Prefix>

    /// Creates a filter for `localASN` that also refuses `localPrefixes`.
    public init(localASN: UInt32, localPrefixes: Set<IPv4Prefix> = []) {
        self.localASN = localASN
        self.localPrefixes = localPrefixes
    }

    /// Why `prefix`, announced with `attributes`, is refused, or nil when it is accepted.
    /// A loop is reported before a local prefix.
    public func rejection(of prefix: IPv4Prefix, attributes: BGPPathAttributes) -> Rejection? {
        if loops(attributes) { return .asPathLoop }
        if localPrefixes.contains(prefix) { return .localPrefix }
        return nil
    }

    /// Splits the prefixes of one announcement into accepted and rejected, each in the order given.
    public func partition(_ prefixes: [IPv4Prefix], attributes: BGPPathAttributes) -> (
        accepted: [IPv4Prefix], rejected: [IPv4Prefix]
    ) {
        if loops(attributes) { return ([], prefixes) }
        if localPrefixes.isEmpty { return (prefixes, []) }
        var accepted: [IPv4Prefix] = []
        var rejected: [IPv4Prefix] = []
        accepted.reserveCapacity(prefixes.count)
        for prefix in prefixes {
            if localPrefixes.contains(prefix) { rejected.append(prefix) } else { accepted.append(prefix) }
        }
        return (accepted, rejected)
    }

    /// Whether the AS_PATH holds our AS.
    private func loops(_ attributes: BGPPathAttributes) -> Bool {
        attributes.asPath?.contains { $0.asns.contains(localASN) } ?? false
    }
}
