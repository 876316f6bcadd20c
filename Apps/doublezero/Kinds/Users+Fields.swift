import ArgumentParser
import CommandLineSupport
import Ledger
import Models

extension Users {
    /// `user create` flags.
    struct CreateFields: CreateInstructionFields {
        /// The device the tunnel terminates on.
        @Option(name: .long, help: ArgumentHelp("The device the tunnel goes to (code or pubkey).", valueName: "device"))
        var device: String

        /// The host's public IP.
        @Option(name: .long, help: ArgumentHelp("The host's public IPv4 address.", valueName: "ipv4"))
        var clientIP: IPv4Address

        /// Service type.
        @Option(name: .long, help: ArgumentHelp("The service type.", valueName: "type"))
        var userType = UserType.ibrl

        /// How the host reaches the device.
        @Option(name: .long, help: ArgumentHelp("How the host reaches the device.", valueName: "type"))
        var cyoaType = CYOAType.greOverDIA

        /// The device-side tunnel endpoint.
        @Option(
            name: .long,
            help: ArgumentHelp(
                "The device address the tunnel ends on: its public IP (default) or a user-tunnel-endpoint interface's.",
                valueName: "ipv4"))
        var tunnelEndpoint = IPv4Address.unspecified

        /// Groups to publish to (multicast users).
        @Option(name: .long, help: ArgumentHelp("A multicast group to publish to (repeatable).", valueName: "group"))
        var publish: [String] = []

        /// Groups to subscribe to (multicast users).
        @Option(name: .long, help: ArgumentHelp("A multicast group to subscribe to (repeatable).", valueName: "group"))
        var subscribe: [String] = []

        /// Rejects groups on a unicast user and a multicast user without groups.
        func validate() throws {
            let hasGroups = !publish.isEmpty || !subscribe.isEmpty
            if userType == .multicast && !hasGroups {
                throw ValidationError("a multicast user needs at least one --publish or --subscribe group.")
            }
            if userType != .multicast && hasGroups {
                throw ValidationError("--publish and --subscribe need --user-type multicast.")
            }
        }

        /// CreateUser for a unicast user; for a multicast user CreateSubscribeUser with the first group,
        /// then UpdateMulticastRoles for each further group, all in one transaction.
        func instructions(in session: LedgerSession) async throws -> [Instruction] {
            let deviceKey = try await session.key(of: Device.self, reference: device)
            guard userType == .multicast else {
                return [
                    .createUser(
                        CreateUserArgs(
                            userType: userType, device: deviceKey, cyoaType: cyoaType, clientIp: clientIP,
                            tunnelEndpoint: tunnelEndpoint))
                ]
            }
            let roles = try await MulticastRoles(publish: publish, subscribe: subscribe, in: session)
            let first = roles.groups[0]
            let user = EntitySeed.user(clientIp: clientIP, userType: .multicast).publicKey
            return [
                .createSubscribeUser(
                    CreateSubscribeUserArgs(
                        device: deviceKey, cyoaType: cyoaType, clientIp: clientIP, tunnelEndpoint: tunnelEndpoint,
                        group: first, publisher: roles.publishes(first), subscriber: roles.subscribes(first)))
            ]
                + roles.groups.dropFirst().map { group in
                    .updateMulticastRoles(
                        UpdateMulticastRolesArgs(
                            user: user, group: group, publisher: roles.publishes(group),
                            subscriber: roles.subscribes(group)))
                }
        }
    }

    /// `user list` filters (repeat a flag to match any of several values).
    struct ListFilters: ListFiltering {
        /// Only users on these devices.
        @Option(name: .long, help: ArgumentHelp("Only users on this device (repeatable).", valueName: "device"))
        var device: [String] = []

        /// Only users at these locations.
        @Option(name: .long, help: ArgumentHelp("Only users at this location (repeatable).", valueName: "location"))
        var location: [String] = []

        /// Only users with these client IPs.
        @Option(name: .long, help: ArgumentHelp("Only users with this client IP (repeatable).", valueName: "ipv4"))
        var clientIP: [IPv4Address] = []

        /// Only users owned by these keys.
        @Option(
            name: .long,
            help: ArgumentHelp("Only users owned by this key (repeatable; `me` works).", valueName: "pubkey"))
        var owner: [KeyReference] = []

        /// Only users of these types.
        @Option(name: .long, help: ArgumentHelp("Only users of this type (repeatable).", valueName: "type"))
        var userType: [UserType] = []

        /// Only users with these statuses.
        @Option(name: .long, help: ArgumentHelp("Only users with this status (repeatable).", valueName: "status"))
        var status: [UserStatus] = []

        /// Only users in these multicast groups.
        @Option(name: .long, help: ArgumentHelp("Only users in this multicast group (repeatable).", valueName: "group"))
        var multicastGroup: [String] = []

        /// Fewer columns.
        @Flag(name: .long, help: "Leave out the accesspass, tunnel_net, tunnel_endpoint and owner columns.")
        var narrow = false

        /// The query the flags ask for.
        func query(in session: LedgerSession) async throws -> RecordQuery<User> {
            var query = RecordQuery<User>()
            query.require("device_pk", \.device, in: try await session.keys(of: Device.self, references: device))
            query.require("client_ip", \.clientIp, in: clientIP)
            query.require("owner", \.owner, in: try owner.map(session.publicKey))
            query.require("user_type", \.userType, in: userType)
            query.require("status", \.status, in: status)
            if !location.isEmpty {
                let locations = Set(try await session.keys(of: Location.self, references: location))
                let devices = Set(
                    try await session.records(Device.self).filter { locations.contains($0.location) }.map(\.pubkey))
                query.require { devices.contains($0.device) }
            }
            if !multicastGroup.isEmpty {
                let groups = Set(try await session.keys(of: MulticastGroup.self, references: multicastGroup))
                query.require { !groups.isDisjoint(with: $0.publishers + $0.subscribers) }
            }
            return query
        }
    }
}
