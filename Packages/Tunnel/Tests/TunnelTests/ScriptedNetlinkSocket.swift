import Glibc
import Tunnel

/// A netlink socket for batches: after every send, a script turns the messages of that datagram
/// into what the following receives return (datagrams or errors), so tests can answer out of
/// order, across datagrams, with per-request errors or with an overrun.
final class ScriptedNetlinkSocket: NetlinkSocket {
    /// What the receives after send number `datagram` (0 first) of `messages` return, in order.
    typealias Script = (_ datagram: Int, _ messages: [NetlinkMessage]) -> [Result<[UInt8], NetlinkError>]

    private(set) var sent: [[UInt8]] = []
    /// The messages of every datagram sent, in order.
    var sentMessages: [[NetlinkMessage]] { sent.map { (try? NetlinkMessage.split($0)) ?? [] } }
    private var queue: [Result<[UInt8], NetlinkError>] = []
    private let script: Script
    /// The most datagrams one ``receiveAvailable()`` returns.
    var datagramsPerReceive = 3
    /// How many datagrams were still unread at each send (a batch must read its acks first).
    private(set) var unreadAtSend: [Int] = []

    init(_ script: @escaping Script = { _, messages in [.success(acks(messages.map(\.sequence)))] }) {
        self.script = script
    }

    func send(_ message: [UInt8]) throws(NetlinkError) {
        unreadAtSend.append(queue.count)
        sent.append(message)
        queue += script(sent.count - 1, (try? NetlinkMessage.split(message)) ?? [])
    }

    func receive() throws(NetlinkError) -> [UInt8] {
        guard !queue.isEmpty else {
            throw .system(call: "receive with nothing queued (a test would hang)", errno: EAGAIN)
        }
        return try queue.removeFirst().get()
    }

    func receiveAvailable(waiting: Bool) throws(NetlinkError) -> [[UInt8]] {
        if !waiting && queue.isEmpty { return [] }
        var datagrams = [try receive()]
        while datagrams.count < datagramsPerReceive, case .success(let next)? = queue.first {
            queue.removeFirst()
            datagrams.append(next)
        }
        return datagrams
    }

    /// One datagram acknowledging (error 0) every sequence number in `sequences`, in that order.
    static func acks(_ sequences: [UInt32]) -> [UInt8] {
        sequences.flatMap { FakeNetlinkSocket.error(0, sequence: $0) }
    }
}
