import Models

/// One of a multicast group's two allowlists: the client keys allowed to publish, or to subscribe.
protocol MulticastAllowlistRole {
    /// The subcommand name (`publisher` or `subscriber`).
    static var commandName: String { get }
    /// What the keys on the list may do, for help text (`publish to`).
    static var verbPhrase: String { get }
    /// The keys on `group`'s list.
    static func members(of group: MulticastGroup) -> [PublicKey]
    /// The instruction that adds a key to the list.
    static func addInstruction(_ args: MulticastAllowlistArgs) -> Instruction
    /// The instruction that removes a key from the list.
    static func removeInstruction(_ args: MulticastAllowlistArgs) -> Instruction
}

/// The publisher allowlist.
enum PublisherAllowlist: MulticastAllowlistRole {
    static let commandName = "publisher"
    static let verbPhrase = "publish to"
    static func members(of group: MulticastGroup) -> [PublicKey] { group.publisherAllowlist }
    static func addInstruction(_ args: MulticastAllowlistArgs) -> Instruction { .addMulticastGroupPublisher(args) }
    static func removeInstruction(_ args: MulticastAllowlistArgs) -> Instruction {
        .removeMulticastGroupPublisher(args)
    }
}

/// The subscriber allowlist.
enum SubscriberAllowlist: MulticastAllowlistRole {
    static let commandName = "subscriber"
    static let verbPhrase = "subscribe to"
    static func members(of group: MulticastGroup) -> [PublicKey] { group.subscriberAllowlist }
    static func addInstruction(_ args: MulticastAllowlistArgs) -> Instruction { .addMulticastGroupSubscriber(args) }
    static func removeInstruction(_ args: MulticastAllowlistArgs) -> Instruction {
        .removeMulticastGroupSubscriber(args)
    }
}
