/// One ledger instruction, as plain data.
///
/// A transaction carries one or more instructions; the ledger program applies them in order,
/// all or nothing. The JSON form is `{"type": "create_location", "args": {...}}` (no `args` for
/// instructions without arguments). ``Instruction/name`` is the snake_case `type`.
public enum Instruction: Hashable, Sendable {
    /// Creates the global state with the signer in every role (no-op once done).
    case initGlobalState
    /// Replaces the activator and/or sentinel keys (foundation).
    case setAuthority(SetAuthorityArgs)
    /// Adds a foundation member (foundation).
    case addFoundationAllowlist(PubkeyArgs)
    /// Removes a foundation member; never yourself or the last one (foundation).
    case removeFoundationAllowlist(PubkeyArgs)
    /// Adds a QA key (foundation).
    case addQaAllowlist(PubkeyArgs)
    /// Removes a QA key (foundation).
    case removeQaAllowlist(PubkeyArgs)
    /// Sets the global configuration (foundation).
    case setGlobalConfig(SetGlobalConfigArgs)
    /// Adds a range to the global multicast publisher pool (foundation).
    case addMulticastPublisherBlock(PrefixArgs)
    /// Moves the ledger epoch forward (foundation).
    case setEpoch(SetEpochArgs)
    /// Creates a location (foundation).
    case createLocation(CreateLocationArgs)
    /// Updates a location (foundation).
    case updateLocation(UpdateLocationArgs)
    /// Suspends a location (foundation).
    case suspendLocation(PubkeyArgs)
    /// Resumes a suspended location (foundation).
    case resumeLocation(PubkeyArgs)
    /// Deletes an unreferenced location (foundation).
    case deleteLocation(PubkeyArgs)
    /// Creates an exchange with the next BGP community (foundation).
    case createExchange(CreateExchangeArgs)
    /// Updates an exchange (foundation).
    case updateExchange(UpdateExchangeArgs)
    /// Suspends an exchange (foundation).
    case suspendExchange(PubkeyArgs)
    /// Resumes a suspended exchange (foundation).
    case resumeExchange(PubkeyArgs)
    /// Deletes an unreferenced exchange (foundation).
    case deleteExchange(PubkeyArgs)
    /// Creates a contributor (foundation).
    case createContributor(CreateContributorArgs)
    /// Updates a contributor (foundation; the owner may change only ops_manager_pk).
    case updateContributor(UpdateContributorArgs)
    /// Suspends a contributor (foundation).
    case suspendContributor(PubkeyArgs)
    /// Resumes a suspended contributor (foundation).
    case resumeContributor(PubkeyArgs)
    /// Deletes an unreferenced contributor (foundation).
    case deleteContributor(PubkeyArgs)
    /// Creates a pending device (contributor owner or foundation).
    case createDevice(CreateDeviceArgs)
    /// Updates or drains a device (contributor owner or foundation).
    case updateDevice(UpdateDeviceArgs)
    /// Marks a drained, unreferenced device without interfaces for deletion (contributor owner or foundation).
    case deleteDevice(PubkeyArgs)
    /// Activates a pending device (activator).
    case activateDevice(PubkeyArgs)
    /// Rejects a pending device (activator).
    case rejectDevice(RejectArgs)
    /// Closes a deleting device (activator).
    case closeDevice(PubkeyArgs)
    /// Adds an interface to a device (contributor owner or foundation).
    case createDeviceInterface(CreateDeviceInterfaceArgs)
    /// Updates an interface (contributor owner or foundation).
    case updateDeviceInterface(UpdateDeviceInterfaceArgs)
    /// Marks an interface for removal (contributor owner or foundation).
    case deleteDeviceInterface(InterfaceArgs)
    /// Activates a pending loopback with its allocation (activator).
    case activateDeviceInterface(ActivateDeviceInterfaceArgs)
    /// Rejects a pending loopback (activator).
    case rejectDeviceInterface(RejectDeviceInterfaceArgs)
    /// Removes a deleting interface after its resources are released (activator).
    case removeDeviceInterface(InterfaceArgs)
    /// Creates a link (side-A contributor owner or foundation).
    case createLink(CreateLinkArgs)
    /// Accepts a requested DZX link (side-Z contributor owner or foundation).
    case acceptLink(AcceptLinkArgs)
    /// Declines a requested DZX link, saying why; it becomes rejected (side-Z contributor owner or foundation).
    case declineLink(RejectArgs)
    /// Updates or drains a link (either side's contributor owner or foundation).
    case updateLink(UpdateLinkArgs)
    /// Marks a drained link for deletion (contributor owner or foundation).
    case deleteLink(PubkeyArgs)
    /// Activates a pending link with its allocation (activator).
    case activateLink(ActivateLinkArgs)
    /// Rejects a pending link (activator).
    case rejectLink(RejectArgs)
    /// Closes a deleting link (activator).
    case closeLink(PubkeyArgs)
    /// Creates a pending user (access-pass holder).
    case createUser(CreateUserArgs)
    /// Creates a pending multicast user with roles in a group (access-pass holder).
    case createSubscribeUser(CreateSubscribeUserArgs)
    /// Sets a user's publisher/subscriber roles in a group (user owner or foundation).
    case updateMulticastRoles(UpdateMulticastRolesArgs)
    /// Marks a user for deletion (user owner or foundation).
    case deleteUser(PubkeyArgs)
    /// Bans a user: resources released, key blocked (foundation).
    case requestBanUser(PubkeyArgs)
    /// Activates a pending user with its allocation (activator).
    case activateUser(ActivateUserArgs)
    /// Rejects a pending user (activator).
    case rejectUser(RejectArgs)
    /// Closes a deleting user after its resources are released (activator).
    case closeUser(PubkeyArgs)
    /// Creates a pending multicast group (foundation).
    case createMulticastGroup(CreateMulticastGroupArgs)
    /// Updates a multicast group (foundation).
    case updateMulticastGroup(UpdateMulticastGroupArgs)
    /// Suspends a group (foundation).
    case suspendMulticastGroup(PubkeyArgs)
    /// Reactivates a suspended group (foundation).
    case reactivateMulticastGroup(PubkeyArgs)
    /// Marks an empty group for deletion (foundation).
    case deleteMulticastGroup(PubkeyArgs)
    /// Activates a pending group with its address (activator).
    case activateMulticastGroup(ActivateMulticastGroupArgs)
    /// Rejects a pending group (activator).
    case rejectMulticastGroup(RejectArgs)
    /// Closes a deleting group (activator).
    case closeMulticastGroup(PubkeyArgs)
    /// Allows a client key to publish to a group (group owner or foundation).
    case addMulticastGroupPublisher(MulticastAllowlistArgs)
    /// Withdraws a client key's right to publish (group owner or foundation).
    case removeMulticastGroupPublisher(MulticastAllowlistArgs)
    /// Allows a client key to subscribe to a group (group owner or foundation).
    case addMulticastGroupSubscriber(MulticastAllowlistArgs)
    /// Withdraws a client key's right to subscribe (group owner or foundation).
    case removeMulticastGroupSubscriber(MulticastAllowlistArgs)
    /// Creates or updates an access pass (foundation or sentinel).
    case setAccessPass(SetAccessPassArgs)
    /// Closes an access pass with no live users (foundation or sentinel).
    case closeAccessPass(AccessPassKeyArgs)

