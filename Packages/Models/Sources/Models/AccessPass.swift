/// The entitlement of one client key (`user_payer`) to create users from one client IP, or
/// from any IP when `client_ip` is `0.0.0.0`.
public struct AccessPass: Hashable, Sendable, Codable {
    /// `last_access_epoch` value meaning "never expires".
    public static let unlimitedEpoch = UInt64.max

    /// The entity key (derived from client IP and user payer).
    public var pubkey: PublicKey
    /// The key that created it.
    public var owner: PublicKey
    /// Kind of pass.
    public var accessPassType: AccessPassType
    /// Identity carried by validator and RPC passes.
    public var typeKey: PublicKey?
    /// Name carried by `others` passes.
    public var typeName: String?
    /// The client IP it admits; `0.0.0.0` = any IP.
    public var clientIp: IPv4Address
    /// The client key allowed to create users with it.
    public var userPayer: PublicKey
    /// Unicast users need `last_access_epoch >= current epoch`; 0 admits only multicast.
    public var lastAccessEpoch: UInt64
    /// Live users admitted by it; closing needs 0.
    public var connectionCount: UInt16
    /// Status.
    public var status: AccessPassStatus
    /// Whether a specific-IP pass may admit other IPs too.
    public var allowMultipleIp: Bool

    /// Creates a pass.
    public init(
        pubkey: PublicKey, owner: PublicKey, accessPassType: AccessPassType = .prepaid, typeKey: PublicKey? = nil,
        typeName: String? = nil, clientIp: IPv4Address, userPayer: PublicKey,
        lastAccessEpoch: UInt64 = AccessPass.unlimitedEpoch, connectionCount: UInt16 = 0,
        status: AccessPassStatus = .requested, allowMultipleIp: Bool = false
    ) {
        self.pubkey = pubkey
        self.owner = owner
        self.accessPassType = accessPassType
        self.typeKey = typeKey
        self.typeName = typeName
        self.clientIp = clientIp
        self.userPayer = userPayer
        self.lastAccessEpoch = lastAccessEpoch
        self.connectionCount = connectionCount
        self.status = status
        self.allowMultipleIp = allowMultipleIp
    }

    /// Whether the pass admits a user of `type` from `ip` at `epoch` (IP and epoch rules only).
    public func admits(_ type: UserType, from ip: IPv4Address, atEpoch epoch: UInt64) -> Bool {
        let ipMatches = clientIp.isUnspecified || clientIp == ip || allowMultipleIp
        let epochOK = !type.isEpochGated || lastAccessEpoch >= epoch
        return ipMatches && epochOK
    }

    /// Checks the fields.
    ///
    /// - Throws: ``ProgramError`` with `InvalidClientIp`, `InvalidSolanaPubkey` or `InvalidArgument`.
    public func validate() throws(ProgramError) {
        guard clientIp.isUnspecified || clientIp.isGlobal else {
            throw ProgramError(
                .invalidClientIp, "client_ip \(clientIp) is neither 0.0.0.0 nor globally routable", field: "client_ip")
        }
        guard !userPayer.isZero else {
            throw ProgramError(.invalidArgument, "user_payer must be set", field: "user_payer")
        }
        switch accessPassType {
        case .solanaValidator, .solanaRPC:
            guard let typeKey, !typeKey.isZero else {
                throw ProgramError(
                    .invalidSolanaPubkey, "a \(accessPassType.rawValue) pass needs the node's public key",
                    field: "type_key")
            }
        case .others:
            guard let typeName, !typeName.isEmpty else {
                throw ProgramError(.invalidArgument, "an 'others' pass needs a type_name", field: "type_name")
            }
            try AccountCode.validateName(typeName, field: "type_name")
        case .prepaid:
            break
        }
    }

    private enum CodingKeys: String, CodingKey {
        case pubkey, owner
        case accessPassType = "accesspass_type"
        case typeKey = "type_key"
        case typeName = "type_name"
        case clientIp = "client_ip"
        case userPayer = "user_payer"
        case lastAccessEpoch = "last_access_epoch"
        case connectionCount = "connection_count"
        case status
        case allowMultipleIp = "allow_multiple_ip"
    }
}
