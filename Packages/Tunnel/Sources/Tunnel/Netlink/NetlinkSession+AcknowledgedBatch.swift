import CMnl
import Glibc

extension NetlinkSession {
    /// The most bytes of requests one batch datagram carries (the kernel's default netlink send
    /// buffer, about 208 KiB, must hold a datagram whole).
    public static let batchBytes = 128 * 1024
    /// How many overruns of the receive buffer in a row a batch survives (each halves the
    /// datagram) before it gives up with ENOBUFS.
    static let overrunsTolerated = 8

    /// Sends `requests` (complete requests with `NLM_F_ACK`, sequence numbers unset) packed back
    /// to back into datagrams of at most ``batchBytes``, each request stamped with a sequence
    /// number of its own, reads acknowledgements until every request of a datagram is answered
    /// (in any order, over any number of datagrams), then sends the next.
    ///
    /// With ``NetlinkBatchAcknowledgement/errorsOnly`` each request's `NLM_F_ACK` is cleared and
    /// the datagram ends with a `NLMSG_NOOP` asking for one: its acknowledgement answers, as
    /// successes, every request still unanswered (the kernel sends refusals whatever the flag,
    /// and handles a datagram in order).
    ///
    /// Should the receive buffer overflow anyway (the socket reports ENOBUFS: the kernel dropped
    /// some acknowledgements), a no-op request with an acknowledgement is sent as a barrier:
    /// the kernel handles a datagram's requests in order before it returns from `send`, so once
    /// the barrier's acknowledgement is read every surviving answer has been read too, and the
    /// requests still unanswered are sent again in smaller datagrams. Route replaces and deletes
    /// are idempotent (a repeated delete answers ESRCH, which the caller counts as done).
    ///
    /// - Parameter operation: names request `index` in its error (built only for refusals).
    /// - Returns: the refused requests' indexes and errors, by index.
    /// - Throws: a socket failure; ENOBUFS after ``overrunsTolerated`` overruns in a row.
    func acknowledgedBatch(
        _ requests: [[UInt8]], acknowledgement: NetlinkBatchAcknowledgement, operation: (Int) -> String
    ) throws(NetlinkError) -> [(index: Int, error: NetlinkError)] {
        let errorsOnly = acknowledgement == .errorsOnly
        // Room for the closing no-op of an errors-only datagram.
        let reserve = errorsOnly ? NetlinkMessage.headerLength : 0
        var refused: [(index: Int, error: NetlinkError)] = []
        var unsent = ArraySlice(requests.indices)
        var limit = Self.batchBytes
        var overruns = 0
        var datagram: [UInt8] = []
        datagram.reserveCapacity(limit)
        var pending: [UInt32: Int] = [:]
        while let first = unsent.first {
            datagram.removeAll(keepingCapacity: true)
            pending.removeAll(keepingCapacity: true)
            var next: Int? = first
            while let index = next, datagram.isEmpty || datagram.count + requests[index].count + reserve <= limit {
                unsent.removeFirst()
                let start = datagram.count
                datagram += requests[index]
                let current = sequence
                sequence &+= 1
                for byte in 0..<4 { datagram[start + 8 + byte] = UInt8(truncatingIfNeeded: current >> (8 * byte)) }
                if errorsOnly { datagram[start + 6] &= ~UInt8(NLM_F_ACK) }
                pending[current] = index
                next = unsent.first
            }
            let sentCount = pending.count
            var closing: UInt32?
            if errorsOnly {
                closing = sequence
                datagram += Self.noop(sequence: sequence)
                sequence &+= 1
            }
            try socket.send(datagram)
            guard
                try collectAcknowledgements(&pending, refused: &refused, operation: operation, closing: closing)
            else {
                overruns = 0
                continue
            }
            overruns += 1
            guard overruns < Self.overrunsTolerated else {
                throw .system(call: "recvmmsg on netlink (acknowledgements of a batch dropped)", errno: ENOBUFS)
            }
            // Next time at most half, and at most what was answered this time: about what the
            // receive buffer holds (with errors only, an overrun means it filled with refusals).
            let answered = (sentCount - pending.count) * (datagram.count / max(sentCount, 1))
            limit = max(min(limit / 2, answered), 1)
            unsent = ArraySlice(pending.values.sorted() + unsent)
        }
        return refused.sorted { $0.index < $1.index }
    }

