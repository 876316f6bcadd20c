import Ledger
import Models
import Testing

/// Addresses the user, multicast group and access pass tests share (all globally routable
/// except the overlay ones).
enum TestAddresses {
    /// The client host's public IP.
    static let client: IPv4Address = "185.1.1.10"
    /// Another client host.
    static let otherClient: IPv4Address = "185.1.1.11"
    /// The main device's public IP.
    static let devicePublicIp: IPv4Address = "45.0.0.1"
    /// The main device's user-tunnel-endpoint loopback.
    static let deviceEndpoint: IPv4Address = "45.0.1.1"
    /// The main device's dz_prefix (45.0.2.0 itself is reserved).
    static let deviceDzPrefix: IPv4Prefix = "45.0.2.0/29"
    /// The second device's public IP.
    static let otherDevicePublicIp: IPv4Address = "46.0.0.1"
    /// The second device's dz_prefix.
    static let otherDeviceDzPrefix: IPv4Prefix = "46.0.2.0/29"
    /// An address of the default multicast publisher pool (147.51.126.0/23).
    static let publisherDzIp: IPv4Address = "147.51.126.5"
    /// An address of the devnet multicast group block (233.84.178.0/24).
    static let groupIp: IPv4Address = "233.84.178.1"
}

/// A ledger set up for user tests: initialised (foundation, activator, a distinct sentinel, a
/// QA key), one activated hybrid device with a user-tunnel-endpoint loopback, and an unlimited
/// prepaid access pass for (`TestAddresses.client`, `harness.client`).
struct UserTestbed {
    var harness = ProgramHarness()
    /// The sentinel authority.
    let sentinel = Keypair()
    /// A QA-allowlisted key.
    let qa = Keypair()
    /// Owner of the groups the tests create.
    let groupOwner = Keypair()
    /// A second client (user payer) with its own pass for `TestAddresses.otherClient`.
    let otherClient = Keypair()
    /// The main device.
    let device: PublicKey
    /// Index for the next inserted device.
    private var nextDeviceIndex: UInt64 = 1000

    init() throws {
        device = EntitySeed.device(index: nextDeviceIndex).publicKey
        try harness.initialize()
        try harness.run(
            .setAuthority(SetAuthorityArgs(sentinelAuthority: sentinel.publicKey)),
            .addQaAllowlist(PubkeyArgs(pubkey: qa.publicKey)),
            as: harness.foundation)
        let inserted = insertDevice()
        precondition(inserted == device)
        try grantPass(to: harness.client)
        try grantPass(to: otherClient, ip: TestAddresses.otherClient)
    }

    // MARK: - Running instructions

    /// Expects each of `allowed` to succeed (each on its own copy of the ledger) and each of
    /// `refused` to fail with `NotAllowed`.
    func expectAuthorization(
        _ instruction: Instruction, allowed: [Keypair], refused: [Keypair],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for signer in allowed {
            var copy = self
            do {
                try copy.harness.run(instruction, as: signer)
            } catch {
                Issue.record(
                    "\(signer.publicKey) should be allowed \(instruction.name): \(error)",
                    sourceLocation: sourceLocation)
            }
        }
        for signer in refused {
            var copy = self
            copy.harness.rejects(.notAllowed, instruction, as: signer, sourceLocation: sourceLocation)
        }
    }

    // MARK: - State

    /// The ledger state.
    var state: LedgerState { harness.state }

