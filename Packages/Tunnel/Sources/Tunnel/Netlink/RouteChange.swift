/// One change of a batch given to ``NetlinkSession/applyRoutes(_:acknowledgement:)``: install a route with
/// replace semantics, or delete one.
public enum RouteChange: Hashable, Sendable, CustomStringConvertible {
    /// Add the route, or replace the one with the same destination, table and metric
    /// (`RTM_NEWROUTE`, create + replace), as ``NetlinkSession/replaceRoute(_:)``.
    case replace(Route)
    /// Delete the route, matched by destination, gateway, source and table, any protocol
    /// (`RTM_DELROUTE`), as ``NetlinkSession/deleteRoute(_:)``; a route that is already gone
    /// counts as deleted.
    case delete(Route)

    /// The route the change is about.
    public var route: Route {
        switch self {
        case .replace(let route), .delete(let route): route
        }
    }

    /// `replace 10.1.0.0/24 via 169.254.0.0 table 254` or `delete …`.
    public var description: String {
        switch self {
        case .replace(let route): "replace \(route)"
        case .delete(let route): "delete \(route)"
        }
    }

    /// The request kind it sends.
    var netlinkChange: NetlinkChange {
        switch self {
        case .replace: .replace
        case .delete: .delete
        }
    }
}
