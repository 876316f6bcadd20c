/// Creates or updates the access pass for (client_ip, user_payer).
public struct SetAccessPassArgs: Hashable, Sendable, Codable {
    /// Kind of pass.
    public var accessPassType: AccessPassType
    /// Node identity for validator/RPC passes.
    public var typeKey: PublicKey?
    /// Name for others passes.
    public var typeName: String?
    /// Admitted IP (0.0.0.0 = any).
    public var clientIp: IPv4Address
    /// The client key.
    public var userPayer: PublicKey
    /// Last epoch unicast users are admitted (UInt64.max = forever).
    public var lastAccessEpoch: UInt64
    /// Admit other IPs too.
    public var allowMultipleIp: Bool

    /// Creates the arguments.
    public init(
        accessPassType: AccessPassType = .prepaid, typeKey: PublicKey? = nil, typeName: String? = nil,
        clientIp: IPv4Address, userPayer: PublicKey, lastAccessEpoch: UInt64 = AccessPass.unlimitedEpoch,
        allowMultipleIp: Bool = false
    ) {
        self.accessPassType = accessPassType
        self.typeKey = typeKey
        self.typeName = typeName
        self.clientIp = clientIp
        self.userPayer = userPayer
        self.lastAccessEpoch = lastAccessEpoch
        self.allowMultipleIp = allowMultipleIp
    }

    private enum CodingKeys: String, CodingKey {
        case accessPassType = "accesspass_type"
        case typeKey = "type_key"
        case typeName = "type_name"
        case clientIp = "client_ip"
        case userPayer = "user_payer"
        case lastAccessEpoch = "last_access_epoch"
        case allowMultipleIp = "allow_multiple_ip"
    }

    /// Decodes the arguments; fields with defaults may be omitted.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accessPassType = try container.decodeIfPresent(AccessPassType.self, forKey: .accessPassType) ?? .prepaid
        typeKey = try container.decodeIfPresent(PublicKey.self, forKey: .typeKey)
        typeName = try container.decodeIfPresent(String.self, forKey: .typeName)
        clientIp = try container.decode(IPv4Address.self, forKey: .clientIp)
        userPayer = try container.decode(PublicKey.self, forKey: .userPayer)
        lastAccessEpoch =
            try container.decodeIfPresent(UInt64.self, forKey: .lastAccessEpoch) ?? AccessPass.unlimitedEpoch
        allowMultipleIp = try container.decodeIfPresent(Bool.self, forKey: .allowMultipleIp) ?? false
    }
}

/// Names an access pass by its natural key.
public struct AccessPassKeyArgs: Hashable, Sendable, Codable {
    /// Admitted IP.
    public var clientIp: IPv4Address
    /// The client key.
    public var userPayer: PublicKey

    /// Creates the arguments.
    public init(clientIp: IPv4Address, userPayer: PublicKey) {
        self.clientIp = clientIp
        self.userPayer = userPayer
    }

    private enum CodingKeys: String, CodingKey {
        case clientIp = "client_ip"
        case userPayer = "user_payer"
    }
}