    /// The user at `key`, which must exist.
    func user(_ key: PublicKey) throws -> User { try #require(state.users[key]) }

    /// The device at `key` (the main device by default), which must exist.
    func device(_ key: PublicKey? = nil) throws -> Device { try #require(state.devices[key ?? device]) }

    /// The group at `key`, which must exist.
    func group(_ key: PublicKey) throws -> MulticastGroup { try #require(state.multicastGroups[key]) }

    /// The pass for (`ip`, `payer`), which must exist.
    func pass(_ ip: IPv4Address, _ payer: Keypair) throws -> AccessPass {
        try #require(state.accessPasses[EntitySeed.accessPass(clientIp: ip, userPayer: payer.publicKey).publicKey])
    }

    /// The key of the user for (`ip`, `type`).
    static func userKey(_ type: UserType, ip: IPv4Address = TestAddresses.client) -> PublicKey {
        EntitySeed.user(clientIp: ip, userType: type).publicKey
    }

    // MARK: - Set-up steps

    /// Inserts a device straight into the state (device instructions belong to another family)
    /// and returns its key.
    @discardableResult
    mutating func insertDevice(
        code: String? = nil, publicIp: IPv4Address = TestAddresses.devicePublicIp,
        dzPrefixes: [IPv4Prefix] = [TestAddresses.deviceDzPrefix], status: DeviceStatus = .activated,
        deviceType: DeviceType = .hybrid, endpoints: [IPv4Address] = [TestAddresses.deviceEndpoint],
        maxUnicastUsers: UInt16 = Device.defaultMaxUsersPerType,
        maxMulticastUsers: UInt16 = Device.defaultMaxUsersPerType
    ) -> PublicKey {
        let index = nextDeviceIndex
        nextDeviceIndex += 1
        let interfaces = endpoints.enumerated().map { position, address in
            DeviceInterface(
                name: "Loopback\(100 + position)", status: .activated,
                ipNet: IPv4Prefix(address: address, length: 32), userTunnelEndpoint: true)
        }
        let device = Device(
            pubkey: EntitySeed.device(index: index).publicKey, owner: harness.contributorOwner.publicKey, index: index,
            code: code ?? "dz\(index)", contributor: EntitySeed.contributor(index: 1).publicKey,
            location: EntitySeed.location(index: 1).publicKey, exchange: EntitySeed.exchange(index: 1).publicKey,
            deviceType: deviceType, publicIp: publicIp, dzPrefixes: dzPrefixes, interfaces: interfaces, status: status,
            maxUnicastUsers: maxUnicastUsers, maxMulticastUsers: maxMulticastUsers)
        harness.insert(.device(device))
        return device.pubkey
    }

    /// Inserts a second activated device (its own public IP and dz_prefix, no extra endpoint).
    mutating func insertOtherDevice() -> PublicKey {
        insertDevice(
            publicIp: TestAddresses.otherDevicePublicIp, dzPrefixes: [TestAddresses.otherDeviceDzPrefix], endpoints: [])
    }

    /// Gives `payer` an access pass for `ip` (foundation).
    mutating func grantPass(
        to payer: Keypair, ip: IPv4Address = TestAddresses.client, type: AccessPassType = .prepaid,
        typeKey: PublicKey? = nil, lastAccessEpoch: UInt64 = AccessPass.unlimitedEpoch, allowMultipleIp: Bool = false
    ) throws(ProgramError) {
        try harness.run(
            .setAccessPass(
                SetAccessPassArgs(
                    accessPassType: type, typeKey: typeKey, clientIp: ip, userPayer: payer.publicKey,
                    lastAccessEpoch: lastAccessEpoch, allowMultipleIp: allowMultipleIp)),
            as: harness.foundation)
    }

    /// The create-user instruction for `type` on `device` (the main device by default).
    func createUser(
        _ type: UserType = .ibrl, ip: IPv4Address = TestAddresses.client, device: PublicKey? = nil,
        endpoint: IPv4Address = .unspecified
    ) -> Instruction {
        .createUser(
            CreateUserArgs(userType: type, device: device ?? self.device, clientIp: ip, tunnelEndpoint: endpoint))
    }

    /// The create-subscribe-user instruction for `group`.
    func createSubscribeUser(
        group: PublicKey, publisher: Bool, subscriber: Bool, ip: IPv4Address = TestAddresses.client,
        device: PublicKey? = nil, endpoint: IPv4Address = TestAddresses.deviceEndpoint
    ) -> Instruction {
        .createSubscribeUser(
            CreateSubscribeUserArgs(
                device: device ?? self.device, clientIp: ip, tunnelEndpoint: endpoint, group: group,
                publisher: publisher,
                subscriber: subscriber))
    }

    /// Creates a user of `type` for `signer` (the harness client by default); returns its key.
    @discardableResult
    mutating func addUser(
        _ type: UserType = .ibrl, as signer: Keypair? = nil, ip: IPv4Address = TestAddresses.client,
        device: PublicKey? = nil, endpoint: IPv4Address = .unspecified
    ) throws(ProgramError) -> PublicKey {
        try harness.run(createUser(type, ip: ip, device: device, endpoint: endpoint), as: signer ?? harness.client)
        return Self.userKey(type, ip: ip)
    }

    /// The activation for `user` with a fresh allocation (tunnel 500 + `slot`, the `slot`-th /31).
    static func activation(
        _ user: PublicKey, slot: UInt16 = 0, dzIp: IPv4Address = TestAddresses.client,
        endpoint: IPv4Address = .unspecified
    ) -> Instruction {
        .activateUser(
            ActivateUserArgs(
                pubkey: user, tunnelId: 500 + slot,
                tunnelNet: IPv4Prefix(uncheckedAddress: IPv4Address(169, 254, 0, UInt8(slot * 2)), length: 31),
                dzIp: dzIp,
                tunnelEndpoint: endpoint))
    }

    /// Creates an IBRL user for the harness client and activates it in allocation `slot`; returns its key.
    @discardableResult
    mutating func addActivatedUser(slot: UInt16 = 0) throws(ProgramError) -> PublicKey {
        let key = try addUser()
        try harness.run(Self.activation(key, slot: slot), as: harness.activator)
        return key
    }

    /// Creates a group owned by `groupOwner`, activates it at `ip` and puts `publishers` and
    /// `subscribers` on its allowlists; returns its key.
    @discardableResult
    mutating func addActivatedGroup(
        code: String = "mg01", ip: IPv4Address = TestAddresses.groupIp, publishers: [Keypair] = [],
        subscribers: [Keypair] = []
    ) throws -> PublicKey {
        let key = try addPendingGroup(code: code)
        try harness.run(
            .activateMulticastGroup(ActivateMulticastGroupArgs(pubkey: key, multicastIp: ip)), as: harness.activator)
        for payer in publishers {
            try harness.run(
                .addMulticastGroupPublisher(MulticastAllowlistArgs(group: key, userPayer: payer.publicKey)),
                as: harness.foundation)
        }
        for payer in subscribers {
            try harness.run(
                .addMulticastGroupSubscriber(MulticastAllowlistArgs(group: key, userPayer: payer.publicKey)),
                as: harness.foundation)
        }
        return key
    }

    /// Creates a pending group owned by `groupOwner`; returns its key.
    @discardableResult
    mutating func addPendingGroup(code: String = "mg01") throws -> PublicKey {
        let changes = try harness.run(
            .createMulticastGroup(
                CreateMulticastGroupArgs(code: code, maxBandwidth: 1_000_000_000, owner: groupOwner.publicKey)),
            as: harness.foundation)
        return try #require(changes.key(of: .multicastGroup))
    }
}
