import Models
import Routing

/// Everything a ``BGPSpeaker`` needs to know about its one session.
///
/// The defaults are those of `doublezerod` (`reference/client.md` §2.9): local AS 65000,
/// router ID 1.1.1.1, hold time 90 s (devices answer 3 s, so 3 s is negotiated), TCP port 179,
/// a 30 s session timeout, reconnection 1 s doubling to 30 s.
public struct BGPSpeakerConfiguration: Sendable {
    /// The speaker's default reconnection delays: 1 s doubling to 30 s, without jitter (one
    /// session per host, so no herd to spread).
    public static let defaultReconnectBackoff = ReconnectBackoff(
        initial: .seconds(1), maximum: .seconds(30), jitter: .none)

    /// Our AS (onchain `GlobalConfig.local_asn`, 65000 on every DoubleZero network).
    public var localASN: UInt32
    /// The AS the peer must announce (the device's AS, onchain `GlobalConfig.remote_asn`).
    public var remoteASN: UInt32
    /// The BGP identifier we send.
    public var routerID: IPv4Address
    /// The peer to dial: the device's overlay address.
    public var peerAddress: IPv4Address
    /// The peer's TCP port.
    public var peerPort: Int
    /// The address to bind before connecting (our overlay address), or nil for the kernel's choice.
    public var localAddress: IPv4Address?
    /// The NEXT_HOP of our announcements, or nil for the connection's local address.
    public var nextHop: IPv4Address?
    /// Communities attached to our announcements (none upstream).
    public var communities: [BGPCommunity]
    /// The hold time we propose, in seconds (0 or at least 3).
    public var holdTime: UInt16
    /// How long one TCP connect may take.
    public var connectTimeout: Duration
    /// Delays between connection attempts (``ReconnectBackoff/delay(afterFailures:)`` after
    /// each failed or closed session).
    public var reconnectBackoff: ReconnectBackoff
    /// If the session is not established this long after start or after a close (of any
    /// attempt, established or not; a close while the timer runs does not restart it), the
    /// status becomes ``BGPSessionStatus/networkUnreachable`` or ``BGPSessionStatus/failed``
    /// and stays so until Established.
    public var sessionTimeout: Duration

    /// Creates a configuration with the `doublezerod` defaults for everything but the peer.
    public init(
        localASN: UInt32 = 65000, remoteASN: UInt32, routerID: IPv4Address = IPv4Address(1, 1, 1, 1),
        peerAddress: IPv4Address, peerPort: Int = 179, localAddress: IPv4Address? = nil,
        nextHop: IPv4Address? = nil, communities: [BGPCommunity] = [], holdTime: UInt16 = 90,
        connectTimeout: Duration = .seconds(5), reconnectBackoff: ReconnectBackoff = defaultReconnectBackoff,
        sessionTimeout: Duration = .seconds(30)
    ) {
        self.localASN = localASN
        self.remoteASN = remoteASN
        self.routerID = routerID
        self.peerAddress = peerAddress
        self.peerPort = peerPort
        self.localAddress = localAddress
        self.nextHop = nextHop
        self.communities = communities
        self.holdTime = holdTime
        self.connectTimeout = connectTimeout
        self.reconnectBackoff = reconnectBackoff
        self.sessionTimeout = sessionTimeout
    }
}
