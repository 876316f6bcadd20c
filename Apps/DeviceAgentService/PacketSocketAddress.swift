/// Linux's `struct sockaddr_ll` (`<netpacket/packet.h>`, which the Glibc module does not
/// export): 20 bytes, the fields in C's order and alignment, named as in C.
public struct PacketSocketAddress {
    /// `AF_PACKET`.
    public var sll_family: UInt16 = 0
    /// The link-layer protocol, network byte order (`ETH_P_IP`).
    public var sll_protocol: UInt16 = 0
    /// The interface index.
    public var sll_ifindex: Int32 = 0
    /// The ARP hardware type.
    public var sll_hatype: UInt16 = 0
    /// The packet type (`PACKET_HOST`, `PACKET_OUTGOING`, …).
    public var sll_pkttype: UInt8 = 0
    /// The length of the link-layer address.
    public var sll_halen: UInt8 = 0
    /// The link-layer address.
    public var sll_addr: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0)

    /// An empty address.
    public init() {}
}
