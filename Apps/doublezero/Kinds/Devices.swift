import ArgumentParser

/// Devices (DZDs): the routers that carry DoubleZero traffic and terminate user tunnels.
enum Devices: AdministeredEntity {
    static let commandName = "device"
    static let noun = "device"
    static let abstract = "Manage devices: the routers (DZDs) that carry traffic and terminate user tunnels."
    static let discussion = """
        A device stands at a location, belongs to an exchange (metro) and a contributor, and has a public \
        IP plus one or more dz_prefixes it hands DoubleZero IPs out of. Users connect to it over GRE. \
        It takes at most --max-unicast-users unicast and --max-multicast-users multicast users (48 each \
        by default; 0 means none of that type). New devices are Pending until the activator allocates \
        their resources.
        """

    /// `device create` flags.
    struct CreateFields: ParsableArguments {
        /// Unique code.
        @Option(name: .long, help: ArgumentHelp("Unique code, up to 32 characters (e.g. ny5-dz01).", valueName: "code"))
        var code: String

        /// Owning contributor.
        @Option(name: .long, help: ArgumentHelp("The owning contributor (code or pubkey).", valueName: "contributor"))
        var contributor: String

        /// Where it stands.
        @Option(name: .long, help: ArgumentHelp("Its location (code or pubkey).", valueName: "location"))
        var location: String

        /// Its metro.
        @Option(name: .long, help: ArgumentHelp("Its exchange, i.e. metro (code or pubkey).", valueName: "exchange"))
        var exchange: String

        /// Public IPv4 address.
        @Option(name: .long, help: ArgumentHelp("Its public IPv4 address (global unless transit).", valueName: "ipv4"))
        var publicIP: String

        /// Prefixes it hands DoubleZero IPs out of.
        @Option(
            name: .long,
            help: ArgumentHelp(
                "Global prefixes it hands DoubleZero IPs out of, comma-separated (e.g. 64.86.249.80/29).",
                valueName: "prefixes"))
        var dzPrefixes: String

        /// The key that signs its telemetry.
        @Option(
            name: .long, help: ArgumentHelp("The key that signs its telemetry and BGP status.", valueName: "pubkey"))
        var metricsPublisher: String?

        /// Management VRF.
        @Option(name: .long, help: ArgumentHelp("Management VRF (empty: the default VRF).", valueName: "vrf"))
        var mgmtVrf = ""

        /// Role.
        @Option(name: .long, help: ArgumentHelp("Its role.", valueName: "type"))
        var deviceType = DeviceTypeChoice.hybrid

        /// Unicast user limit.
        @Option(name: .long, help: ArgumentHelp("Most unicast users it takes (0: none).", valueName: "count"))
        var maxUnicastUsers = 48

        /// Multicast user limit.
        @Option(name: .long, help: ArgumentHelp("Most multicast users it takes (0: none).", valueName: "count"))
        var maxMulticastUsers = 48

        /// Rejects negative or oversized limits.
        func validate() throws {
            try Devices.checkLimit(maxUnicastUsers, flag: "--max-unicast-users")
            try Devices.checkLimit(maxMulticastUsers, flag: "--max-multicast-users")
        }
    }

    /// `device update` flags.
    struct UpdateFields: ParsableArguments {
        /// New code.
        @Option(name: .long, help: ArgumentHelp("New code.", valueName: "code"))
        var code: String?

        /// New contributor.
        @Option(name: .long, help: ArgumentHelp("New contributor (code or pubkey).", valueName: "contributor"))
        var contributor: String?

        /// New location.
        @Option(name: .long, help: ArgumentHelp("New location (code or pubkey).", valueName: "location"))
        var location: String?

        /// New exchange.
        @Option(name: .long, help: ArgumentHelp("New exchange (code or pubkey).", valueName: "exchange"))
        var exchange: String?

        /// New public IP.
        @Option(name: .long, help: ArgumentHelp("New public IPv4 address.", valueName: "ipv4"))
        var publicIP: String?

        /// New prefixes.
        @Option(name: .long, help: ArgumentHelp("New dz_prefixes, comma-separated.", valueName: "prefixes"))
        var dzPrefixes: String?

        /// New telemetry key.
        @Option(name: .long, help: ArgumentHelp("New telemetry signing key.", valueName: "pubkey"))
        var metricsPublisher: String?

        /// New management VRF.
        @Option(name: .long, help: ArgumentHelp("New management VRF.", valueName: "vrf"))
        var mgmtVrf: String?

        /// New role.
        @Option(name: .long, help: ArgumentHelp("New role.", valueName: "type"))
        var deviceType: DeviceTypeChoice?

        /// New unicast limit.
        @Option(name: .long, help: ArgumentHelp("New unicast user limit (0: none).", valueName: "count"))
        var maxUnicastUsers: Int?

        /// New multicast limit.
        @Option(name: .long, help: ArgumentHelp("New multicast user limit (0: none).", valueName: "count"))
        var maxMulticastUsers: Int?

        /// Rejects negative or oversized limits.
        func validate() throws {
            if let maxUnicastUsers { try Devices.checkLimit(maxUnicastUsers, flag: "--max-unicast-users") }
            if let maxMulticastUsers { try Devices.checkLimit(maxMulticastUsers, flag: "--max-multicast-users") }
        }
    }

    /// `device list` filters.
    struct ListFilters: ParsableArguments {
        /// Only this contributor's devices.
        @Option(name: .shortAndLong, help: ArgumentHelp("Only this contributor's devices.", valueName: "contributor"))
        var contributor: String?

        /// Only devices in this exchange.
        @Option(name: .long, help: ArgumentHelp("Only devices in this exchange.", valueName: "exchange"))
        var exchange: String?

        /// Only devices at this location.
        @Option(name: .long, help: ArgumentHelp("Only devices at this location.", valueName: "location"))
        var location: String?

        /// Only devices of this role.
        @Option(name: .long, help: ArgumentHelp("Only devices of this role.", valueName: "type"))
        var deviceType: DeviceTypeChoice?

        /// Only devices with this status.
        @Option(name: .long, help: ArgumentHelp("Only devices with this status (e.g. activated).", valueName: "status"))
        var status: String?

        /// Only devices whose code contains this text.
        @Option(name: .long, help: ArgumentHelp("Only devices whose code contains this text.", valueName: "text"))
        var code: String?

        /// Fewer columns.
        @Flag(name: .long, help: "Leave out the dz_prefixes, mgmt_vrf and owner columns.")
        var narrow = false
    }

    /// Throws a `ValidationError` naming `flag` unless `value` fits a 16-bit counter.
    static func checkLimit(_ value: Int, flag: String) throws {
        guard (0...Int(UInt16.max)).contains(value) else {
            throw ValidationError("\(flag) must be between 0 and \(UInt16.max) (got \(value)).")
        }
    }
}
