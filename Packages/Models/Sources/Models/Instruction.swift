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

    /// Every instruction name, in declaration order.
    public static let allNames: [String] = [
        "init_global_state",
        "set_authority",
        "add_foundation_allowlist",
        "remove_foundation_allowlist",
        "add_qa_allowlist",
        "remove_qa_allowlist",
        "set_global_config",
        "add_multicast_publisher_block",
        "set_epoch",
        "create_location",
        "update_location",
        "suspend_location",
        "resume_location",
        "delete_location",
        "create_exchange",
        "update_exchange",
        "suspend_exchange",
        "resume_exchange",
        "delete_exchange",
        "create_contributor",
        "update_contributor",
        "suspend_contributor",
        "resume_contributor",
        "delete_contributor",
        "create_device",
        "update_device",
        "delete_device",
        "activate_device",
        "reject_device",
        "close_device",
        "create_device_interface",
        "update_device_interface",
        "delete_device_interface",
        "activate_device_interface",
        "reject_device_interface",
        "remove_device_interface",
        "create_link",
        "accept_link",
        "decline_link",
        "update_link",
        "delete_link",
        "activate_link",
        "reject_link",
        "close_link",
        "create_user",
        "create_subscribe_user",
        "update_multicast_roles",
        "delete_user",
        "request_ban_user",
        "activate_user",
        "reject_user",
        "close_user",
        "create_multicast_group",
        "update_multicast_group",
        "suspend_multicast_group",
        "reactivate_multicast_group",
        "delete_multicast_group",
        "activate_multicast_group",
        "reject_multicast_group",
        "close_multicast_group",
        "add_multicast_group_publisher",
        "remove_multicast_group_publisher",
        "add_multicast_group_subscriber",
        "remove_multicast_group_subscriber",
        "set_access_pass",
        "close_access_pass",
    ]

    /// The snake_case name used as the JSON `type`, for example `create_location`.
    public var name: String {
        switch self {
        case .initGlobalState: "init_global_state"
        case .setAuthority: "set_authority"
        case .addFoundationAllowlist: "add_foundation_allowlist"
        case .removeFoundationAllowlist: "remove_foundation_allowlist"
        case .addQaAllowlist: "add_qa_allowlist"
        case .removeQaAllowlist: "remove_qa_allowlist"
        case .setGlobalConfig: "set_global_config"
        case .addMulticastPublisherBlock: "add_multicast_publisher_block"
        case .setEpoch: "set_epoch"
        case .createLocation: "create_location"
        case .updateLocation: "update_location"
        case .suspendLocation: "suspend_location"
        case .resumeLocation: "resume_location"
        case .deleteLocation: "delete_location"
        case .createExchange: "create_exchange"
        case .updateExchange: "update_exchange"
        case .suspendExchange: "suspend_exchange"
        case .resumeExchange: "resume_exchange"
        case .deleteExchange: "delete_exchange"
        case .createContributor: "create_contributor"
        case .updateContributor: "update_contributor"
        case .suspendContributor: "suspend_contributor"
        case .resumeContributor: "resume_contributor"
        case .deleteContributor: "delete_contributor"
        case .createDevice: "create_device"
        case .updateDevice: "update_device"
        case .deleteDevice: "delete_device"
        case .activateDevice: "activate_device"
        case .rejectDevice: "reject_device"
        case .closeDevice: "close_device"
        case .createDeviceInterface: "create_device_interface"
        case .updateDeviceInterface: "update_device_interface"
        case .deleteDeviceInterface: "delete_device_interface"
        case .activateDeviceInterface: "activate_device_interface"
        case .rejectDeviceInterface: "reject_device_interface"
        case .removeDeviceInterface: "remove_device_interface"
        case .createLink: "create_link"
        case .acceptLink: "accept_link"
        case .declineLink: "decline_link"
        case .updateLink: "update_link"
        case .deleteLink: "delete_link"
        case .activateLink: "activate_link"
        case .rejectLink: "reject_link"
        case .closeLink: "close_link"
        case .createUser: "create_user"
        case .createSubscribeUser: "create_subscribe_user"
        case .updateMulticastRoles: "update_multicast_roles"
        case .deleteUser: "delete_user"
        case .requestBanUser: "request_ban_user"
        case .activateUser: "activate_user"
        case .rejectUser: "reject_user"
        case .closeUser: "close_user"
        case .createMulticastGroup: "create_multicast_group"
        case .updateMulticastGroup: "update_multicast_group"
        case .suspendMulticastGroup: "suspend_multicast_group"
        case .reactivateMulticastGroup: "reactivate_multicast_group"
        case .deleteMulticastGroup: "delete_multicast_group"
        case .activateMulticastGroup: "activate_multicast_group"
        case .rejectMulticastGroup: "reject_multicast_group"
        case .closeMulticastGroup: "close_multicast_group"
        case .addMulticastGroupPublisher: "add_multicast_group_publisher"
        case .removeMulticastGroupPublisher: "remove_multicast_group_publisher"
        case .addMulticastGroupSubscriber: "add_multicast_group_subscriber"
        case .removeMulticastGroupSubscriber: "remove_multicast_group_subscriber"
        case .setAccessPass: "set_access_pass"
        case .closeAccessPass: "close_access_pass"
        }
    }
}

