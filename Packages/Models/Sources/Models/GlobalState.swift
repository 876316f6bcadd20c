/// The ledger's singleton of authorities and counters.
public struct GlobalState: Hashable, Sendable, Codable {
    /// Foundation members: may administer everything. Never empty.
    public var foundationAllowlist: [PublicKey]
    /// The key the activator signs with (Activate/Reject/Close instructions).
    public var activatorAuthority: PublicKey
    /// The sentinel service key (may manage access passes).
    public var sentinelAuthority: PublicKey
    /// Keys that bypass device status and capacity checks when creating users (QA).
    public var qaAllowlist: [PublicKey]
    /// Monotonic counter: every created location, exchange, contributor, device, link and
    /// multicast group takes the next value as its `index`. Never reused.
    public var accountIndex: UInt64
    /// The ledger's current epoch; access passes admit unicast users while
    /// `last_access_epoch >= epoch`.
    public var epoch: UInt64

    /// Creates the state `InitGlobalState` makes: the initializer holds every role.
    public init(initializer: PublicKey) {
        self.foundationAllowlist = [initializer]
        self.activatorAuthority = initializer
        self.sentinelAuthority = initializer
        self.qaAllowlist = []
        self.accountIndex = 0
        self.epoch = 1
    }

    /// Whether `key` is a foundation member.
    public func isFoundation(_ key: PublicKey) -> Bool { foundationAllowlist.contains(key) }

    /// Checks the invariants: the foundation allowlist is non-empty and has no duplicates.
    public func validate() throws(ProgramError) {
        guard !foundationAllowlist.isEmpty else {
            throw ProgramError(
                .invalidFoundationAllowlist, "the foundation allowlist must not be empty",
                field: "foundation_allowlist")
        }
        guard Set(foundationAllowlist).count == foundationAllowlist.count else {
            throw ProgramError(
                .invalidFoundationAllowlist, "the foundation allowlist has duplicate keys",
                field: "foundation_allowlist")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case foundationAllowlist = "foundation_allowlist"
        case activatorAuthority = "activator_authority"
        case sentinelAuthority = "sentinel_authority"
        case qaAllowlist = "qa_allowlist"
        case accountIndex = "account_index"
        case epoch
    }
}
