/// Creates an activated contributor.
public struct CreateContributorArgs: Hashable, Sendable, Codable {
    /// Unique code.
    public var code: String
    /// The key that will manage its devices and links.
    public var owner: PublicKey

    /// Creates the arguments.
    public init(code: String, owner: PublicKey) {
        self.code = code
        self.owner = owner
    }

    private enum CodingKeys: String, CodingKey {
        case code
        case owner
    }
}

/// Updates a contributor; absent fields stay as they are.
public struct UpdateContributorArgs: Hashable, Sendable, Codable {
    /// The contributor.
    public var pubkey: PublicKey
    /// New code.
    public var code: String?
    /// New owner key.
    public var owner: PublicKey?
    /// New operations manager key; the all-zero key removes it (the contributor then has none).
    public var opsManager: PublicKey?

    /// Creates the arguments.
    public init(pubkey: PublicKey, code: String? = nil, owner: PublicKey? = nil, opsManager: PublicKey? = nil) {
        self.pubkey = pubkey
        self.code = code
        self.owner = owner
        self.opsManager = opsManager
    }

    private enum CodingKeys: String, CodingKey {
        case pubkey
        case code
        case owner
        case opsManager = "ops_manager_pk"
    }
}
