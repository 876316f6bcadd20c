import BGP
import Models
import Tunnel

/// The changes of one burst of BGP events reduced to at most one netlink change per prefix,
/// against what the kernel holds: a prefix withdrawn and announced again in the same burst (a
/// session flap during a full-table transfer) becomes one replace, a route announced and
/// withdrawn again becomes nothing, and a replace by the route already installed is dropped.
struct KernelRouteBatch {
    /// The netlink changes, in the order their prefixes first changed.
    private(set) var changes: [RouteChange] = []
    /// The desired route of each change (nil for a delete), parallel to ``changes``.
    private(set) var outcomes: [(prefix: IPv4Prefix, route: DesiredKernelRoute?)] = []

    /// Reduces `wanted` (in order) against `installed`, the routes the kernel holds by prefix.
    init(_ wanted: [KernelRouteChange], installed: [IPv4Prefix: DesiredKernelRoute]) {
        var final: [IPv4Prefix: DesiredKernelRoute?] = [:]
        var order: [IPv4Prefix] = []
        for change in wanted {
            let (prefix, route): (IPv4Prefix, DesiredKernelRoute?) =
                switch change {
                case .replace(let route): (route.destination, route)
                case .delete(let route): (route.destination, nil)
                }
            if final.updateValue(route, forKey: prefix) == nil { order.append(prefix) }
        }
        for prefix in order {
            let route = final[prefix]!
            let current = installed[prefix]
            if let route {
                guard current != route else { continue }
                changes.append(.replace(Self.kernelRoute(route)))
            } else {
                guard let current else { continue }
                changes.append(.delete(Self.kernelRoute(current)))
            }
            outcomes.append((prefix, route))
        }
    }

    /// The Tunnel package's form of a desired route.
    static func kernelRoute(_ route: DesiredKernelRoute) -> Route {
        Route(
            destination: route.destination, gateway: route.gateway, source: route.source, table: route.table,
            protocol: RouteProtocol(rawValue: route.routeProtocol))
    }
}
