import CMnl
import LinuxHost

/// A conversation with the kernel's routing netlink in one network namespace: requests with
/// acknowledgements, single gets and multi-part dumps, with typed errors.
///
/// The verbs live in extensions: links (``createGRELink(_:)``...), addresses, routes and rules.
/// A session numbers its requests itself and is meant for one task at a time.
public final class NetlinkSession {
    /// How many times a dump interrupted by concurrent changes (`NLM_F_DUMP_INTR`) is restarted.
    public static let dumpAttempts = 5

    let socket: any NetlinkSocket
    var sequence: UInt32

    /// A session over `socket` (a fake one in tests).
    public init(socket: any NetlinkSocket, firstSequence: UInt32 = 1) {
        self.socket = socket
        self.sequence = firstSequence
    }

    /// A session over a new libmnl socket in `namespace` (the caller's by default).
    public convenience init(namespace: NetworkNamespace? = nil) throws(NetlinkError) {
        try self.init(socket: MnlSocket(namespace: namespace))
    }

    /// Sends `request` and waits for its acknowledgement.
    ///
    /// - Parameter linkKind: for link creation, the kind, so EOPNOTSUPP maps to
    ///   ``NetlinkError/linkKindUnsupported(kind:operation:)``.
    func acknowledged(_ request: NetlinkRequestWriter, operation: String, linkKind: String? = nil)
        throws(NetlinkError)
    {
        let sequence = try send(request)
        while true {
            for message in try receive(operation: operation) where message.sequence == sequence {
                if message.type == UInt16(NLMSG_ERROR) {
                    try check(error: message, operation: operation, linkKind: linkKind)
                    return
                }
            }
        }
    }

    /// Sends a get `request` and returns the one message answering it.
    func single(_ request: NetlinkRequestWriter, operation: String) throws(NetlinkError) -> NetlinkMessage {
        let sequence = try send(request)
        while true {
            for message in try receive(operation: operation) where message.sequence == sequence {
                if message.type == UInt16(NLMSG_ERROR) {
                    try check(error: message, operation: operation, linkKind: nil)
                    throw .malformedReply(operation: operation, reason: "acknowledged without an answer")
                }
                return message
            }
        }
    }

    /// Dumps with a request of `type` carrying the family `header` (then whatever `putAttributes`
    /// adds) and returns the parts of type `replyType`, the kernel's answers (`RTM_NEWADDR`...).
    func dump<Header>(
        _ type: Int, header: Header, replies replyType: Int, operation: String,
        putAttributes: (NetlinkRequestWriter) -> Void = { _ in }
    ) throws(NetlinkError) -> [NetlinkMessage] {
        let parts = try dump(operation: operation) {
            let request = NetlinkRequestWriter(type: type, flags: NLM_F_DUMP)
            request.putFamilyHeader(header)
            putAttributes(request)
            return request
        }
        return parts.filter { $0.type == UInt16(replyType) }
    }

    /// Sends the dump request `makeRequest` builds and collects every part until `NLMSG_DONE`,
    /// restarting when the kernel marks the dump interrupted.
    func dump(operation: String, _ makeRequest: () -> NetlinkRequestWriter) throws(NetlinkError) -> [NetlinkMessage] {
        for _ in 0..<Self.dumpAttempts {
            let sequence = try send(makeRequest())
            var parts: [NetlinkMessage] = []
            var interrupted = false
            var done = false
            while !done {
                for message in try receive(operation: operation) where message.sequence == sequence {
                    if message.flags & UInt16(NLM_F_DUMP_INTR) != 0 { interrupted = true }
                    switch Int32(message.type) {
                    case NLMSG_DONE:
                        done = true
                    case NLMSG_ERROR:
                        try check(error: message, operation: operation, linkKind: nil)
                        done = true
                    default:
                        parts.append(message)
                    }
                }
            }
            if !interrupted { return parts }
        }
        throw .dumpInterrupted(operation: operation, attempts: Self.dumpAttempts)
    }

    private func send(_ request: NetlinkRequestWriter) throws(NetlinkError) -> UInt32 {
        var bytes = request.bytes
        let current = sequence
        sequence &+= 1
        bytes.replaceSubrange(8..<12, with: NetlinkMessage.le32(current))
        try socket.send(bytes)
        return current
    }

    private func receive(operation: String) throws(NetlinkError) -> [NetlinkMessage] {
        do {
            return try NetlinkMessage.split(try socket.receive())
        } catch let error as NetlinkError {
            throw error
        } catch {
            throw .malformedReply(operation: operation, reason: "\(error)")
        }
    }

    /// Throws the typed error an `NLMSG_ERROR` message carries; returns for an ack (error 0).
    func check(error message: NetlinkMessage, operation: String, linkKind: String?) throws(NetlinkError) {
        guard message.payload.count >= 4 else {
            throw .malformedReply(operation: operation, reason: "NLMSG_ERROR shorter than its error code")
        }
        let code = Int32(bitPattern: NetlinkMessage.read32(message.payload, 0))
        guard code != 0 else { return }
        // The kernel sends -errno; clamped, so that no value (Int32.min) traps when negated.
        throw NetlinkError.fromKernel(
            errno: Int32(clamping: -Int64(code)), operation: operation, message: Self.extendedAckMessage(message),
            linkKind: linkKind)
    }

    /// The kernel's `NLMSGERR_ATTR_MSG` text, when the error carries extended-ack attributes.
    static func extendedAckMessage(_ message: NetlinkMessage) -> String? {
        guard message.flags & UInt16(NLM_F_ACK_TLVS) != 0, message.payload.count >= 20 else { return nil }
        var offset = 4 + NetlinkMessage.headerLength
        if message.flags & UInt16(NLM_F_CAPPED) == 0 {
            offset = 4 + Int(NetlinkMessage.read32(message.payload, 4))
        }
        guard offset <= message.payload.count,
            let attributes = try? NetlinkAttribute.parse(message.payload[offset...])
        else { return nil }
        return attributes.first(NLMSGERR_ATTR_MSG.rawValue)?.string
    }
}
