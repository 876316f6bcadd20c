import FuzzSupport
import Models
import Tunnel

/// One conversation of a ``NetlinkSession`` whose replies are parsed: a dump, a get, or a request
/// answered by an acknowledgement (or a batch of them). Read from the front of the input: the
/// first byte picks the case, the next bytes give its arguments.
enum NetlinkQuery {
    /// `links()`: an `RTM_GETLINK` dump.
    case links
    /// `link(named:)`: one `RTM_GETLINK`.
    case link
    /// `addresses(interfaceIndex:)`: an `RTM_GETADDR` dump.
    case addresses(interfaceIndex: Int32?)
    /// `routes(table:protocol:)`: an `RTM_GETROUTE` dump.
    case routes(table: UInt32, protocol: RouteProtocol?)
    /// `routeLookup(to:)`: one `RTM_GETROUTE`.
    case routeLookup(IPv4Address)
    /// `rules()`: an `RTM_GETRULE` dump.
    case rules
    /// `addRoute(_:)`: an acknowledged request.
    case addRoute(Route)
    /// `createGRELink(_:)`: an acknowledged request whose EOPNOTSUPP means "no GRE".
    case createGRELink(GRELinkSpec)
    /// `applyRoutes(_:acknowledgement:)`: a batch of acknowledged requests.
    case applyRoutes([RouteChange], NetlinkBatchAcknowledgement)

    /// The query the front of `input` describes.
    init(_ input: inout FuzzInput) {
        switch input.byte() % 9 {
        case 0: self = .links
        case 1: self = .link
        case 2: self = .addresses(interfaceIndex: input.bool() ? Int32(input.byte()) : nil)
        case 3:
            self = .routes(table: input.uint32(), protocol: input.bool() ? RouteProtocol(rawValue: input.byte()) : nil)
        case 4: self = .routeLookup(IPv4Address(input.uint32()))
        case 5: self = .rules
        case 6: self = .addRoute(Self.route(&input))
        case 7:
            self = .createGRELink(
                GRELinkSpec(
                    name: LinuxInterfaceName(constant: "doublezero0"), local: IPv4Address(input.uint32()),
                    remote: IPv4Address(input.uint32())))
        default:
            let changes = (0..<input.int(in: 1...8)).map { _ in
                input.bool() ? RouteChange.delete(Self.route(&input)) : .replace(Self.route(&input))
            }
            self = .applyRoutes(changes, input.bool() ? .errorsOnly : .everyRequest)
        }
    }

    /// A route from the input: destination, optional gateway, table.
    private static func route(_ input: inout FuzzInput) -> Route {
        let destination = IPv4Prefix(
            uncheckedAddress: IPv4Address(input.uint32()), length: UInt8(input.int(in: 0...32)))
        let gateway = input.bool() ? IPv4Address(input.uint32()) : nil
        return Route(destination: destination, gateway: gateway, table: UInt32(input.uint16()))
    }

    /// Runs the query; a thrown ``NetlinkError`` is an answer, and what is returned must be what
    /// was asked for.
    func run(on session: NetlinkSession) {
        do {
            switch self {
            case .links:
                _ = try session.links()
            case .link:
                _ = try session.link(named: LinuxInterfaceName(constant: "doublezero0"))
            case .addresses(let index):
                let addresses = try session.addresses(interfaceIndex: index)
                if let index { precondition(addresses.allSatisfy { $0.interfaceIndex == index }) }
            case .routes(let table, let routeProtocol):
                for route in try session.routes(table: table, protocol: routeProtocol) {
                    precondition(route.table == table, "route \(route) is not in table \(table)")
                    if let routeProtocol { precondition(route.protocol == routeProtocol, "\(route)") }
                }
            case .routeLookup(let destination):
                if let result = try session.routeLookup(to: destination) {
                    precondition(result.destination == destination)
                }
            case .rules:
                _ = try session.rules()
            case .addRoute(let route):
                try session.addRoute(route)
            case .createGRELink(let spec):
                try session.createGRELink(spec)
            case .applyRoutes(let changes, let acknowledgement):
                let failures = try session.applyRoutes(changes, acknowledgement: acknowledgement)
                precondition(zip(failures, failures.dropFirst()).allSatisfy { $0.index < $1.index }, "\(failures)")
                precondition(
                    failures.allSatisfy { changes.indices.contains($0.index) && changes[$0.index] == $0.change })
            }
        } catch {
            _ = error.description
        }
    }
}