    /// Reads acknowledgements of `pending` (sequence → request index) until none is left (the
    /// `closing` no-op's acknowledgement, when there is one, answers all that remain), or until
    /// the socket reports an overrun; then fences with a barrier and returns true, with the
    /// requests whose answer may have been dropped left in `pending`.
    private func collectAcknowledgements(
        _ pending: inout [UInt32: Int], refused: inout [(index: Int, error: NetlinkError)],
        operation: (Int) -> String, closing: UInt32?
    ) throws(NetlinkError) -> Bool {
        var overrun = false
        while !pending.isEmpty {
            do {
                for datagram in try socket.receiveAvailable(waiting: true) {
                    let closed = try record(
                        datagram, pending: &pending, refused: &refused, operation: operation, barrier: closing)
                    // Everything before the no-op was handled, and refusals precede its answer.
                    if closed { pending.removeAll() }
                }
            } catch {
                guard case .system(_, ENOBUFS) = error else { throw error }
                overrun = true
                break
            }
        }
        guard overrun else { return false }
        try recoverFromOverrun(&pending, refused: &refused, operation: operation)
        return true
    }

    /// After an overrun: reads what survived without waiting until nothing is queued (the
    /// kernel answered the whole datagram inside `send`), then sends a no-op and waits for its
    /// acknowledgement, so that nothing still on its way is missed; should that be dropped too,
    /// drains and fences again. A closing no-op's answer proves nothing here (a refusal before
    /// it may have been dropped), so `pending` keeps every request not answered one by one.
    private func recoverFromOverrun(
        _ pending: inout [UInt32: Int], refused: inout [(index: Int, error: NetlinkError)],
        operation: (Int) -> String
    ) throws(NetlinkError) {
        for _ in 0..<Self.overrunsTolerated {
            while true {
                let datagrams: [[UInt8]]
                do {
                    datagrams = try socket.receiveAvailable(waiting: false)
                } catch {
                    guard case .system(_, ENOBUFS) = error else { throw error }
                    continue  // reported once; what is queued comes next
                }
                if datagrams.isEmpty { break }
                for datagram in datagrams {
                    try record(datagram, pending: &pending, refused: &refused, operation: operation)
                }
            }
            let barrier = sequence
            sequence &+= 1
            try socket.send(Self.noop(sequence: barrier))
            do {
                var fenced = false
                while !fenced {
                    for datagram in try socket.receiveAvailable(waiting: true) {
                        fenced =
                            try record(
                                datagram, pending: &pending, refused: &refused, operation: operation, barrier: barrier)
                            || fenced
                    }
                }
                return
            } catch {
                guard case .system(_, ENOBUFS) = error else { throw error }
            }
        }
        throw .system(call: "recvmmsg on netlink (acknowledgements of a batch dropped)", errno: ENOBUFS)
    }

    /// A `NLMSG_NOOP` request asking for an acknowledgement: the kernel answers it in order with
    /// the requests around it, and does nothing else.
    static func noop(sequence: UInt32) -> [UInt8] {
        NetlinkMessage(
            type: UInt16(NLMSG_NOOP), flags: UInt16(NLM_F_REQUEST | NLM_F_ACK), sequence: sequence, portID: 0,
            payload: []
        ).bytes
    }

    /// Records the acknowledgements in `datagram`; returns whether it holds the `barrier`'s.
    @discardableResult
    private func record(
        _ datagram: [UInt8], pending: inout [UInt32: Int], refused: inout [(index: Int, error: NetlinkError)],
        operation: (Int) -> String, barrier: UInt32? = nil
    ) throws(NetlinkError) -> Bool {
        let messages: [NetlinkMessage]
        do {
            messages = try NetlinkMessage.split(datagram)
        } catch {
            throw .malformedReply(operation: "acknowledgements of a netlink batch", reason: "\(error)")
        }
        var sawBarrier = false
        for message in messages where message.type == UInt16(NLMSG_ERROR) {
            if message.sequence == barrier {
                sawBarrier = true
                continue
            }
            guard let index = pending.removeValue(forKey: message.sequence) else { continue }
            guard message.payload.count >= 4 else {
                throw .malformedReply(operation: operation(index), reason: "NLMSG_ERROR shorter than its error code")
            }
            if NetlinkMessage.read32(message.payload, 0) == 0 { continue }
            do {
                try check(error: message, operation: operation(index), linkKind: nil)
            } catch {
                refused.append((index, error))
            }
        }
        return sawBarrier
    }
}
