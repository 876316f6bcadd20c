/// What a ``NetlinkSession`` sends requests through and reads replies from.
///
/// ``MnlSocket`` is the real one (libmnl over `AF_NETLINK`/`NETLINK_ROUTE`); tests use a fake
/// that records requests and returns canned replies.
public protocol NetlinkSocket: AnyObject {
    /// Sends one complete netlink request.
    func send(_ message: [UInt8]) throws(NetlinkError)
    /// Receives one datagram: one or more netlink messages.
    func receive() throws(NetlinkError) -> [UInt8]
}
