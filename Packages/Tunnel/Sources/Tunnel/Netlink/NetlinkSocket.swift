/// What a ``NetlinkSession`` sends requests through and reads replies from.
///
/// ``MnlSocket`` is the real one (libmnl over `AF_NETLINK`/`NETLINK_ROUTE`); tests use a fake
/// that records requests and returns canned replies.
public protocol NetlinkSocket: AnyObject {
    /// Sends one datagram: one complete netlink request, or several back to back (a batch).
    func send(_ message: [UInt8]) throws(NetlinkError)
    /// Receives one datagram: one or more netlink messages.
    func receive() throws(NetlinkError) -> [UInt8]
    /// Returns the datagrams already queued (up to an implementation's limit), so a batch's
    /// acknowledgements are read in few system calls: `waiting`, it first waits for at least
    /// one; otherwise it returns none when none is queued. The default is ``receive()``'s one
    /// datagram when waiting, and none otherwise.
    func receiveAvailable(waiting: Bool) throws(NetlinkError) -> [[UInt8]]
}

extension NetlinkSocket {
    /// Waiting: one datagram, from ``receive()``; otherwise none.
    public func receiveAvailable(waiting: Bool) throws(NetlinkError) -> [[UInt8]] {
        waiting ? [try receive()] : []
    }
}
