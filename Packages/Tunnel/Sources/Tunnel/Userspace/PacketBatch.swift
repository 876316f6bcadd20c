import CMnl
import Glibc

/// Buffers and `cmnl_mmsghdr`/`iovec` arrays for `sendmmsg`/`recvmmsg`: `count` slots of
/// `slotSize` bytes, one iovec per message. Owned by one datapath thread.
struct PacketBatch {
    /// The message headers, one per slot.
    let messages: UnsafeMutablePointer<cmnl_mmsghdr>
    private let vectors: UnsafeMutablePointer<iovec>
    private let storage: UnsafeMutableRawPointer
    private let slotSize: Int

    init(count: Int, slotSize: Int) {
        self.slotSize = slotSize
        storage = UnsafeMutableRawPointer.allocate(byteCount: count * slotSize, alignment: 16)
        vectors = UnsafeMutablePointer<iovec>.allocate(capacity: count)
        messages = UnsafeMutablePointer<cmnl_mmsghdr>.allocate(capacity: count)
        for index in 0..<count {
            vectors[index] = iovec(iov_base: storage + index * slotSize, iov_len: slotSize)
            messages[index] = cmnl_mmsghdr()
            messages[index].msg_hdr.msg_iov = vectors + index
            messages[index].msg_hdr.msg_iovlen = 1
        }
    }

    /// The start of slot `index`.
    func slot(_ index: Int) -> UnsafeMutableRawPointer { storage + index * slotSize }

    /// Sets how many bytes of slot `index` are sent (or may be received).
    func setLength(_ index: Int, _ length: Int) { vectors[index].iov_len = length }

    /// Frees the buffers.
    func deallocate() {
        storage.deallocate()
        vectors.deallocate()
        messages.deallocate()
    }
}