    /// Every instruction's JSON name and how to decode its arguments, in declaration order: the
    /// one place an instruction is named. ``name``, ``allNames``, decoding and encoding all derive
    /// from it (a case's name is its identifier in snake_case).
    private static let table: [(name: String, decode: ArgumentsDecoder)] = [
        ("init_global_state", { _ in .initGlobalState }),
        ("set_authority", { .setAuthority(try $0.arguments()) }),
        ("add_foundation_allowlist", { .addFoundationAllowlist(try $0.arguments()) }),
        ("remove_foundation_allowlist", { .removeFoundationAllowlist(try $0.arguments()) }),
        ("add_qa_allowlist", { .addQaAllowlist(try $0.arguments()) }),
        ("remove_qa_allowlist", { .removeQaAllowlist(try $0.arguments()) }),
        ("set_global_config", { .setGlobalConfig(try $0.arguments()) }),
        ("add_multicast_publisher_block", { .addMulticastPublisherBlock(try $0.arguments()) }),
        ("set_epoch", { .setEpoch(try $0.arguments()) }),
        ("create_location", { .createLocation(try $0.arguments()) }),
        ("update_location", { .updateLocation(try $0.arguments()) }),
        ("suspend_location", { .suspendLocation(try $0.arguments()) }),
        ("resume_location", { .resumeLocation(try $0.arguments()) }),
        ("delete_location", { .deleteLocation(try $0.arguments()) }),
        ("create_exchange", { .createExchange(try $0.arguments()) }),
        ("update_exchange", { .updateExchange(try $0.arguments()) }),
        ("suspend_exchange", { .suspendExchange(try $0.arguments()) }),
        ("resume_exchange", { .resumeExchange(try $0.arguments()) }),
        ("delete_exchange", { .deleteExchange(try $0.arguments()) }),
        ("create_contributor", { .createContributor(try $0.arguments()) }),
        ("update_contributor", { .updateContributor(try $0.arguments()) }),
        ("suspend_contributor", { .suspendContributor(try $0.arguments()) }),
        ("resume_contributor", { .resumeContributor(try $0.arguments()) }),
        ("delete_contributor", { .deleteContributor(try $0.arguments()) }),
        ("create_device", { .createDevice(try $0.arguments()) }),
        ("update_device", { .updateDevice(try $0.arguments()) }),
        ("delete_device", { .deleteDevice(try $0.arguments()) }),
        ("activate_device", { .activateDevice(try $0.arguments()) }),
        ("reject_device", { .rejectDevice(try $0.arguments()) }),
        ("close_device", { .closeDevice(try $0.arguments()) }),
        ("create_device_interface", { .createDeviceInterface(try $0.arguments()) }),
        ("update_device_interface", { .updateDeviceInterface(try $0.arguments()) }),
        ("delete_device_interface", { .deleteDeviceInterface(try $0.arguments()) }),
        ("activate_device_interface", { .activateDeviceInterface(try $0.arguments()) }),
        ("reject_device_interface", { .rejectDeviceInterface(try $0.arguments()) }),
        ("remove_device_interface", { .removeDeviceInterface(try $0.arguments()) }),
        ("create_link", { .createLink(try $0.arguments()) }),
        ("accept_link", { .acceptLink(try $0.arguments()) }),
        ("decline_link", { .declineLink(try $0.arguments()) }),
        ("update_link", { .updateLink(try $0.arguments()) }),
        ("delete_link", { .deleteLink(try $0.arguments()) }),
        ("activate_link", { .activateLink(try $0.arguments()) }),
        ("reject_link", { .rejectLink(try $0.arguments()) }),
        ("close_link", { .closeLink(try $0.arguments()) }),
        ("create_user", { .createUser(try $0.arguments()) }),
        ("create_subscribe_user", { .createSubscribeUser(try $0.arguments()) }),
        ("update_multicast_roles", { .updateMulticastRoles(try $0.arguments()) }),
        ("delete_user", { .deleteUser(try $0.arguments()) }),
        ("request_ban_user", { .requestBanUser(try $0.arguments()) }),
        ("activate_user", { .activateUser(try $0.arguments()) }),
        ("reject_user", { .rejectUser(try $0.arguments()) }),
        ("close_user", { .closeUser(try $0.arguments()) }),
        ("create_multicast_group", { .createMulticastGroup(try $0.arguments()) }),
        ("update_multicast_group", { .updateMulticastGroup(try $0.arguments()) }),
        ("suspend_multicast_group", { .suspendMulticastGroup(try $0.arguments()) }),
        ("reactivate_multicast_group", { .reactivateMulticastGroup(try $0.arguments()) }),
        ("delete_multicast_group", { .deleteMulticastGroup(try $0.arguments()) }),
        ("activate_multicast_group", { .activateMulticastGroup(try $0.arguments()) }),
        ("reject_multicast_group", { .rejectMulticastGroup(try $0.arguments()) }),
        ("close_multicast_group", { .closeMulticastGroup(try $0.arguments()) }),
        ("add_multicast_group_publisher", { .addMulticastGroupPublisher(try $0.arguments()) }),
        ("remove_multicast_group_publisher", { .removeMulticastGroupPublisher(try $0.arguments()) }),
        ("add_multicast_group_subscriber", { .addMulticastGroupSubscriber(try $0.arguments()) }),
        ("remove_multicast_group_subscriber", { .removeMulticastGroupSubscriber(try $0.arguments()) }),
        ("set_access_pass", { .setAccessPass(try $0.arguments()) }),
        ("close_access_pass", { .closeAccessPass(try $0.arguments()) }),
    ]

