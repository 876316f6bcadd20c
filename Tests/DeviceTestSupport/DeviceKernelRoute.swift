import Foundation
import Models

/// A route in the device namespace's main kernel table (`ip -j route show`), where zebra installs
/// what bgpd chose.
public struct DeviceKernelRoute: Hashable, Sendable {
    /// The destination (`default` is `0.0.0.0/0`; a host route is a `/32`).
    public var destination: IPv4Prefix
    /// The gateway, if any.
    public var gateway: IPv4Address?
    /// The output interface.
    public var device: String?
    /// The owner, as `ip` names it (`bgp`, `kernel`, `static`, …).
    public var routeProtocol: String?

    /// The routes in the JSON array `ip -j route show` prints.
    static func routes(inJSON data: Data) -> [DeviceKernelRoute] {
        guard let entries = (try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]] else { return [] }
        return entries.compactMap { entry in
            guard let dst = entry["dst"] as? String else { return nil }
            let destination = dst == "default" ? IPv4Prefix.unset : IPv4Prefix(dst.contains("/") ? dst : dst + "/32")
            guard let destination else { return nil }
            return DeviceKernelRoute(
                destination: destination, gateway: (entry["gateway"] as? String).flatMap(IPv4Address.init),
                device: entry["dev"] as? String, routeProtocol: entry["protocol"] as? String)
        }
    }
}
