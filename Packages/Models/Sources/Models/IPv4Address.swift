/// An IPv4 address held as a 32-bit integer in host order.
///
/// Parsing is strict dotted-quad: exactly four decimal octets, no leading zeros
/// (so `010.0.0.1` is refused rather than read as octal or decimal), no spaces.
/// The JSON form is the dotted-quad string.
public struct IPv4Address: Hashable, Comparable, Sendable {
    /// The address as a 32-bit integer (`10.0.0.1` is `0x0A00_0001`).
    public var value: UInt32

    /// The unspecified address `0.0.0.0`, used across the ledger as "unset".
    public static let unspecified = IPv4Address(0)

    /// Creates an address from its 32-bit integer value.
    public init(_ value: UInt32) {
        self.value = value
    }

    /// Creates an address from four octets, most significant first.
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        self.value = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// Parses a dotted-quad string; returns nil for anything else.
    public init?(_ text: some StringProtocol) {
        var octets: [UInt32] = []
        octets.reserveCapacity(4)
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            if part.count > 1 && part.first == "0" { return nil }
            guard let octet = UInt32(part), octet <= 255 else { return nil }
            octets.append(octet)
        }
        guard octets.count == 4 else { return nil }
        self.value = octets[0] << 24 | octets[1] << 16 | octets[2] << 8 | octets[3]
    }

    /// The four octets, most significant first.
    public var octets: (UInt8, UInt8, UInt8, UInt8) {
        (UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
    }

    /// The four octets in network byte order, as a byte array.
    public var bytes: [UInt8] {
        let o = octets
        return [o.0, o.1, o.2, o.3]
    }

    /// Whether this is `0.0.0.0` (the ledger's "unset" value).
    public var isUnspecified: Bool { value == 0 }

    /// The address `offset` positions later, or nil if that passes `255.255.255.255`.
    public func advanced(by offset: UInt32) -> IPv4Address? {
        let (sum, overflow) = value.addingReportingOverflow(offset)
        return overflow ? nil : IPv4Address(sum)
    }

    /// Orders addresses numerically.
    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool {
        lhs.value < rhs.value
    }
}

extension IPv4Address: CustomStringConvertible {
    /// The dotted-quad form, for example `169.254.0.1`.
    public var description: String {
        let o = octets
        return "\(o.0).\(o.1).\(o.2).\(o.3)"
    }
}

extension IPv4Address: Codable {
    /// Decodes the dotted-quad string form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let address = IPv4Address(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not an IPv4 address (expected a.b.c.d)")
        }
        self = address
    }

    /// Encodes the dotted-quad string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension IPv4Address: ExpressibleByStringLiteral {
    /// Creates an address from a literal; a malformed literal is a programming error.
    public init(stringLiteral text: String) {
        guard let address = IPv4Address(text) else { preconditionFailure("invalid IPv4 literal '\(text)'") }
        self = address
    }
}
