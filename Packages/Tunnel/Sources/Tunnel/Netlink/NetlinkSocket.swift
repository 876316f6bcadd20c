/// What a ``NetlinkSession`` sends requests through and reads replies from.
///
/// ``MnlSocket`` is the real one (libmnl over `AF_NETLINK`/`NETLINK_ROUTE`); tests use a fake
/// that records requests and returns canned replies.
public protocol NetlinkSocket: AnyObject {
    /// Sends one datagram: one complete netlink request, or several back to back (a batch).
    func send(_ message: [UInt8]) throws(NetlinkError)
    /// Receives one datagram: one or more netlink messages.
    func receive() throws(NetlinkError) -> [UInt8]
    /// Waits for at least one datagram and returns it with every other one already queued (up
    /// to an implementation's limit), so a batch's acknowledgements are read in few system
    /// calls. The default is ``receive()``'s one datagram.
    func receiveAvailable() throws(NetlinkError) -> [[UInt8]]
}

extension NetlinkSocket {
    /// One datagram, from ``receive()``.
    public func receiveAvailable() throws(NetlinkError) -> [[UInt8]] {
        [try receive()]
    }
}
