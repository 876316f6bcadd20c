import Models

/// One interface of one device: the device key and the interface's normalised name.
struct DeviceInterfaceRef: Hashable, Sendable, CustomStringConvertible {
    /// The device.
    let device: PublicKey
    /// The normalised interface name.
    let name: String

    /// `Ethernet1/1 on <device key>`.
    var description: String { "\(name) on device \(device)" }
}

extension Link {
    /// The interfaces this link binds (side Z only once it is named).
    var boundInterfaces: [DeviceInterfaceRef] {
        var refs = [DeviceInterfaceRef(device: sideA, name: sideAIfaceName)]
        if holdsSideZ { refs.append(DeviceInterfaceRef(device: sideZ, name: sideZIfaceName)) }
        return refs
    }

    /// Whether the link holds side Z's device: once it names an interface there (a WAN link
    /// from creation, a DZX link from `accept_link`). A requested or declined DZX link does not.
    var holdsSideZ: Bool { !sideZIfaceName.isEmpty }
}
