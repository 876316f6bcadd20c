import ArgumentParser
import CommandLineSupport
import DaemonService
import Models
import Probe

/// `doublezero connect ibrl`: the unicast tunnel.
struct ConnectIBRL: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ibrl",
        abstract: "Connect for unicast (IBRL): tunnel doublezero0, routes to other DoubleZero users.",
        discussion: """
            IBRL ("increase bandwidth, reduce latency") reuses this host's public IP as its DoubleZero IP; \
            with --allocate-addr the device allocates one from its prefixes instead.

            Steps: checks your key and doublezerod (running, same ledger, client IP known); finds your \
            access pass for this host's IP (valid at the current epoch); reuses your unicast user of this \
            IP if there is one, else picks a device — the lowest-latency activated device with a free \
            unicast slot by doublezerod's probes (waiting up to 60 s for its first pass), or the one named \
            with --device — creates the user and follows the ledger until the activator activates it; then \
            enables doublezerod's reconciler and waits (up to 60 s, answered as soon as the daemon's status \
            changes) for the tunnel and its BGP session. A tunnel still coming up after that is not an \
            error: doublezerod finishes it on its own.

            Steps show on standard error (a spinner on a terminal); the result lines go to standard output.
            """
    )

    /// The tenant (not in this ledger yet).
    @Argument(help: ArgumentHelp("The tenant to connect in (tenants are not built yet).", valueName: "tenant"))
    var tenant: String?

    /// Socket, ledger, key, verbosity.
    @OptionGroup var connection: ConnectionOptions

    /// Use an allocated DoubleZero IP.
    @Flag(name: .shortAndLong, help: "Get a DoubleZero IP allocated instead of reusing this host's IP.")
    var allocateAddr = false

    /// A device chosen by hand.
    @Option(name: .long, help: ArgumentHelp("Connect to this device instead of the closest one.", valueName: "code"))
    var device: String?

    /// Connects (see the discussion).
    func run() async throws {
        if let tenant {
            throw NotBuiltYet(feature: "doublezero connect ibrl \(tenant) (tenants)", issue: .notYetScheduled)
        }
        let progress = ProgressLine()
        defer { progress.finish() }
        do {
            let context = try await ConnectionContext.open(connection, progress: progress) {
                "⚡  Connecting to \($0)..."
            }
            try await connect(context)
        } catch {
            progress.finish()
            throw error.commandFailure
        }
    }

    /// Upstream's IBRL flow (client.md §4.3 `connect`, steps 4–8).
    private func connect(_ context: ConnectionContext) async throws {
        let progress = context.progress
        let requested: UserType = allocateAddr ? .ibrlWithAllocatedIP : .ibrl
        _ = try await context.requireAccessPass(for: requested)
        progress.say("    DoubleZero ID: \(context.payer)")
        progress.say("⚡  Provisioning for IP: \(context.clientIP)")
        let users = try await context.hostUsers()
        let userType: UserType
        if let existing = users.first(where: { $0.userType.isUnicast && $0.owner == context.payer }) {
            try await context.reuse(existing)
            userType = existing.userType
        } else {
            let current = users.first { $0.userType == .multicast && $0.tunnelId != 0 }
                .map { CurrentTunnel(device: $0.device, endpoint: $0.tunnelEndpoint) }
            let placement = try await context.choosePlacement(for: requested, deviceCode: device, current: current)
            progress.say("    Creating account...")
            progress.say("    Device selected: \(placement.device.code)")
            progress.step(placement.summary)
            try ConnectionContext.checkEligible(placement.device, for: requested)
            try await context.submit([
                .createUser(
                    CreateUserArgs(
                        userType: requested, device: placement.device.pubkey, cyoaType: .greOverDIA,
                        clientIp: context.clientIP, tunnelEndpoint: placement.endpoint))
            ])
            try await context.awaitActivation(
                of: EntitySeed.user(clientIp: context.clientIP, userType: requested).publicKey)
            userType = requested
        }
        try await context.enableAndAwaitService(userType)
        progress.finish()
        progress.say("✅  User Provisioned")
    }
}
