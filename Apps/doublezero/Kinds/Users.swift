import ArgumentParser

/// Users: one account per tunnel of a user host.
enum Users: AdministeredEntity {
    typealias GetSelector = PubkeySelector

    static let commandName = "user"
    static let noun = "user"
    static let abstract = "Manage users: the accounts behind each user host's tunnels."
    static let discussion = """
        A user is one tunnel of one host (client IP) to one device. A host may hold one unicast user \
        (tunnel doublezero0) and one multicast user (doublezero1) at the same time, on different tunnel \
        endpoints. `doublezero connect` normally creates users; these verbs are for administrators. New \
        users are Pending until the activator allocates their tunnel /31, tunnel ID and DoubleZero IP.
        """

    /// `user create` flags.
    struct CreateFields: ParsableArguments {
        /// The device the tunnel terminates on.
        @Option(name: .long, help: ArgumentHelp("The device the tunnel goes to (code or pubkey).", valueName: "device"))
        var device: String

        /// The host's public IP.
        @Option(name: .long, help: ArgumentHelp("The host's public IPv4 address.", valueName: "ipv4"))
        var clientIP: String

        /// Service type.
        @Option(name: .long, help: ArgumentHelp("The service type.", valueName: "type"))
        var userType = UserTypeChoice.ibrl

        /// How the host reaches the device.
        @Option(name: .long, help: ArgumentHelp("How the host reaches the device.", valueName: "type"))
        var cyoaType = CyoaTypeChoice.greOverDIA

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
    }

    /// `user update` flags.
    struct UpdateFields: ParsableArguments {
        /// New reach type.
        @Option(name: .long, help: ArgumentHelp("New way the host reaches the device.", valueName: "type"))
        var cyoaType: CyoaTypeChoice?

        /// New DoubleZero IP.
        @Option(name: .long, help: ArgumentHelp("New DoubleZero IPv4 address.", valueName: "ipv4"))
        var dzIP: String?

        /// New tunnel ID.
        @Option(name: .long, help: ArgumentHelp("New per-device GRE tunnel ID.", valueName: "id"))
        var tunnelID: Int?

        /// New tunnel network.
        @Option(name: .long, help: ArgumentHelp("New tunnel /31 (link-local).", valueName: "prefix"))
        var tunnelNet: String?
    }

    /// `user list` filters (repeat a flag to match any of several values).
    struct ListFilters: ParsableArguments {
        /// Only users on these devices.
        @Option(name: .long, help: ArgumentHelp("Only users on this device (repeatable).", valueName: "device"))
        var device: [String] = []

        /// Only users at these locations.
        @Option(name: .long, help: ArgumentHelp("Only users at this location (repeatable).", valueName: "location"))
        var location: [String] = []

        /// Only users with these client IPs.
        @Option(name: .long, help: ArgumentHelp("Only users with this client IP (repeatable).", valueName: "ipv4"))
        var clientIP: [String] = []

        /// Only users owned by these keys.
        @Option(name: .long, help: ArgumentHelp("Only users owned by this key (repeatable).", valueName: "pubkey"))
        var owner: [String] = []

        /// Only users of these types.
        @Option(name: .long, help: ArgumentHelp("Only users of this type (repeatable).", valueName: "type"))
        var userType: [UserTypeChoice] = []

        /// Only users with these statuses.
        @Option(name: .long, help: ArgumentHelp("Only users with this status (repeatable).", valueName: "status"))
        var status: [String] = []

        /// Only users in these multicast groups.
        @Option(name: .long, help: ArgumentHelp("Only users in this multicast group (repeatable).", valueName: "group"))
        var multicastGroup: [String] = []

        /// Fewer columns.
        @Flag(name: .long, help: "Fewer columns.")
        var narrow = false
    }
}
