import FuzzSupport
import Glibc
import Tunnel

/// A netlink socket whose replies are the fuzz input's: each ``receive()`` returns the next
/// framed datagram (``FuzzSupport/FuzzInput/chunk()``); an empty one is an overrun (ENOBUFS), and
/// once the input is exhausted the socket fails, so no conversation outlasts its input.
///
/// When it stamps sequences, the n-th message of each reply gets the sequence number of the
/// n-th request of the last datagram sent (cyclically), so replies reach the parsers behind the
/// session's sequence filter; otherwise the numbers are left as the fuzzer wrote them.
final class FuzzNetlinkSocket: NetlinkSocket {
    private let stampsSequences: Bool
    private var replies: FuzzInput
    private var requestSequences: [UInt32] = []

    /// A socket answering with `replies`.
    init(stampsSequences: Bool, replies: FuzzInput) {
        self.stampsSequences = stampsSequences
        self.replies = replies
    }

    func send(_ message: [UInt8]) throws(NetlinkError) {
        guard let requests = try? NetlinkMessage.split(message), !requests.isEmpty else {
            preconditionFailure("the session sent a malformed request: \(message)")
        }
        requestSequences = requests.map(\.sequence)
    }

    func receive() throws(NetlinkError) -> [UInt8] {
        guard var datagram = replies.chunk() else { throw .system(call: "fuzz input exhausted", errno: EIO) }
        guard !datagram.isEmpty else { throw .system(call: "recvmsg (fuzz overrun)", errno: ENOBUFS) }
        if stampsSequences && !requestSequences.isEmpty { stamp(&datagram) }
        return datagram
    }

    /// Writes the request sequence numbers into the messages of `datagram`, as far as their
    /// lengths can be followed.
    private func stamp(_ datagram: inout [UInt8]) {
        var offset = 0
        var number = 0
        while datagram.count - offset >= NetlinkMessage.headerLength {
            let sequence = requestSequences[number % requestSequences.count]
            for byte in 0..<4 { datagram[offset + 8 + byte] = UInt8(truncatingIfNeeded: sequence >> (8 * byte)) }
            let length = (0..<4).reduce(0) { $0 | Int(datagram[offset + $1]) << (8 * $1) }
            guard length >= NetlinkMessage.headerLength else { return }
            offset += (length + 3) & ~3
            number += 1
        }
    }
}
