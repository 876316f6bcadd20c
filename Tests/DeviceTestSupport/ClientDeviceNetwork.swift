import Foundation
import LinuxHostTesting
import Models
import Synchronization

/// A client host and a device, each a scratch network namespace, joined by a veth underlay:
/// the client's `veth0` has ``clientUnderlay`` (`198.51.100.2/24`, TEST-NET-2) and the device's
/// ``deviceEndpoint`` (`198.51.100.1/24`), both with `lo` up.
///
/// ``with(_:)`` creates both, runs the body and deletes both (and with them the veth pair and
/// anything inside) whether the body returns or throws. Start an ``FRRDevice`` in ``device`` and
/// build the client end in ``client`` (a `TunnelSetReconciler`, a `BGPSpeaker`, `doublezerod`).
public final class ClientDeviceNetwork: Sendable {
    /// The client's underlay address (its public IP; an IBRL user's DZ IP).
    public static let clientUnderlay: IPv4Address = "198.51.100.2"
    /// The device's tunnel endpoint on the underlay.
    public static let deviceEndpoint: IPv4Address = "198.51.100.1"
    /// The prefix length of the underlay.
    public static let underlayLength = 24

    private static let counter = Mutex(0)

    /// The client host's namespace.
    public let client: ScratchNamespace
    /// The device's namespace.
    public let device: ScratchNamespace

    private init(client: ScratchNamespace, device: ScratchNamespace) {
        self.client = client
        self.device = device
    }

    /// The client's underlay address (``clientUnderlay``).
    public var clientUnderlay: IPv4Address { Self.clientUnderlay }
    /// The device's tunnel endpoint (``deviceEndpoint``).
    public var deviceEndpoint: IPv4Address { Self.deviceEndpoint }

    /// Two fresh names, `dzc-PID-N` and `dzd-PID-N`, unique in this process.
    public static func freshNames() -> (client: String, device: String) {
        let index = counter.withLock { value -> Int in
            value += 1
            return value
        }
        let tag = "\(getpid() % 100_000)-\(index)"
        return ("dzc-\(tag)", "dzd-\(tag)")
    }

    /// Creates the two namespaces and the underlay, runs `body`, deletes both namespaces.
    ///
    /// - Throws: a `ScratchNamespaceError` or ``FRRDeviceError`` when the network cannot be
    ///   made (not root, iproute2 missing), or what `body` throws.
    public static func with<T>(_ body: (ClientDeviceNetwork) async throws -> T) async throws -> T {
        let names = freshNames()
        return try await ScratchNamespace.with(names: [names.client, names.device]) { namespaces in
            let network = ClientDeviceNetwork(client: namespaces[0], device: namespaces[1])
            try await network.buildUnderlay()
            return try await body(network)
        }
    }

    private func buildUnderlay() async throws(FRRDeviceError) {
        try await SystemCommand.ip(
            client.name, ["link", "add", "veth0", "type", "veth", "peer", "name", "veth0", "netns", device.name])
        let addresses = [(client.name, Self.clientUnderlay), (device.name, Self.deviceEndpoint)]
        for (namespace, address) in addresses {
            try await SystemCommand.ip(namespace, ["addr", "add", "\(address)/\(Self.underlayLength)", "dev", "veth0"])
            try await SystemCommand.ip(namespace, ["link", "set", "lo", "up"])
            try await SystemCommand.ip(namespace, ["link", "set", "veth0", "up"])
        }
    }
}
