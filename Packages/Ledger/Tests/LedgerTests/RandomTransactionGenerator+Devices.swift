import Ledger
import Models

/// Devices and their interfaces: the device life cycle (create, activate or reject, update and
/// drain, delete, close), interfaces (physical, activator-allocated loopbacks, user tunnel
/// endpoints, CYOA) and a teardown planner that takes one device apart step by step.
extension RandomTransactionGenerator {
    /// Names of the physical interfaces the generator gives devices (links bind them).
    static let physicalInterfaceNames = ["Ethernet1/1", "Ethernet2/1", "Ethernet3/1", "Ethernet4/1"]

    /// A device with one of its interfaces.
    typealias InterfaceOnDevice = (device: Device, interface: DeviceInterface)

    /// Every interface of every device, in device key order then interface order.
    var allInterfaces: [InterfaceOnDevice] {
        sortedByKey(state.devices).flatMap { device in device.interfaces.map { (device, $0) } }
    }

    /// The key that manages `device` (its contributor's owner) most of the time, else a foundation key.
    mutating func manager(of device: Device) -> Keypair {
        ownerOrFoundation(state.contributors[device.contributor]?.owner ?? .zero)
    }

    /// A step creating the location, exchange or contributor devices need, while one is missing.
    mutating func missingInfrastructure() -> PlannedStep? {
        let instruction: Instruction
        if state.locations.isEmpty {
            instruction = createLocation(valid: true)
        } else if state.exchanges.isEmpty {
            instruction = createExchange(valid: true)
        } else if state.contributors.values.filter({ keys.keypair(for: $0.owner) != nil }).count < 2 && chance(50) {
            instruction = createContributor(valid: true)  // two, so that DZX links have two sides
        } else {
            return nil
        }
        return PlannedStep(instruction, by: foundationSigner)
    }

    // MARK: - Devices

    /// A device instruction, weighted towards what the devices' statuses make possible.
    mutating func deviceStep() -> PlannedStep {
        if let step = missingInfrastructure() { return step }
        let statuses = Set(state.devices.values.map(\.status))
        let options: [WeightedPlan] = [
            (state.devices.count < 6 ? 10 : 2, { $0.createDevice() }),
            (Self.weight(8, ifAny: [.pending], in: statuses), { $0.activateDevice() }),
            (Self.weight(2, ifAny: [.pending], in: statuses), { $0.rejectDevice() }),
            (4, { $0.updateDevice() }),
            (Self.weight(2, ifAny: [.drained, .suspended, .rejected], in: statuses), { $0.deleteDevice() }),
            (Self.weight(4, ifAny: [.deleting], in: statuses), { $0.closeDevice() }),
        ]
        return oneOf(options)
    }

    /// Creates a device (built by the fixtures' `deviceArgs`), sometimes edge or transit or with
    /// tiny user limits; one in five is spoiled (outsider, no or private prefixes, private
    /// public IP, bad code, unknown location or contributor).
    mutating func createDevice() -> PlannedStep {
        if let step = missingInfrastructure() { return step }
        let contributors = sortedByKey(state.contributors)
        guard let contributor = choose(contributors, preferring: { [keys] in keys.keypair(for: $0.owner) != nil }),
            let location = choose(sortedByKey(state.locations), preferring: { _ in true }),
            let exchange = choose(sortedByKey(state.exchanges), preferring: { _ in true })
        else {
            return infrastructureStep()
        }
        let fixture = DeviceFixture(
            location: location.pubkey, exchange: exchange.pubkey, contributor: contributor.pubkey,
            otherContributor: contributor.pubkey)
        var args = fixtureBuilders.deviceArgs(
            "dz\(pick(100))", number: UInt8(1 + pick(250)), contributor: contributor.pubkey, fixture: fixture)
        if chance(15) { args.deviceType = element([.edge, .transit]) }
        if chance(10) { args.maxUnicastUsers = UInt16(pick(2)) }
        if chance(10) { args.maxMulticastUsers = UInt16(pick(2)) }
        var signer = ownerOrFoundation(contributor.owner)
        if chance(20) {
            switch pick(7) {
            case 0: signer = element([keys.stranger] + keys.clients)
            case 1: args.dzPrefixes = []
            case 2: args.dzPrefixes = ["10.1.0.0/29"]
            case 3: args.publicIp = "10.0.0.1"
            case 4: args.code = element(["bad code", String(repeating: "d", count: 33)])
            case 5: args.location = anyKey()
            default: args.contributor = anyKey()
            }
        }
        return PlannedStep(.createDevice(args), by: signer)
    }

