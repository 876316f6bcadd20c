/// Where a running ``LedgerHTTPServer`` accepts connections.
public struct LedgerServerAddress: Sendable, Hashable, CustomStringConvertible {
    /// The host it was asked to bind.
    public var host: String
    /// The port it is bound to (the real one when port 0 was asked for).
    public var port: Int

    /// Creates an address.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `HOST:PORT`, with an IPv6 host in brackets.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The base URL clients use, e.g. `http://127.0.0.1:8899`.
    public var url: String { "http://\(description)" }
}
