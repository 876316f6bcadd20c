import Models

/// The answer of `POST /resolve-route`: `{"src": "w.x.y.z"}`, the kernel's preferred source address.
public struct ResolveRouteResponse: Codable, Sendable, Hashable {
    /// The source address the kernel would use toward the destination.
    public var source: IPv4Address

    enum CodingKeys: String, CodingKey {
        case source = "src"
    }

    /// An answer naming `source`.
    public init(source: IPv4Address) {
        self.source = source
    }
}