    /// Decodes one instruction's `args` (nothing for an instruction without arguments).
    private typealias ArgumentsDecoder = @Sendable (KeyedDecodingContainer<CodingKeys>) throws -> Instruction

    /// Every instruction name, in declaration order.
    public static let allNames: [String] = table.map(\.name)

    /// The decoder of each name.
    private static let decoders: [String: ArgumentsDecoder] = Dictionary(
        uniqueKeysWithValues: table.map { ($0.name, $0.decode) })

    /// The JSON name of each case identifier (`createLocation` → `create_location`).
    private static let namesByCase: [String: String] = Dictionary(
        uniqueKeysWithValues: allNames.map { (caseIdentifier(of: $0), $0) })

    /// The case identifier a JSON name stands for: `create_location` → `createLocation`.
    static func caseIdentifier(of name: String) -> String {
        let words = name.split(separator: "_")
        return words.enumerated().map {
            $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst()
        }
        .joined()
    }

    /// This case's identifier and its arguments (nil for an instruction without arguments).
    private var caseAndArguments: (identifier: String, arguments: (any Encodable)?) {
        guard let child = Mirror(reflecting: self).children.first, let label = child.label else {
            return (String(describing: self), nil)
        }
        return (label, child.value as? any Encodable)
    }

    /// The snake_case name used as the JSON `type`, for example `create_location`.
    public var name: String {
        let identifier = caseAndArguments.identifier
        guard let name = Self.namesByCase[identifier] else {
            preconditionFailure("instruction case \(identifier) is missing from Instruction.table")
        }
        return name
    }
}

extension Instruction: Codable {
    fileprivate enum CodingKeys: String, CodingKey {
        case type, args
    }

    /// Decodes `{"type": ..., "args": ...}`; an unknown type fails with a message naming it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        guard let decode = Self.decoders[type] else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unknown instruction '\(type)'")
        }
        self = try decode(container)
    }

    /// Encodes `{"type": ..., "args": ...}` (no `args` for an instruction without arguments).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let (identifier, arguments) = caseAndArguments
        guard let name = Self.namesByCase[identifier] else {
            preconditionFailure("instruction case \(identifier) is missing from Instruction.table")
        }
        try container.encode(name, forKey: .type)
        if let arguments { try container.encode(arguments, forKey: .args) }
    }
}

extension KeyedDecodingContainer where K == Instruction.CodingKeys {
    /// The `args` object, as the type the instruction's case carries.
    fileprivate func arguments<Arguments: Decodable>() throws -> Arguments {
        try decode(Arguments.self, forKey: .args)
    }
}