    /// The activator activates a device (mostly a pending one).
    mutating func activateDevice() -> PlannedStep {
        PlannedStep(
            .activateDevice(PubkeyArgs(pubkey: targetKey(state.devices) { $0.status == .pending })), by: activatorSigner
        )
    }

    /// The activator rejects a device (mostly a pending one) with a reason (sometimes a blank
    /// one, which is refused).
    mutating func rejectDevice() -> PlannedStep {
        let target = targetKey(state.devices) { $0.status == .pending }
        return PlannedStep(
            .rejectDevice(RejectArgs(pubkey: target, reason: rejectReason(spoiled: true))), by: activatorSigner)
    }

    /// A reason for a rejection; a blank one when `spoiled` draws it (one time in ten).
    mutating func rejectReason(spoiled: Bool) -> String {
        spoiled && chance(10) ? element(["", "   "]) : element(["no capacity", "pool exhausted", "failed checks"])
    }

    /// Updates a device: drain or undrain, user limits, code, location and exchange, or a
    /// foundation status change; sometimes a change the signer may not make.
    mutating func updateDevice() -> PlannedStep {
        guard let device = choose(sortedByKey(state.devices), preferring: { $0.status != .deleting }) else {
            return createDevice()
        }
        var args = UpdateDeviceArgs(pubkey: device.pubkey)
        var signer = manager(of: device)
        switch pick(7) {
        case 0: args.status = device.status == .activated ? .drained : .activated
        case 1, 2:
            args.maxUnicastUsers = element([0, 1, 2, Device.defaultMaxUsersPerType])
            args.maxMulticastUsers = element([1, 2, Device.defaultMaxUsersPerType])
        case 3: args.code = "dz\(pick(100))"
        case 4:
            args.location = key(of: .location)
            args.exchange = key(of: .exchange)
        case 5: args.dzPrefixes = [IPv4Prefix(uncheckedAddress: IPv4Address(102, 100, UInt8(pick(250)), 0), length: 29)]
        default:
            args.status = element([.suspended, .activated, .drained, .pending, .deleting])  // the last two are refused
            signer = chance(80) ? foundationSigner : manager(of: device)
        }
        return PlannedStep(.updateDevice(args), by: signer)
    }

    /// Drains `device` (its manager).
    mutating func drainDevice(_ device: Device) -> PlannedStep {
        PlannedStep(.updateDevice(UpdateDeviceArgs(pubkey: device.pubkey, status: .drained)), by: manager(of: device))
    }

    /// Deletes a device, mostly one that is drained, suspended or rejected and detached.
    mutating func deleteDevice() -> PlannedStep {
        let detached: (Device) -> Bool = { device in
            [.drained, .suspended, .rejected].contains(device.status) && device.interfaces.isEmpty
                && device.referenceCount == 0
        }
        guard let device = choose(sortedByKey(state.devices), preferring: detached) else { return createDevice() }
        return deleteDevice(device)
    }

    /// Deletes `device` (its manager).
    mutating func deleteDevice(_ device: Device) -> PlannedStep {
        PlannedStep(.deleteDevice(PubkeyArgs(pubkey: device.pubkey)), by: manager(of: device))
    }

    /// The activator closes `key`, or mostly a deleting device.
    mutating func closeDevice(_ key: PublicKey? = nil) -> PlannedStep {
        let target = key ?? targetKey(state.devices) { $0.status == .deleting }
        return PlannedStep(.closeDevice(PubkeyArgs(pubkey: target)), by: activatorSigner)
    }

    // MARK: - Interfaces

    /// An interface instruction, weighted towards what the interfaces' statuses make possible.
    mutating func interfaceStep() -> PlannedStep {
        let statuses = Set(allInterfaces.map(\.interface.status))
        let options: [WeightedPlan] = [
            (8, { $0.createInterface() }),
            (Self.weight(8, ifAny: [.pending], in: statuses), { $0.activateLoopback() }),
            (Self.weight(2, ifAny: [.pending], in: statuses), { $0.rejectInterface(random: true) }),
            (3, { $0.updateInterface() }),
            (2, { $0.deleteInterface() }),
            (Self.weight(4, ifAny: [.deleting], in: statuses), { $0.removeInterface() }),
        ]
        return oneOf(options)
    }

