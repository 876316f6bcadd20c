import CommandLineSupport
import Models

/// The groups `connect multicast` is to publish to and subscribe to, resolved against the ledger:
/// from the command line, or — when none are named — every group whose allowlists name your key
/// (upstream: the access pass's group allowlists).
struct MulticastGroupRequest: Sendable {
    /// The groups to publish to, in the order named.
    let publish: [MulticastGroup]
    /// The groups to subscribe to, in the order named.
    let subscribe: [MulticastGroup]

    /// Whether no group at all is requested.
    var isEmpty: Bool { publish.isEmpty && subscribe.isEmpty }

    /// Every group requested, publisher groups first, each once.
    var groups: [MulticastGroup] {
        var seen = Set<PublicKey>()
        return (publish + subscribe).filter { seen.insert($0.pubkey).inserted }
    }

    /// Whether `group` is to be published to.
    func publishes(_ group: PublicKey) -> Bool { publish.contains { $0.pubkey == group } }

    /// Whether `group` is to be subscribed to.
    func subscribes(_ group: PublicKey) -> Bool { subscribe.contains { $0.pubkey == group } }

    /// The groups named by `publish` and `subscribe` (codes or keys).
    ///
    /// - Throws: upstream's `Duplicate multicast pub group: X` / `Duplicate multicast sub group: X`
    ///   and `Multicast group not found: X`.
    init(publish: [String], subscribe: [String], known: [MulticastGroup]) throws(CommandFailure) {
        self.publish = try Self.resolve(publish, role: "pub", known: known)
        self.subscribe = try Self.resolve(subscribe, role: "sub", known: known)
    }

    /// The groups whose publisher or subscriber allowlist names `payer`.
    init(allowedFor payer: PublicKey, known: [MulticastGroup]) {
        publish = known.filter { $0.publisherAllowlist.contains(payer) }
        subscribe = known.filter { $0.subscriberAllowlist.contains(payer) }
    }

    /// `P:mg01,S:mg02`, as `status` shows groups.
    var rolesText: String {
        (publish.map { "P:\($0.code)" } + subscribe.map { "S:\($0.code)" }).joined(separator: ",")
    }

    /// Resolves each reference once.
    private static func resolve(_ references: [String], role: String, known: [MulticastGroup]) throws(CommandFailure)
        -> [MulticastGroup]
    {
        var groups: [MulticastGroup] = []
        for reference in references {
            guard
                let group = known.first(where: { $0.code == reference })
                    ?? known.first(where: { $0.code.lowercased() == reference.lowercased() })
                    ?? known.first(where: { $0.pubkey.base58 == reference })
            else { throw CommandFailure("Multicast group not found: \(reference)") }
            guard !groups.contains(where: { $0.pubkey == group.pubkey }) else {
                throw CommandFailure("Duplicate multicast \(role) group: \(reference)")
            }
            groups.append(group)
        }
        return groups
    }
}
