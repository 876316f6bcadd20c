import CommandLineSupport
import Models

/// The multicast groups a user is to publish to and subscribe to, resolved from `--publish` and
/// `--subscribe` codes: each group once, publisher groups first.
struct MulticastRoles {
    /// Every group named, publisher groups first, each once.
    let groups: [PublicKey]
    /// The groups to publish to.
    private let publishing: Set<PublicKey>
    /// The groups to subscribe to.
    private let subscribing: Set<PublicKey>

    /// Resolves the group codes (or keys) through `session`.
    init(publish: [String], subscribe: [String], in session: LedgerSession) async throws {
        let publishing = try await session.keys(of: MulticastGroup.self, references: publish)
        let subscribing = try await session.keys(of: MulticastGroup.self, references: subscribe)
        var seen = Set<PublicKey>()
        self.groups = (publishing + subscribing).filter { seen.insert($0).inserted }
        self.publishing = Set(publishing)
        self.subscribing = Set(subscribing)
    }

    /// Whether the user is to publish to `group`.
    func publishes(_ group: PublicKey) -> Bool { publishing.contains(group) }

    /// Whether the user is to subscribe to `group`.
    func subscribes(_ group: PublicKey) -> Bool { subscribing.contains(group) }
}
