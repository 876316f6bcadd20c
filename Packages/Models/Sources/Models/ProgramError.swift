/// Why the ledger program refused something: a code from ``ErrorCode``, a message for people,
/// and the field that was wrong when one was.
///
/// Validation in this module and every instruction the ledger applies fail with this type, so
/// a client sees one shape of error wherever the check ran.
public struct ProgramError: Error, Hashable, Sendable, Codable {
    /// The machine-readable code.
    public var code: ErrorCode
    /// What went wrong, naming the offending value.
    public var message: String
    /// The snake_case field the error is about, when there is one (for example `tunnel_net`).
    public var field: String?

    /// Creates an error.
    public init(_ code: ErrorCode, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    private enum CodingKeys: String, CodingKey {
        case code, name, message, field
    }

    /// Decodes `{"code": 28, "name": "InvalidTunnelNet", "message": ..., "field": ...}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(ErrorCode.self, forKey: .code)
        message = try container.decode(String.self, forKey: .message)
        field = try container.decodeIfPresent(String.self, forKey: .field)
    }

    /// Encodes the code, its upstream name, the message and the field.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(code.name, forKey: .name)
        try container.encode(message, forKey: .message)
        try container.encodeIfPresent(field, forKey: .field)
    }
}

extension ProgramError: CustomStringConvertible {
    /// `InvalidTunnelNet (28): tunnel_net 10.0.0.0/31 is not link-local`.
    public var description: String { "\(code.name) (\(code.rawValue)): \(message)" }
}
