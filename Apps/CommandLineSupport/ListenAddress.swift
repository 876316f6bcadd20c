import ArgumentParser

/// A `HOST:PORT` address a server listens on, as given with `--listen` or `--metrics-addr`.
///
/// `HOST` is a name or IPv4 address, or an IPv6 address in brackets (`[::1]:8080`); `PORT` is
/// 1–65535. Anything else is rejected with a message that shows the expected form.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible, ExpressibleByArgument {
    /// The host name or address, without brackets.
    public let host: String

    /// The TCP port, 1–65535.
    public let port: UInt16

    /// Creates an address from parts already known to be valid.
    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`, throwing a ``ArgumentParser/ValidationError`` that explains a bad value.
    public init(validating text: String) throws(ValidationError) {
        let expected = "expected HOST:PORT with a port from 1 to 65535, e.g. 127.0.0.1:8899 or [::1]:8899"
        guard let colon = text.lastIndex(of: ":") else {
            throw ValidationError("'\(text)' has no port; \(expected)")
        }
        var host = String(text[..<colon])
        let portText = text[text.index(after: colon)...]
        if host.hasPrefix("[") && host.hasSuffix("]") && host.count > 2 {
            host = String(host.dropFirst().dropLast())
        } else if host.contains(":") || host.contains("[") || host.contains("]") {
            throw ValidationError("'\(text)': put an IPv6 host in brackets; \(expected)")
        }
        guard !host.isEmpty, !host.contains(where: \.isWhitespace) else {
            throw ValidationError("'\(text)' has no host; \(expected)")
        }
        guard !portText.isEmpty, portText.allSatisfy(\.isASCII), portText.allSatisfy(\.isNumber),
            let port = Int(portText), (1...65535).contains(port)
        else {
            throw ValidationError("'\(portText)' is not a port; \(expected)")
        }
        self.init(host: host, port: UInt16(port))
    }

    /// Parses `HOST:PORT`, or returns `nil` where ``init(validating:)`` would throw.
    public init?(argument: String) {
        guard let address = try? ListenAddress(validating: argument) else { return nil }
        self = address
    }

    /// The address as `HOST:PORT`, with an IPv6 host in brackets.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The address shown as a default in help text.
    public var defaultValueDescription: String { description }
}

extension ListenAddress {
    /// Parses `HOST:PORT` like ``init(validating:)``, but also accepts port 0: bind any free port
    /// (the server prints the one it got). Tests and scripts use it to avoid port clashes.
    public static func allowingEphemeralPort(_ text: String) throws(ValidationError) -> ListenAddress {
        guard text.hasSuffix(":0") else { return try ListenAddress(validating: text) }
        let checked = try ListenAddress(validating: String(text.dropLast()) + "1")
        return ListenAddress(host: checked.host, port: 0)
    }
}