    /// Adds a physical interface (for links), a loopback for the activator to allocate, a user
    /// tunnel endpoint loopback (public /32, activated at once) or a CYOA interface; some are
    /// spoiled (bad name, VLAN, MTU or address, CYOA on a loopback).
    mutating func createInterface() -> PlannedStep {
        guard
            let device = choose(
                sortedByKey(state.devices), preferring: { $0.status != .deleting && $0.status != .rejected })
        else { return createDevice() }
        let number = UInt8(truncatingIfNeeded: device.index % 250)
        var args: CreateDeviceInterfaceArgs
        switch pick(10) {
        case 0..<5: args = physicalInterfaceArgs(on: device)
        case 5, 6:
            let vpnv4 = chance(50)
            args = CreateDeviceInterfaceArgs(
                device: device.pubkey, name: vpnv4 ? "Loopback255" : "Loopback256", loopbackType: vpnv4 ? .vpnv4 : .ipv4
            )
        case 7, 8:
            args = CreateDeviceInterfaceArgs(
                device: device.pubkey, name: "Loopback100", loopbackType: .ipv4,
                ipNet: IPv4Prefix(uncheckedAddress: IPv4Address(45, 0, number, 1), length: 32), userTunnelEndpoint: true
            )
        default:
            args = CreateDeviceInterfaceArgs(
                device: device.pubkey, name: "Ethernet9/1", cyoa: .greOverDIA, bandwidth: fixtureLinkBandwidth,
                ipNet: IPv4Prefix(uncheckedAddress: IPv4Address(45, 1, number, 1), length: 32))
        }
        if chance(15) {
            switch pick(6) {
            case 0: args.name = element(["Bogus1", "Ethernet", "eth-1"])
            case 1: args.vlanId = 5000
            case 2: args.mtu = 1234
            case 3:
                args.ipNet = "10.0.0.1/32"
                args.cyoa = .none
                args.userTunnelEndpoint = false
            case 4:
                args.name = "Loopback257"
                args.cyoa = .greOverDIA
                args.bandwidth = fixtureLinkBandwidth
                args.ipNet = "45.2.0.1/32"
            default:
                args.userTunnelEndpoint = true
                args.ipNet = nil
            }
        }
        return PlannedStep(.createDeviceInterface(args), by: manager(of: device))
    }

    /// A new physical interface for links on `device` (mostly under a name it does not have yet).
    mutating func physicalInterfaceArgs(on device: Device) -> CreateDeviceInterfaceArgs {
        let absent = Self.physicalInterfaceNames.filter { device.interface(named: $0) == nil }
        let name = absent.isEmpty || chance(10) ? element(Self.physicalInterfaceNames) : element(absent)
        return CreateDeviceInterfaceArgs(device: device.pubkey, name: name, bandwidth: fixtureInterfaceBandwidth)
    }

    /// The activator activates a loopback (mostly a pending one) with a free /32 (and a free
    /// segment id for VPNv4); some allocations are out of the block or collide.
    mutating func activateLoopback() -> PlannedStep {
        let loopbacks = allInterfaces.filter { $0.interface.interfaceType == .loopback }
        guard let target = choose(loopbacks, preferring: { $0.interface.status == .pending }) else {
            return createInterface()
        }
        var ipNet = target.interface.ipNet ?? state.freeLoopbackNet() ?? "172.16.255.255/32"
        var segment: UInt16 = target.interface.loopbackType == .vpnv4 ? state.freeNodeSegment() : 0
        if chance(20) {
            let usedSegments = allInterfaces.map(\.interface.nodeSegmentIdx).filter { $0 != 0 }
            switch pick(4) {
            case 0: ipNet = "10.200.0.1/32"
            case 1:
                if let held = state.heldTunnelBlockNets.first {
                    ipNet = IPv4Prefix(uncheckedAddress: held.address, length: 32)
                }
            case 2: segment = segment == 0 ? 7 : 0
            default: if !usedSegments.isEmpty { segment = element(usedSegments) }
            }
        }
        let args = ActivateDeviceInterfaceArgs(
            device: target.device.pubkey, name: target.interface.name, ipNet: ipNet, nodeSegmentIdx: segment)
        return PlannedStep(.activateDeviceInterface(args), by: activatorSigner)
    }

    /// The activator rejects `target`, or (when `random`) mostly a pending interface.
    mutating func rejectInterface(_ target: InterfaceOnDevice? = nil, random: Bool = false) -> PlannedStep {
        guard let target = target ?? choose(allInterfaces, preferring: { $0.interface.status == .pending }) else {
            return createInterface()
        }
        let args = RejectDeviceInterfaceArgs(
            device: target.device.pubkey, name: target.interface.name, reason: rejectReason(spoiled: random))
        return PlannedStep(.rejectDeviceInterface(args), by: activatorSigner)
    }

