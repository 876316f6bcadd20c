/// An organisation that contributes devices and links; its owner key manages them.
public struct Contributor: Hashable, Sendable, Codable {
    /// The entity key.
    public var pubkey: PublicKey
    /// The key that manages this contributor's devices and links.
    public var owner: PublicKey
    /// The global account index taken at creation.
    public var index: UInt64
    /// Short unique code, for example `co01`.
    public var code: String
    /// Status.
    public var status: InfrastructureStatus
    /// Number of devices and links of this contributor; deletion needs 0.
    public var referenceCount: UInt32
    /// Optional operations manager key.
    public var opsManager: PublicKey?

    /// Creates a contributor.
    public init(
        pubkey: PublicKey, owner: PublicKey, index: UInt64, code: String, status: InfrastructureStatus = .activated,
        referenceCount: UInt32 = 0, opsManager: PublicKey? = nil
    ) {
        self.pubkey = pubkey
        self.owner = owner
        self.index = index
        self.code = code
        self.status = status
        self.referenceCount = referenceCount
        self.opsManager = opsManager
    }

    /// Checks the code.
    public func validate() throws(ProgramError) {
        try AccountCode.validate(code)
    }

    private enum CodingKeys: String, CodingKey {
        case pubkey, owner, index, code, status
        case referenceCount = "reference_count"
        case opsManager = "ops_manager_pk"
    }
}
