import Models

/// The body of `POST /resolve-route`: `{"dst": "a.b.c.d"}`.
public struct ResolveRouteRequest: Codable, Sendable, Hashable {
    /// The destination to look a route up for.
    public var destination: String?

    enum CodingKeys: String, CodingKey {
        case destination = "dst"
    }

    /// A body asking about `destination`.
    public init(destination: String?) {
        self.destination = destination
    }

    /// The destination as an address, or ``RequestRejection/invalid(_:)`` when absent or not a dotted quad.
    public func validated() throws(RequestRejection) -> IPv4Address {
        guard let destination, !destination.isEmpty else { throw .invalid("dst is required") }
        guard let address = IPv4Address(destination) else {
            throw .invalid("dst '\(destination)' is not an IPv4 address (expected a.b.c.d)")
        }
        return address
    }
}
