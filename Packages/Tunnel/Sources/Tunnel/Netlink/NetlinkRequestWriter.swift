import CMnl
import Models

/// Builds one netlink request with libmnl: the netlink header, the family header
/// (`ifinfomsg`, `ifaddrmsg`, `rtmsg`, `fib_rule_hdr`) and attributes, nested or not.
///
/// Attributes are written in call order, so a request's bytes are fully determined by the calls.
final class NetlinkRequestWriter {
    /// Room for any request this package sends.
    static let defaultCapacity = 8192
    /// Room for any route request (header, `rtmsg`, destination, gateway, source, device, table).
    static let routeCapacity = 256
    private let buffer: UnsafeMutableRawPointer
    private let header: UnsafeMutablePointer<nlmsghdr>

    /// Starts a request of `type` with `flags` (NLM_F_REQUEST is added); sequence 0, port 0.
    ///
    /// - Parameter capacity: the buffer's size; every attribute put must fit (route requests,
    ///   built by the hundred thousand in a batch, use ``routeCapacity``).
    init(type: some BinaryInteger, flags: some BinaryInteger, capacity: Int = defaultCapacity) {
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
        buffer.initializeMemory(as: UInt8.self, repeating: 0, count: capacity)
        header = mnl_nlmsg_put_header(buffer)
        header.pointee.nlmsg_type = UInt16(type)
        header.pointee.nlmsg_flags = UInt16(flags) | UInt16(NLM_F_REQUEST)
    }

    deinit {
        buffer.deallocate()
    }

    /// Appends the family header (a C struct such as `ifinfomsg`).
    func putFamilyHeader<Header>(_ value: Header) {
        let size = MemoryLayout<Header>.size
        let room = mnl_nlmsg_put_extra_header(header, size)!
        withUnsafeBytes(of: value) { room.copyMemory(from: $0.baseAddress!, byteCount: size) }
    }

    /// Appends an attribute holding `bytes`.
    func put(_ type: some BinaryInteger, bytes: [UInt8]) {
        bytes.withUnsafeBytes { mnl_attr_put(header, UInt16(type), $0.count, $0.baseAddress) }
    }

    /// Appends a one-byte attribute.
    func put(_ type: some BinaryInteger, u8 value: UInt8) { mnl_attr_put_u8(header, UInt16(type), value) }
    /// Appends a two-byte attribute (host byte order).
    func put(_ type: some BinaryInteger, u16 value: UInt16) { mnl_attr_put_u16(header, UInt16(type), value) }
    /// Appends a four-byte attribute (host byte order).
    func put(_ type: some BinaryInteger, u32 value: UInt32) { mnl_attr_put_u32(header, UInt16(type), value) }
    /// Appends a NUL-terminated string attribute.
    func put(_ type: some BinaryInteger, string value: String) { mnl_attr_put_strz(header, UInt16(type), value) }
    /// Appends an IPv4 address attribute (network byte order).
    func put(_ type: some BinaryInteger, address: IPv4Address) { put(type, bytes: address.bytes) }

    /// Appends a nested attribute whose content `body` writes.
    ///
    /// libmnl marks nests with `NLA_F_NESTED`; iproute2 does not for rtnetlink link info, and
    /// the kernel accepts both, so the flag is cleared to send exactly what `ip` sends.
    func nest(_ type: some BinaryInteger, _ body: () -> Void) {
        let start = mnl_attr_nest_start(header, UInt16(type))!
        body()
        mnl_attr_nest_end(header, start)
        start.pointee.nla_type &= ~UInt16(NLA_F_NESTED)
    }

    /// The request's bytes.
    var bytes: [UInt8] {
        Array(UnsafeRawBufferPointer(start: buffer, count: Int(header.pointee.nlmsg_len)))
    }
}
