import Foundation
import Models

/// One BGP neighbor as bgpd reports it (`show bgp neighbors X json`).
public struct FRRNeighbor: Hashable, Sendable {
    /// The neighbor's address.
    public var address: IPv4Address
    /// The FSM state: `Idle`, `Connect`, `Active`, `OpenSent`, `OpenConfirm` or `Established`.
    public var state: String
    /// The neighbor's AS.
    public var remoteAS: UInt32
    /// The AS the device speaks to it.
    public var localAS: UInt32
    /// The negotiated hold time in milliseconds (the configured one before Established).
    public var holdTimeMilliseconds: Int
    /// How many IPv4 unicast routes bgpd accepted from it (after the inbound policy).
    public var acceptedPrefixCount: Int

    /// Whether the session is Established.
    public var isEstablished: Bool { state == "Established" }

    /// Reads `address`'s entry from `show bgp neighbors ADDRESS json`; nil when it has none.
    init?(json: [String: Any], address: IPv4Address) {
        guard let entry = json[address.description] as? [String: Any],
            let state = entry["bgpState"] as? String
        else { return nil }
        self.address = address
        self.state = state
        remoteAS = (entry["remoteAs"] as? NSNumber)?.uint32Value ?? 0
        localAS = (entry["localAs"] as? NSNumber)?.uint32Value ?? 0
        holdTimeMilliseconds = (entry["bgpTimerHoldTimeMsecs"] as? NSNumber)?.intValue ?? 0
        let families = entry["addressFamilyInfo"] as? [String: Any]
        let unicast = families?["ipv4Unicast"] as? [String: Any]
        acceptedPrefixCount = (unicast?["acceptedPrefixCounter"] as? NSNumber)?.intValue ?? 0
    }
}
