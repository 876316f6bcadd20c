/// The `virtio_net_hdr` a TUN device with `IFF_VNET_HDR` puts before each packet: how the
/// kernel left the checksum and segmentation to us (reads) or what it may do for us (writes).
struct VirtioNetHeader: Hashable {
    /// Length on the wire (no `num_buffers`).
    static let length = 10
    /// `VIRTIO_NET_HDR_F_NEEDS_CSUM`: the checksum at `checksumStart + checksumOffset` holds
    /// only the pseudo-header sum.
    static let needsChecksum: UInt8 = 1
    /// `VIRTIO_NET_HDR_GSO_NONE`.
    static let gsoNone: UInt8 = 0
    /// `VIRTIO_NET_HDR_GSO_TCPV4`.
    static let gsoTCPv4: UInt8 = 1

    var flags: UInt8 = 0
    var gsoType: UInt8 = 0
    var headerLength: UInt16 = 0
    var gsoSize: UInt16 = 0
    var checksumStart: UInt16 = 0
    var checksumOffset: UInt16 = 0

    init() {}

    /// Reads the header at `pointer` (host byte order, as TUN uses by default).
    init(at pointer: UnsafeRawPointer) {
        flags = pointer.load(as: UInt8.self)
        gsoType = pointer.load(fromByteOffset: 1, as: UInt8.self)
        headerLength = pointer.loadUnaligned(fromByteOffset: 2, as: UInt16.self)
        gsoSize = pointer.loadUnaligned(fromByteOffset: 4, as: UInt16.self)
        checksumStart = pointer.loadUnaligned(fromByteOffset: 6, as: UInt16.self)
        checksumOffset = pointer.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
    }

    /// Writes the header at `pointer`.
    func write(to pointer: UnsafeMutableRawPointer) {
        pointer.storeBytes(of: flags, as: UInt8.self)
        pointer.storeBytes(of: gsoType, toByteOffset: 1, as: UInt8.self)
        pointer.storeBytes(of: headerLength, toByteOffset: 2, as: UInt16.self)
        pointer.storeBytes(of: gsoSize, toByteOffset: 4, as: UInt16.self)
        pointer.storeBytes(of: checksumStart, toByteOffset: 6, as: UInt16.self)
        pointer.storeBytes(of: checksumOffset, toByteOffset: 8, as: UInt16.self)
    }
}