    /// Updates an interface's bandwidth, VLAN, committed rate or routing mode; some updates are
    /// refused (VLAN over 4094, wrong MTU, loopback type none, bandwidth below its link's).
    mutating func updateInterface() -> PlannedStep {
        guard let target = choose(allInterfaces, preferring: { $0.interface.status != .deleting }) else {
            return createInterface()
        }
        var args = UpdateDeviceInterfaceArgs(device: target.device.pubkey, name: target.interface.name)
        switch pick(6) {
        case 0: args.bandwidth = element([fixtureInterfaceBandwidth, 2 * fixtureInterfaceBandwidth, 1_000_000_000])
        case 1: args.vlanId = chance(85) ? UInt16(pick(100)) : 5000
        case 2: args.cir = element([0, 1_000_000_000])
        case 3: args.routingMode = element([.static, .bgp])
        case 4: args.mtu = element([DeviceInterface.standardMTU, 1400])
        default: args.loopbackType = element([LoopbackType.none, .ipv4, .pimRpAddress])
        }
        return PlannedStep(.updateDeviceInterface(args), by: manager(of: target.device))
    }

    /// Deletes an interface, mostly one that is activated, unlinked or rejected and bound to no link.
    mutating func deleteInterface() -> PlannedStep {
        let deletable: (InterfaceOnDevice) -> Bool = { [state] target in
            [.activated, .unlinked, .rejected].contains(target.interface.status)
                && !state.isBound(target.interface.name, on: target.device.pubkey)
        }
        guard let target = choose(allInterfaces, preferring: deletable) else { return createInterface() }
        return deleteInterface(target)
    }

    /// Deletes `target` (its device's manager).
    mutating func deleteInterface(_ target: InterfaceOnDevice) -> PlannedStep {
        PlannedStep(
            .deleteDeviceInterface(InterfaceArgs(device: target.device.pubkey, name: target.interface.name)),
            by: manager(of: target.device))
    }

    /// The activator removes `target`, or mostly a deleting interface.
    mutating func removeInterface(_ target: InterfaceOnDevice? = nil) -> PlannedStep {
        guard let target = target ?? choose(allInterfaces, preferring: { $0.interface.status == .deleting }) else {
            return createInterface()
        }
        return PlannedStep(
            .removeDeviceInterface(InterfaceArgs(device: target.device.pubkey, name: target.interface.name)),
            by: activatorSigner)
    }

    // MARK: - Teardown

    /// The next step in taking one device apart: mostly one already drained or further along;
    /// now and then it starts on an activated one by draining it. Then it rejects, deletes and
    /// closes its users, drains, deletes and closes the links that hold it (a DZX request toward
    /// it holds nothing there and is left alone), removes its interfaces, and finally deletes
    /// and closes the device.
    mutating func deviceTeardownStep() -> PlannedStep {
        let devices = sortedByKey(state.devices)
        let underway = devices.filter { [.drained, .suspended, .deleting, .rejected].contains($0.status) }
        if underway.isEmpty || chance(10) {
            let activated = devices.filter { $0.status == .activated }
            guard !activated.isEmpty, chance(25) else { return deviceStep() }
            return drainDevice(element(activated))
        }
        let device = element(underway)
        if let user = sortedByKey(state.users).first(where: { $0.device == device.pubkey }) {
            switch user.status {
            case .pending: return rejectUser(user.pubkey)
            case .deleting: return closeUser(user.pubkey)
            default: return deleteUser(user)
            }
        }
        if let link = sortedByKey(state.links).first(where: {
            $0.sideA == device.pubkey || ($0.sideZ == device.pubkey && !$0.sideZIfaceName.isEmpty)
        }) {
            switch link.status {
            case .pending, .requested: return rejectLink(link.pubkey)
            case .activated: return drainLink(link)
            case .softDrained, .hardDrained, .rejected: return deleteLink(link)
            case .deleting: return closeLink(link.pubkey)
            }
        }
        if let interface = device.interfaces.first {
            switch interface.status {
            case .pending: return rejectInterface((device, interface))
            case .deleting: return removeInterface((device, interface))
            default: return deleteInterface((device, interface))
            }
        }
        return device.status == .deleting ? closeDevice(device.pubkey) : deleteDevice(device)
    }
}
