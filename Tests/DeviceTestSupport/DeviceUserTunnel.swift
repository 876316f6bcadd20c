import Models
import Tunnel

/// One user tunnel a device serves: the device end of a user's GRE tunnel and its BGP neighbor
/// (client.md §2.16, controlplane.md S7 and S13–S15).
///
/// The device takes the lower address of the `/31` overlay and the client the upper one; the
/// client's overlay address is the BGP neighbor (`remote-as 65000`, passive, timers 1 3).
public struct DeviceUserTunnel: Hashable, Sendable {
    /// What the user does over the tunnel; decides the communities and the inbound filter.
    public enum Kind: Hashable, Sendable {
        /// IBRL (with or without an allocated IP): routes tagged `21682:1200`, sent every
        /// other user's route tagged `21682:1200`.
        case unicast
        /// A multicast publisher: its DZ IP tagged `21682:1300`.
        case multicastPublisher
        /// A multicast subscriber only: nothing is accepted from it.
        case multicastSubscriber
    }

    /// The tunnel id (EOS `Tunnel<id>`, 500 upward); names the Linux interface, the route-maps
    /// and the prefix-list.
    public var id: UInt16
    /// The device's tunnel endpoint (the GRE source on the device; EOS `tunnel source`).
    public var deviceEndpoint: IPv4Address
    /// The client's underlay address (the GRE destination; EOS `tunnel destination`).
    public var clientUnderlay: IPv4Address
    /// The `/31` overlay network.
    public var overlay: IPv4Prefix
    /// The user's DZ IP, the one `/32` accepted from it (nil for a subscriber-only user).
    public var dzIP: IPv4Address?
    /// What the user does.
    public var kind: Kind

    /// A user tunnel; unicast unless said otherwise.
    public init(
        id: UInt16, deviceEndpoint: IPv4Address, clientUnderlay: IPv4Address, overlay: IPv4Prefix,
        dzIP: IPv4Address?, kind: Kind = .unicast
    ) {
        self.id = id
        self.deviceEndpoint = deviceEndpoint
        self.clientUnderlay = clientUnderlay
        self.overlay = overlay
        self.dzIP = dzIP
        self.kind = kind
    }

    /// The device's overlay address (the lower end of the `/31`); nil when `overlay` is not a `/31`.
    public var deviceOverlay: IPv4Address? { overlay.halves?.lower }

    /// The client's overlay address (the upper end), which is the device's BGP neighbor.
    public var clientOverlay: IPv4Address? { overlay.halves?.upper }

    /// The Linux interface on the device: `Tunnel<id>`, as on EOS.
    public var interfaceName: LinuxInterfaceName {
        // "Tunnel" and at most five digits: always a valid name.
        do { return try LinuxInterfaceName("Tunnel\(id)") } catch { preconditionFailure("\(error)") }
    }

    /// The device side of the tunnel for the Tunnel package's reconciler.
    public var deviceSpec: TunnelSpec {
        TunnelSpec(
            name: interfaceName, local: deviceEndpoint, remote: clientUnderlay, overlay: overlay, side: .device)
    }

    /// The client side of the same tunnel (`doublezero0` for unicast, `doublezero1` for multicast),
    /// for tests that build the client end themselves; the DZ IP goes on the interface unless it is
    /// the client's underlay address (IBRL, whose DZ IP is the public IP).
    public var clientSpec: TunnelSpec {
        let slot: TunnelSlot = kind == .unicast ? .unicast : .multicast
        return TunnelSpec(
            name: slot.interfaceName, local: clientUnderlay, remote: deviceEndpoint, overlay: overlay, side: .client,
            dzIP: dzIP == clientUnderlay ? nil : dzIP)
    }
}
