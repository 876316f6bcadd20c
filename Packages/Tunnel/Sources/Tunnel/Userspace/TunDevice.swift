import CMnl
import Glibc
import LinuxHost
import Synchronization

/// A layer-3 TUN device (`IFF_TUN | IFF_NO_PI | IFF_VNET_HDR`): reads return, and writes take,
/// IP packets behind a 10-byte `virtio_net_hdr`. Checksum and TCP/IPv4 segmentation offloads
/// are on (`TUN_F_CSUM | TUN_F_TSO4`): the kernel may hand over 64 KB TCP super-packets with a
/// partial checksum, which the datapath segments (see `TCPSegmentation`), and accepts merged
/// ones (see `TCPCoalescer`).
///
/// The device exists while the descriptor is open (unless made persistent); it belongs to the
/// namespace it was created in.
public final class TunDevice: Sendable {
    /// The open `/dev/net/tun` descriptor, non-blocking.
    public let fileDescriptor: Int32
    /// The device name.
    public let name: LinuxInterfaceName
    private let closed = Atomic<Bool>(false)

    /// Creates the device `name` in `namespace` (the caller's by default).
    ///
    /// - Throws: ``TunnelDatapathError`` when `/dev/net/tun` is missing or the name is taken.
    public init(name: LinuxInterfaceName, namespace: NetworkNamespace? = nil) throws(TunnelDatapathError) {
        let create = { @Sendable () throws(TunnelDatapathError) -> Int32 in
            let descriptor = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK)
            guard descriptor >= 0 else {
                throw .system(call: "open(/dev/net/tun)", errno: errno, tunnel: name.rawValue)
            }
            var request = ifreq()
            withUnsafeMutableBytes(of: &request.ifr_ifrn.ifrn_name) { buffer in
                for (offset, byte) in name.rawValue.utf8.enumerated() { buffer[offset] = byte }
            }
            request.ifr_ifru.ifru_flags = Int16(IFF_TUN | IFF_NO_PI | IFF_VNET_HDR)
            guard cmnl_ioctl_pointer(descriptor, cmnl_tunsetiff(), &request) == 0 else {
                let code = errno
                Glibc.close(descriptor)
                throw .system(call: "ioctl(TUNSETIFF \(name))", errno: code, tunnel: name.rawValue)
            }
            guard cmnl_ioctl_integer(descriptor, cmnl_tunsetoffload(), UInt(TUN_F_CSUM | TUN_F_TSO4)) == 0 else {
                let code = errno
                Glibc.close(descriptor)
                throw .system(call: "ioctl(TUNSETOFFLOAD \(name))", errno: code, tunnel: name.rawValue)
            }
            return descriptor
        }
        fileDescriptor = try NetworkNamespace.perform(in: namespace, tunnel: name.rawValue, create)
        self.name = name
    }

    deinit {
        close()
    }

    /// Closes the descriptor, which deletes the (non-persistent) device with its addresses and
    /// routes. Only once nothing reads or writes it any more; later calls do nothing.
    public func close() {
        if !closed.exchange(true, ordering: .acquiringAndReleasing) { Glibc.close(fileDescriptor) }
    }
}