extension Instruction: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, args
    }

    /// Decodes `{"type": ..., "args": ...}`; an unknown type fails with a message naming it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "init_global_state": self = .initGlobalState
        case "set_authority": self = .setAuthority(try container.decode(SetAuthorityArgs.self, forKey: .args))
        case "add_foundation_allowlist":
            self = .addFoundationAllowlist(try container.decode(PubkeyArgs.self, forKey: .args))
        case "remove_foundation_allowlist":
            self = .removeFoundationAllowlist(try container.decode(PubkeyArgs.self, forKey: .args))
        case "add_qa_allowlist": self = .addQaAllowlist(try container.decode(PubkeyArgs.self, forKey: .args))
        case "remove_qa_allowlist": self = .removeQaAllowlist(try container.decode(PubkeyArgs.self, forKey: .args))
        case "set_global_config": self = .setGlobalConfig(try container.decode(SetGlobalConfigArgs.self, forKey: .args))
        case "add_multicast_publisher_block":
            self = .addMulticastPublisherBlock(try container.decode(PrefixArgs.self, forKey: .args))
        case "set_epoch": self = .setEpoch(try container.decode(SetEpochArgs.self, forKey: .args))
        case "create_location": self = .createLocation(try container.decode(CreateLocationArgs.self, forKey: .args))
        case "update_location": self = .updateLocation(try container.decode(UpdateLocationArgs.self, forKey: .args))
        case "suspend_location": self = .suspendLocation(try container.decode(PubkeyArgs.self, forKey: .args))
        case "resume_location": self = .resumeLocation(try container.decode(PubkeyArgs.self, forKey: .args))
        case "delete_location": self = .deleteLocation(try container.decode(PubkeyArgs.self, forKey: .args))
        case "create_exchange": self = .createExchange(try container.decode(CreateExchangeArgs.self, forKey: .args))
        case "update_exchange": self = .updateExchange(try container.decode(UpdateExchangeArgs.self, forKey: .args))
        case "suspend_exchange": self = .suspendExchange(try container.decode(PubkeyArgs.self, forKey: .args))
        case "resume_exchange": self = .resumeExchange(try container.decode(PubkeyArgs.self, forKey: .args))
        case "delete_exchange": self = .deleteExchange(try container.decode(PubkeyArgs.self, forKey: .args))
        case "create_contributor":
            self = .createContributor(try container.decode(CreateContributorArgs.self, forKey: .args))
        case "update_contributor":
            self = .updateContributor(try container.decode(UpdateContributorArgs.self, forKey: .args))
        case "suspend_contributor": self = .suspendContributor(try container.decode(PubkeyArgs.self, forKey: .args))
        case "resume_contributor": self = .resumeContributor(try container.decode(PubkeyArgs.self, forKey: .args))
        case "delete_contributor": self = .deleteContributor(try container.decode(PubkeyArgs.self, forKey: .args))
        case "create_device": self = .createDevice(try container.decode(CreateDeviceArgs.self, forKey: .args))
        case "update_device": self = .updateDevice(try container.decode(UpdateDeviceArgs.self, forKey: .args))
        case "delete_device": self = .deleteDevice(try container.decode(PubkeyArgs.self, forKey: .args))
        case "activate_device": self = .activateDevice(try container.decode(PubkeyArgs.self, forKey: .args))
        case "reject_device": self = .rejectDevice(try container.decode(RejectArgs.self, forKey: .args))
        case "close_device": self = .closeDevice(try container.decode(PubkeyArgs.self, forKey: .args))
        case "create_device_interface":
            self = .createDeviceInterface(try container.decode(CreateDeviceInterfaceArgs.self, forKey: .args))
        case "update_device_interface":
            self = .updateDeviceInterface(try container.decode(UpdateDeviceInterfaceArgs.self, forKey: .args))
        case "delete_device_interface":
            self = .deleteDeviceInterface(try container.decode(InterfaceArgs.self, forKey: .args))
        case "activate_device_interface":
            self = .activateDeviceInterface(try container.decode(ActivateDeviceInterfaceArgs.self, forKey: .args))
        case "reject_device_interface":
            self = .rejectDeviceInterface(try container.decode(RejectDeviceInterfaceArgs.self, forKey: .args))
        case "remove_device_interface":
            self = .removeDeviceInterface(try container.decode(InterfaceArgs.self, forKey: .args))
        case "create_link": self = .createLink(try container.decode(CreateLinkArgs.self, forKey: .args))
        case "accept_link": self = .acceptLink(try container.decode(AcceptLinkArgs.self, forKey: .args))
        case "decline_link": self = .declineLink(try container.decode(RejectArgs.self, forKey: .args))
        case "update_link": self = .updateLink(try container.decode(UpdateLinkArgs.self, forKey: .args))
        case "delete_link": self = .deleteLink(try container.decode(PubkeyArgs.self, forKey: .args))
        case "activate_link": self = .activateLink(try container.decode(ActivateLinkArgs.self, forKey: .args))
        case "reject_link": self = .rejectLink(try container.decode(RejectArgs.self, forKey: .args))
        case "close_link": self = .closeLink(try container.decode(PubkeyArgs.self, forKey: .args))
        case "create_user": self = .createUser(try container.decode(CreateUserArgs.self, forKey: .args))
        case "create_subscribe_user":
            self = .createSubscribeUser(try container.decode(CreateSubscribeUserArgs.self, forKey: .args))
        case "update_multicast_roles":
            self = .updateMulticastRoles(try container.decode(UpdateMulticastRolesArgs.self, forKey: .args))
        case "delete_user": self = .deleteUser(try container.decode(PubkeyArgs.self, forKey: .args))
        case "request_ban_user": self = .requestBanUser(try container.decode(PubkeyArgs.self, forKey: .args))
        case "activate_user": self = .activateUser(try container.decode(ActivateUserArgs.self, forKey: .args))
        case "reject_user": self = .rejectUser(try container.decode(RejectArgs.self, forKey: .args))
        case "close_user": self = .closeUser(try container.decode(PubkeyArgs.self, forKey: .args))
        case "create_multicast_group":
            self = .createMulticastGroup(try container.decode(CreateMulticastGroupArgs.self, forKey: .args))
        case "update_multicast_group":
            self = .updateMulticastGroup(try container.decode(UpdateMulticastGroupArgs.self, forKey: .args))
        case "suspend_multicast_group":
            self = .suspendMulticastGroup(try container.decode(PubkeyArgs.self, forKey: .args))
        case "reactivate_multicast_group":
            self = .reactivateMulticastGroup(try container.decode(PubkeyArgs.self, forKey: .args))
        case "delete_multicast_group":
            self = .deleteMulticastGroup(try container.decode(PubkeyArgs.self, forKey: .args))
        case "activate_multicast_group":
            self = .activateMulticastGroup(try container.decode(ActivateMulticastGroupArgs.self, forKey: .args))
        case "reject_multicast_group":
            self = .rejectMulticastGroup(try container.decode(RejectArgs.self, forKey: .args))
        case "close_multicast_group": self = .closeMulticastGroup(try container.decode(PubkeyArgs.self, forKey: .args))
        case "add_multicast_group_publisher":
            self = .addMulticastGroupPublisher(try container.decode(MulticastAllowlistArgs.self, forKey: .args))
        case "remove_multicast_group_publisher":
            self = .removeMulticastGroupPublisher(try container.decode(MulticastAllowlistArgs.self, forKey: .args))
        case "add_multicast_group_subscriber":
            self = .addMulticastGroupSubscriber(try container.decode(MulticastAllowlistArgs.self, forKey: .args))
        case "remove_multicast_group_subscriber":
            self = .removeMulticastGroupSubscriber(try container.decode(MulticastAllowlistArgs.self, forKey: .args))
        case "set_access_pass": self = .setAccessPass(try container.decode(SetAccessPassArgs.self, forKey: .args))
        case "close_access_pass": self = .closeAccessPass(try container.decode(AccessPassKeyArgs.self, forKey: .args))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unknown instruction '\(type)'")
        }
    }

    /// Encodes `{"type": ..., "args": ...}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .type)
        switch self {
        case .initGlobalState: break
        case .setAuthority(let args): try container.encode(args, forKey: .args)
        case .addFoundationAllowlist(let args): try container.encode(args, forKey: .args)
        case .removeFoundationAllowlist(let args): try container.encode(args, forKey: .args)
        case .addQaAllowlist(let args): try container.encode(args, forKey: .args)
        case .removeQaAllowlist(let args): try container.encode(args, forKey: .args)
        case .setGlobalConfig(let args): try container.encode(args, forKey: .args)
        case .addMulticastPublisherBlock(let args): try container.encode(args, forKey: .args)
        case .setEpoch(let args): try container.encode(args, forKey: .args)
        case .createLocation(let args): try container.encode(args, forKey: .args)
        case .updateLocation(let args): try container.encode(args, forKey: .args)
        case .suspendLocation(let args): try container.encode(args, forKey: .args)
        case .resumeLocation(let args): try container.encode(args, forKey: .args)
        case .deleteLocation(let args): try container.encode(args, forKey: .args)
        case .createExchange(let args): try container.encode(args, forKey: .args)
        case .updateExchange(let args): try container.encode(args, forKey: .args)
        case .suspendExchange(let args): try container.encode(args, forKey: .args)
        case .resumeExchange(let args): try container.encode(args, forKey: .args)
        case .deleteExchange(let args): try container.encode(args, forKey: .args)
        case .createContributor(let args): try container.encode(args, forKey: .args)
        case .updateContributor(let args): try container.encode(args, forKey: .args)
        case .suspendContributor(let args): try container.encode(args, forKey: .args)
        case .resumeContributor(let args): try container.encode(args, forKey: .args)
        case .deleteContributor(let args): try container.encode(args, forKey: .args)
        case .createDevice(let args): try container.encode(args, forKey: .args)
        case .updateDevice(let args): try container.encode(args, forKey: .args)
        case .deleteDevice(let args): try container.encode(args, forKey: .args)
        case .activateDevice(let args): try container.encode(args, forKey: .args)
        case .rejectDevice(let args): try container.encode(args, forKey: .args)
        case .closeDevice(let args): try container.encode(args, forKey: .args)
        case .createDeviceInterface(let args): try container.encode(args, forKey: .args)
        case .updateDeviceInterface(let args): try container.encode(args, forKey: .args)
        case .deleteDeviceInterface(let args): try container.encode(args, forKey: .args)
        case .activateDeviceInterface(let args): try container.encode(args, forKey: .args)
        case .rejectDeviceInterface(let args): try container.encode(args, forKey: .args)
        case .removeDeviceInterface(let args): try container.encode(args, forKey: .args)
        case .createLink(let args): try container.encode(args, forKey: .args)
        case .acceptLink(let args): try container.encode(args, forKey: .args)
        case .declineLink(let args): try container.encode(args, forKey: .args)
        case .updateLink(let args): try container.encode(args, forKey: .args)
        case .deleteLink(let args): try container.encode(args, forKey: .args)
        case .activateLink(let args): try container.encode(args, forKey: .args)
        case .rejectLink(let args): try container.encode(args, forKey: .args)
        case .closeLink(let args): try container.encode(args, forKey: .args)
        case .createUser(let args): try container.encode(args, forKey: .args)
        case .createSubscribeUser(let args): try container.encode(args, forKey: .args)
        case .updateMulticastRoles(let args): try container.encode(args, forKey: .args)
        case .deleteUser(let args): try container.encode(args, forKey: .args)
        case .requestBanUser(let args): try container.encode(args, forKey: .args)
        case .activateUser(let args): try container.encode(args, forKey: .args)
        case .rejectUser(let args): try container.encode(args, forKey: .args)
        case .closeUser(let args): try container.encode(args, forKey: .args)
        case .createMulticastGroup(let args): try container.encode(args, forKey: .args)
        case .updateMulticastGroup(let args): try container.encode(args, forKey: .args)
        case .suspendMulticastGroup(let args): try container.encode(args, forKey: .args)
        case .reactivateMulticastGroup(let args): try container.encode(args, forKey: .args)
        case .deleteMulticastGroup(let args): try container.encode(args, forKey: .args)
        case .activateMulticastGroup(let args): try container.encode(args, forKey: .args)
        case .rejectMulticastGroup(let args): try container.encode(args, forKey: .args)
        case .closeMulticastGroup(let args): try container.encode(args, forKey: .args)
        case .addMulticastGroupPublisher(let args): try container.encode(args, forKey: .args)
        case .removeMulticastGroupPublisher(let args): try container.encode(args, forKey: .args)
        case .addMulticastGroupSubscriber(let args): try container.encode(args, forKey: .args)
        case .removeMulticastGroupSubscriber(let args): try container.encode(args, forKey: .args)
        case .setAccessPass(let args): try container.encode(args, forKey: .args)
        case .closeAccessPass(let args): try container.encode(args, forKey: .args)
        }
    }
}
