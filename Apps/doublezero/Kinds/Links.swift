import ArgumentParser

/// Links: the circuits between two devices.
enum Links: AdministeredEntity {
    static let commandName = "link"
    static let noun = "link"
    static let abstract = "Manage links: the circuits that join two devices."
    static let discussion = """
        A link binds an interface on side A to an interface on side Z. WAN links join two devices of the \
        same contributor; DZX links cross contributors and side Z names its interface when it accepts. \
        Bandwidth is 10–400 Gbps, MTU 9000, delay and jitter 0.01–1000 ms; the delay sets the IS-IS \
        metric. New links are Pending until the activator allocates their tunnel /31 and ID.
        """

    /// `link create` flags.
    struct CreateFields: ParsableArguments {
        /// Unique code.
        @Option(name: .long, help: ArgumentHelp("Unique code (e.g. ny5-dz01:la2-dz01).", valueName: "code"))
        var code: String

        /// Side-A contributor.
        @Option(
            name: .long,
            help: ArgumentHelp("The contributor running side A (code or pubkey).", valueName: "contributor"))
        var contributor: String

        /// Side-A device.
        @Option(name: .long, help: ArgumentHelp("Side A device (code or pubkey).", valueName: "device"))
        var sideA: String

        /// Side-A interface.
        @Option(name: .long, help: ArgumentHelp("Side A interface name (e.g. Ethernet1).", valueName: "name"))
        var sideAInterface: String

        /// Side-Z device.
        @Option(name: .long, help: ArgumentHelp("Side Z device (code or pubkey).", valueName: "device"))
        var sideZ: String

        /// Side-Z interface (WAN only).
        @Option(
            name: .long,
            help: ArgumentHelp("Side Z interface name (WAN only; DZX: given on accept).", valueName: "name"))
        var sideZInterface: String?

        /// WAN or DZX.
        @Option(name: .long, help: ArgumentHelp("The link's kind.", valueName: "type"))
        var linkType = LinkTypeChoice.wan

        /// Capacity.
        @Option(name: .long, help: ArgumentHelp("Capacity, 10Gbps to 400Gbps (e.g. 10Gbps).", valueName: "bandwidth"))
        var bandwidth: String

        /// MTU.
        @Option(name: .long, help: ArgumentHelp("MTU; must be 9000.", valueName: "bytes"))
        var mtu = 9000

        /// One-way delay.
        @Option(name: .long, help: ArgumentHelp("Delay in milliseconds, 0.01 to 1000.", valueName: "ms"))
        var delayMs: Double

        /// Jitter.
        @Option(name: .long, help: ArgumentHelp("Jitter in milliseconds, 0.01 to 1000.", valueName: "ms"))
        var jitterMs: Double

        /// Rejects a side-Z interface on a DZX link, a missing one on a WAN link, and out-of-range delays.
        func validate() throws {
            switch (linkType, sideZInterface) {
            case (.wan, nil):
                throw ValidationError("a WAN link needs --side-z-interface.")
            case (.dzx, .some):
                throw ValidationError("a DZX link takes no --side-z-interface; side Z names it when it accepts.")
            default:
                break
            }
            try Links.checkMilliseconds(delayMs, flag: "--delay-ms")
            try Links.checkMilliseconds(jitterMs, flag: "--jitter-ms")
        }
    }

    /// `link update` flags.
    struct UpdateFields: ParsableArguments {
        /// New code.
        @Option(name: .long, help: ArgumentHelp("New code.", valueName: "code"))
        var code: String?

        /// New contributor.
        @Option(name: .long, help: ArgumentHelp("New side-A contributor.", valueName: "contributor"))
        var contributor: String?

        /// New capacity.
        @Option(name: .long, help: ArgumentHelp("New capacity (e.g. 100Gbps).", valueName: "bandwidth"))
        var bandwidth: String?

        /// New MTU.
        @Option(name: .long, help: ArgumentHelp("New MTU; must be 9000.", valueName: "bytes"))
        var mtu: Int?

        /// New delay.
        @Option(name: .long, help: ArgumentHelp("New delay in milliseconds.", valueName: "ms"))
        var delayMs: Double?

        /// New jitter.
        @Option(name: .long, help: ArgumentHelp("New jitter in milliseconds.", valueName: "ms"))
        var jitterMs: Double?

        /// Delay override for the IS-IS metric.
        @Option(
            name: .long,
            help: ArgumentHelp("Delay used for the IS-IS metric instead of the measured one (0: off).", valueName: "ms")
        )
        var delayOverrideMs: Double?

        /// Operator intent.
        @Option(
            name: .long,
            help: ArgumentHelp("Desired status: activated, soft-drained or hard-drained (RFC 9).", valueName: "status"))
        var desiredStatus: String?

        /// Rejects out-of-range delays.
        func validate() throws {
            if let delayMs { try Links.checkMilliseconds(delayMs, flag: "--delay-ms") }
            if let jitterMs { try Links.checkMilliseconds(jitterMs, flag: "--jitter-ms") }
            if let delayOverrideMs, delayOverrideMs != 0 {
                try Links.checkMilliseconds(delayOverrideMs, flag: "--delay-override-ms")
            }
        }
    }

    /// `link list` filters.
    struct ListFilters: ParsableArguments {
        /// Only this contributor's links.
        @Option(name: .shortAndLong, help: ArgumentHelp("Only this contributor's links.", valueName: "contributor"))
        var contributor: String?

        /// Only links with this side-A device.
        @Option(name: .long, help: ArgumentHelp("Only links with this side A device.", valueName: "device"))
        var sideA: String?

        /// Only links with this side-Z device.
        @Option(name: .long, help: ArgumentHelp("Only links with this side Z device.", valueName: "device"))
        var sideZ: String?

        /// Only links of this kind.
        @Option(name: .long, help: ArgumentHelp("Only links of this kind.", valueName: "type"))
        var linkType: LinkTypeChoice?

        /// Only links with this status.
        @Option(name: .long, help: ArgumentHelp("Only links with this status.", valueName: "status"))
        var status: String?

        /// Only links whose code contains this text.
        @Option(name: .long, help: ArgumentHelp("Only links whose code contains this text.", valueName: "text"))
        var code: String?

        /// Fewer columns.
        @Flag(name: .long, help: "Fewer columns.")
        var narrow = false
    }

    /// Throws a `ValidationError` naming `flag` unless `value` is 0.01–1000 ms.
    static func checkMilliseconds(_ value: Double, flag: String) throws {
        guard (0.01...1000).contains(value) else {
            throw ValidationError("\(flag) must be between 0.01 and 1000 milliseconds (got \(value)).")
        }
    }
}
