/// The two ways Linux lets a process send ICMP echoes.
public enum ICMPSocketKind: String, Hashable, Sendable, CaseIterable {
    /// `socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)`, the unprivileged "ping socket": allowed when
    /// the process's group lies in `net.ipv4.ping_group_range` (per network namespace; the
    /// default `1 0` allows nobody). The kernel sets the echo identifier to the socket's port,
    /// fills in the checksum and delivers only this socket's replies, without IP header.
    case datagram
    /// `socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)`: needs CAP_NET_RAW; receives every ICMP
    /// message of the namespace (narrowed to echo replies with `ICMP_FILTER`) with IP header,
    /// so replies are matched by identifier and source address.
    case raw
}
