import Ledger
import Models
import Testing

/// A small network for device, interface and link tests: one location and exchange, the
/// harness contributor (owned by `contributorOwner`) and a second contributor (owned by
/// `otherOwner`).
struct DeviceFixture {
    /// The location (`lax`).
    let location: PublicKey
    /// The exchange (`xlax`).
    let exchange: PublicKey
    /// `co01`, owned by the harness's `contributorOwner`.
    let contributor: PublicKey
    /// `co02`, owned by the harness's `otherOwner`.
    let otherContributor: PublicKey
}

/// The bandwidth every fixture physical interface has (100 Gbps).
let fixtureInterfaceBandwidth: UInt64 = 100_000_000_000
/// A valid link bandwidth (10 Gbps).
let fixtureLinkBandwidth: UInt64 = 10_000_000_000

extension ProgramHarness {
    /// Initialises the ledger and creates the fixture's location, exchange and contributors.
    mutating func deviceFixture() throws -> DeviceFixture {
        try initialize()
        let infrastructure = try createInfrastructure()
        let changes = try run(
            .createContributor(CreateContributorArgs(code: "co02", owner: otherOwner.publicKey)), as: foundation)
        return DeviceFixture(
            location: infrastructure.location, exchange: infrastructure.exchange,
            contributor: infrastructure.contributor,
            otherContributor: try #require(changes.key(of: .contributor)))
    }

    /// The arguments of a valid device; `number` picks its public IP and dz_prefix.
    func deviceArgs(_ code: String, number: UInt8, contributor: PublicKey, fixture: DeviceFixture) -> CreateDeviceArgs {
        CreateDeviceArgs(
            code: code, contributor: contributor, location: fixture.location, exchange: fixture.exchange,
            publicIp: IPv4Address(100, 0, 0, number),
            dzPrefixes: [IPv4Prefix(uncheckedAddress: IPv4Address(101, 100, number, 0), length: 29)])
    }

    /// Creates a device (pending) signed by `signer` (the contributor's owner by default) and returns its key.
    @discardableResult
    mutating func createDevice(
        _ code: String, number: UInt8, contributor: PublicKey? = nil, fixture: DeviceFixture, as signer: Keypair? = nil
    ) throws -> PublicKey {
        let owner = contributor == fixture.otherContributor ? otherOwner : contributorOwner
        let changes = try run(
            .createDevice(
                deviceArgs(code, number: number, contributor: contributor ?? fixture.contributor, fixture: fixture)),
            as: signer ?? owner)
        return try #require(changes.key(of: .device))
    }

    /// Creates and activates a device with physical interfaces `Ethernet1/1` and `Ethernet2/1`.
    mutating func activeDevice(
        _ code: String, number: UInt8, contributor: PublicKey? = nil, fixture: DeviceFixture
    ) throws -> PublicKey {
        let key = try createDevice(code, number: number, contributor: contributor, fixture: fixture)
        try run(.activateDevice(PubkeyArgs(pubkey: key)), as: activator)
        try run(
            .createDeviceInterface(
                CreateDeviceInterfaceArgs(device: key, name: "Ethernet1/1", bandwidth: fixtureInterfaceBandwidth)),
            .createDeviceInterface(
                CreateDeviceInterfaceArgs(device: key, name: "Ethernet2/1", bandwidth: fixtureInterfaceBandwidth)),
            as: foundation)
        return key
    }

    /// The device at `key` (fails the test if there is none).
    func device(_ key: PublicKey, sourceLocation: SourceLocation = #_sourceLocation) throws -> Device {
        try #require(state.devices[key], sourceLocation: sourceLocation)
    }

    /// The interface `name` of the device at `key` (fails the test if there is none).
    func interface(
        _ name: String, of key: PublicKey, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> DeviceInterface {
        try #require(state.devices[key]?.interfaces.first { $0.name == name }, sourceLocation: sourceLocation)
    }

    /// The link at `key` (fails the test if there is none).
    func link(_ key: PublicKey, sourceLocation: SourceLocation = #_sourceLocation) throws -> Link {
        try #require(state.links[key], sourceLocation: sourceLocation)
    }

    /// The arguments of a valid WAN link on `Ethernet1/1` of both devices.
    func wanLinkArgs(
        _ code: String, from sideA: PublicKey, to sideZ: PublicKey, sideAInterface: String = "Ethernet1/1",
        sideZInterface: String = "Ethernet1/1"
    ) -> CreateLinkArgs {
        CreateLinkArgs(
            code: code, sideA: sideA, sideZ: sideZ, bandwidth: fixtureLinkBandwidth, delayNs: 1_000_000,
            jitterNs: 50_000,
            sideAIfaceName: sideAInterface, sideZIfaceName: sideZInterface)
    }

    /// Creates a WAN link (pending) as the contributor owner and returns its key.
    @discardableResult
    mutating func createWanLink(
        _ code: String, from sideA: PublicKey, to sideZ: PublicKey, sideAInterface: String = "Ethernet1/1",
        sideZInterface: String = "Ethernet1/1"
    ) throws -> PublicKey {
        let changes = try run(
            .createLink(
                wanLinkArgs(
                    code, from: sideA, to: sideZ, sideAInterface: sideAInterface, sideZInterface: sideZInterface)),
            as: contributorOwner)
        return try #require(changes.key(of: .link))
    }

    /// Creates and activates a WAN link with `tunnelNet` and `tunnelId`; returns its key.
    @discardableResult
    mutating func activeWanLink(
        _ code: String, from sideA: PublicKey, to sideZ: PublicKey, tunnelNet: IPv4Prefix, tunnelId: UInt16,
        sideAInterface: String = "Ethernet1/1", sideZInterface: String = "Ethernet1/1"
    ) throws -> PublicKey {
        let key = try createWanLink(
            code, from: sideA, to: sideZ, sideAInterface: sideAInterface, sideZInterface: sideZInterface)
        try run(.activateLink(ActivateLinkArgs(pubkey: key, tunnelId: tunnelId, tunnelNet: tunnelNet)), as: activator)
        return key
    }

    /// Every key but the activator's: none of them may run the activator's instructions.
    var everyoneButTheActivator: [Keypair] { [foundation, contributorOwner, otherOwner, client, stranger] }

    /// Keys with no say over the first contributor's devices and links.
    var outsiders: [Keypair] { [otherOwner, client, stranger, activator] }

    /// Reference counts of the fixture's location, exchange and first contributor.
    func infrastructureCounts(_ fixture: DeviceFixture) -> [UInt32?] {
        [
            state.locations[fixture.location]?.referenceCount, state.exchanges[fixture.exchange]?.referenceCount,
            state.contributors[fixture.contributor]?.referenceCount,
        ]
    }
}
