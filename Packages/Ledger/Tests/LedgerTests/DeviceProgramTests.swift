import Ledger
import Models
import Testing

@Suite struct DeviceProgramTests {
    // MARK: create_device

    @Test func createDeviceMakesAPendingDeviceAndReferencesItsInfrastructure() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let indexBefore = try #require(harness.state.globalState).accountIndex
        var args = harness.deviceArgs("LA2-DZ01", number: 1, contributor: fixture.contributor, fixture: fixture)
        args.maxMulticastUsers = 7
        args.mgmtVrf = "mgmt"
        let changes = try harness.run(.createDevice(args), as: harness.contributorOwner)
        let key = try #require(changes.key(of: .device))
        let device = try harness.device(key)
        #expect(device.index == indexBefore + 1)
        #expect(key == EntitySeed.device(index: device.index).publicKey)
        #expect(device.code == "la2-dz01")
        #expect(device.status == .pending)
        #expect(device.owner == harness.contributorOwner.publicKey)
        #expect(device.contributor == fixture.contributor)
        #expect(device.publicIp == "100.0.0.1")
        #expect(device.dzPrefixes == ["101.100.1.0/29"])
        #expect(device.mgmtVrf == "mgmt")
        #expect(device.maxUnicastUsers == Device.defaultMaxUsersPerType)
        #expect(device.maxMulticastUsers == 7)
        #expect(device.referenceCount == 0)
        #expect(device.interfaces.isEmpty)
        #expect(harness.infrastructureCounts(fixture) == [1, 1, 1])
        #expect(harness.state.contributors[fixture.otherContributor]?.referenceCount == 0)
    }

    @Test func createDeviceAuthorization() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let args = harness.deviceArgs("dz01", number: 1, contributor: fixture.contributor, fixture: fixture)
        for signer in harness.outsiders {
            let error = harness.rejects(.notAllowed, .createDevice(args), as: signer)
            #expect(error?.message.contains("co01") == true)
        }
        try harness.run(.createDevice(args), as: harness.foundation)
        try harness.run(
            .createDevice(harness.deviceArgs("dz02", number: 2, contributor: fixture.contributor, fixture: fixture)),
            as: harness.contributorOwner)
        try harness.run(
            .createDevice(
                harness.deviceArgs("dz03", number: 3, contributor: fixture.otherContributor, fixture: fixture)),
            as: harness.otherOwner)
        #expect(harness.state.devices.count == 3)
        #expect(harness.infrastructureCounts(fixture) == [3, 3, 2])
    }

    @Test func createDeviceNeedsExistingInfrastructure() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let missing = Keypair().publicKey
        var args = harness.deviceArgs("dz01", number: 1, contributor: fixture.contributor, fixture: fixture)
        args.contributor = missing
        harness.rejects(.invalidContributorPubkey, .createDevice(args), as: harness.foundation)
        args.contributor = fixture.contributor
        args.location = missing
        harness.rejects(.invalidLocationPubkey, .createDevice(args), as: harness.contributorOwner)
        args.location = fixture.location
        args.exchange = missing
        harness.rejects(.invalidExchangePubkey, .createDevice(args), as: harness.contributorOwner)
    }

    @Test func createDeviceRefusesDuplicateCodesAndInvalidDevices() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        try harness.createDevice("dz01", number: 1, fixture: fixture)
        harness.rejects(
            .accountAlreadyInitialized,
            .createDevice(harness.deviceArgs("DZ01", number: 2, contributor: fixture.contributor, fixture: fixture)),
            as: harness.contributorOwner)
        var inside = harness.deviceArgs("dz02", number: 2, contributor: fixture.contributor, fixture: fixture)
        inside.publicIp = "101.100.2.3"
        harness.rejects(.invalidPublicIp, .createDevice(inside), as: harness.contributorOwner)
        var noPrefixes = harness.deviceArgs("dz02", number: 2, contributor: fixture.contributor, fixture: fixture)
        noPrefixes.dzPrefixes = []
        harness.rejects(.noDzPrefixes, .createDevice(noPrefixes), as: harness.contributorOwner)
        harness.rejects(
            .invalidAccountCode,
            .createDevice(harness.deviceArgs("dz 02", number: 2, contributor: fixture.contributor, fixture: fixture)),
            as: harness.contributorOwner)
        #expect(harness.infrastructureCounts(fixture) == [1, 1, 1])
    }

    // MARK: activate_device / reject_device

    @Test func onlyTheActivatorActivatesAPendingDevice() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let key = try harness.createDevice("dz01", number: 1, fixture: fixture)
        for signer in harness.everyoneButTheActivator {
            harness.rejects(.notAllowed, .activateDevice(PubkeyArgs(pubkey: key)), as: signer)
        }
        try harness.run(.activateDevice(PubkeyArgs(pubkey: key)), as: harness.activator)
        #expect(try harness.device(key).status == .activated)
        harness.rejects(.invalidStatus, .activateDevice(PubkeyArgs(pubkey: key)), as: harness.activator)
        harness.rejects(
            .invalidDevicePubkey, .activateDevice(PubkeyArgs(pubkey: Keypair().publicKey)), as: harness.activator)
    }

    @Test func theActivatorRejectsAPendingDeviceWithAReason() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let key = try harness.createDevice("dz01", number: 1, fixture: fixture)
        for signer in harness.everyoneButTheActivator {
            harness.rejects(.notAllowed, .rejectDevice(RejectArgs(pubkey: key, reason: "no pools")), as: signer)
        }
        harness.rejects(.invalidArgument, .rejectDevice(RejectArgs(pubkey: key, reason: "  ")), as: harness.activator)
        harness.rejects(
            .invalidArgument, .rejectDevice(RejectArgs(pubkey: key, reason: String(repeating: "x", count: 257))),
            as: harness.activator)
        try harness.run(
            .rejectDevice(RejectArgs(pubkey: key, reason: String(repeating: "x", count: 256))), as: harness.activator)
        let device = try harness.device(key)
        #expect(device.status == .rejected)
        #expect(device.rejectReason?.count == 256)
        harness.rejects(.invalidStatus, .rejectDevice(RejectArgs(pubkey: key, reason: "again")), as: harness.activator)
        harness.rejects(.invalidStatus, .activateDevice(PubkeyArgs(pubkey: key)), as: harness.activator)
    }

    @Test func anActivatedDeviceCannotBeRejected() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let key = try harness.activeDevice("dz01", number: 1, fixture: fixture)
        harness.rejects(.invalidStatus, .rejectDevice(RejectArgs(pubkey: key, reason: "late")), as: harness.activator)
    }

    // MARK: update_device

    @Test func updateDeviceChangesFieldsAndAllowsLimitsBelowTheLiveCount() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let key = try harness.activeDevice("dz01", number: 1, fixture: fixture)
        var device = try harness.device(key)
        device.unicastUsersCount = 10
        harness.insert(.device(device))
        let publisher = Keypair().publicKey
        try harness.run(
            .updateDevice(
                UpdateDeviceArgs(
                    pubkey: key, code: "LA2-DZ09", deviceType: .edge, publicIp: "100.0.0.99",
                    metricsPublisher: publisher,
                    mgmtVrf: "mgmt", maxUnicastUsers: 2, maxMulticastUsers: 0)),
            as: harness.contributorOwner)
        device = try harness.device(key)
        #expect(device.code == "la2-dz09")
        #expect(device.deviceType == .edge)
        #expect(device.publicIp == "100.0.0.99")
        #expect(device.metricsPublisher == publisher)
        #expect(device.mgmtVrf == "mgmt")
        #expect(device.maxUnicastUsers == 2)
        #expect(device.unicastUsersCount == 10)
        #expect(device.maxMulticastUsers == 0)
        #expect(device.status == .activated)
    }

    @Test func updateDeviceRefusesADuplicateCodeAndInvalidValues() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let key = try harness.createDevice("dz01", number: 1, fixture: fixture)
        try harness.createDevice("dz02", number: 2, fixture: fixture)
        harness.rejects(
            .accountAlreadyInitialized, .updateDevice(UpdateDeviceArgs(pubkey: key, code: "DZ02")),
            as: harness.contributorOwner)
        harness.rejects(
            .invalidPublicIp, .updateDevice(UpdateDeviceArgs(pubkey: key, publicIp: "10.0.0.1")),
            as: harness.contributorOwner)
        // Its own code in other case is its own code: no change, refused as a no-op.
        harness.rejects(
            .noStateChange, .updateDevice(UpdateDeviceArgs(pubkey: key, code: "DZ01")), as: harness.contributorOwner)
        #expect(try harness.device(key).code == "dz01")
    }

    @Test func updateDeviceAuthorization() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let key = try harness.createDevice("dz01", number: 1, fixture: fixture)
        for signer in harness.outsiders {
            harness.rejects(.notAllowed, .updateDevice(UpdateDeviceArgs(pubkey: key, mgmtVrf: "x")), as: signer)
        }
        try harness.run(.updateDevice(UpdateDeviceArgs(pubkey: key, mgmtVrf: "a")), as: harness.contributorOwner)
        try harness.run(.updateDevice(UpdateDeviceArgs(pubkey: key, mgmtVrf: "b")), as: harness.foundation)
        #expect(try harness.device(key).mgmtVrf == "b")
    }

    @Test func theOwnerOnlyDrainsAndUndrains() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let pending = try harness.createDevice("dz00", number: 9, fixture: fixture)
        harness.rejects(
            .notAllowed, .updateDevice(UpdateDeviceArgs(pubkey: pending, status: .activated)),
            as: harness.contributorOwner)
        let key = try harness.activeDevice("dz01", number: 1, fixture: fixture)
        for status in [DeviceStatus.suspended, .rejected, .pending, .deleting] {
            harness.rejects(
                .notAllowed, .updateDevice(UpdateDeviceArgs(pubkey: key, status: status)), as: harness.contributorOwner)
        }
        try harness.run(.updateDevice(UpdateDeviceArgs(pubkey: key, status: .drained)), as: harness.contributorOwner)
        #expect(try harness.device(key).status == .drained)
        harness.rejects(
            .notAllowed, .updateDevice(UpdateDeviceArgs(pubkey: key, status: .suspended)), as: harness.contributorOwner)
        try harness.run(.updateDevice(UpdateDeviceArgs(pubkey: key, status: .activated)), as: harness.contributorOwner)
        #expect(try harness.device(key).status == .activated)
    }

    @Test func theFoundationSetsAnyStatusButPendingAndDeleting() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let key = try harness.activeDevice("dz01", number: 1, fixture: fixture)
        for status in [DeviceStatus.suspended, .drained, .rejected, .activated] {
            try harness.run(.updateDevice(UpdateDeviceArgs(pubkey: key, status: status)), as: harness.foundation)
            #expect(try harness.device(key).status == status)
        }
        // A reason left from a rejection goes when the device leaves rejected.
        var device = try harness.device(key)
        device.status = .rejected
        device.rejectReason = "old"
        harness.insert(.device(device))
        try harness.run(.updateDevice(UpdateDeviceArgs(pubkey: key, status: .suspended)), as: harness.foundation)
        #expect(try harness.device(key).rejectReason == nil)
        harness.rejects(
            .invalidStatus, .updateDevice(UpdateDeviceArgs(pubkey: key, status: .pending)), as: harness.foundation)
        harness.rejects(
            .invalidStatus, .updateDevice(UpdateDeviceArgs(pubkey: key, status: .deleting)), as: harness.foundation)
        // A suspended device stays suspended for its owner.
        harness.rejects(
            .noStateChange, .updateDevice(UpdateDeviceArgs(pubkey: key, status: .suspended)), as: harness.foundation)
        harness.rejects(
            .notAllowed, .updateDevice(UpdateDeviceArgs(pubkey: key, status: .activated)), as: harness.contributorOwner)
    }

    @Test func aDeletingDeviceCannotBeUpdated() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let key = try harness.createDevice("dz01", number: 1, fixture: fixture)
        try harness.run(.rejectDevice(RejectArgs(pubkey: key, reason: "bad")), as: harness.activator)
        try harness.run(.deleteDevice(PubkeyArgs(pubkey: key)), as: harness.contributorOwner)
        harness.rejects(
            .invalidStatus, .updateDevice(UpdateDeviceArgs(pubkey: key, mgmtVrf: "x")), as: harness.foundation)
    }

    @Test func movingADeviceMovesItsReferences() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let key = try harness.createDevice("dz01", number: 1, fixture: fixture)
        let changes = try harness.run(
            .createLocation(CreateLocationArgs(code: "ewr", name: "ewr", country: "US", latitude: 40, longitude: -74)),
            .createExchange(CreateExchangeArgs(code: "xewr", name: "xewr", latitude: 40, longitude: -74)),
            as: harness.foundation)
        let location = try #require(changes.key(of: .location))
        let exchange = try #require(changes.key(of: .exchange))
        harness.rejects(
            .invalidLocationPubkey, .updateDevice(UpdateDeviceArgs(pubkey: key, location: Keypair().publicKey)),
            as: harness.contributorOwner)
        harness.rejects(
            .invalidExchangePubkey,
            .updateDevice(UpdateDeviceArgs(pubkey: key, location: location, exchange: Keypair().publicKey)),
            as: harness.contributorOwner)
        try harness.run(
            .updateDevice(UpdateDeviceArgs(pubkey: key, location: location, exchange: exchange)),
            as: harness.contributorOwner)
        let device = try harness.device(key)
        #expect(device.location == location)
        #expect(device.exchange == exchange)
        #expect(harness.infrastructureCounts(fixture) == [0, 0, 1])
        #expect(harness.state.locations[location]?.referenceCount == 1)
        #expect(harness.state.exchanges[exchange]?.referenceCount == 1)
        // The old location and exchange can now go.
        try harness.run(
            .deleteLocation(PubkeyArgs(pubkey: fixture.location)),
            .deleteExchange(PubkeyArgs(pubkey: fixture.exchange)),
            as: harness.foundation)
    }

    @Test func dzPrefixesStayWhileAUserHoldsAnAddressFromThem() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let key = try harness.activeDevice("dz01", number: 1, fixture: fixture)
        let newPrefixes: [IPv4Prefix] = ["101.100.50.0/29"]
        // Users without an allocated dz_ip (dz_ip = client_ip) and rejected users do not block.
        harness.insert(
            .user(
                User(
                    pubkey: Keypair().publicKey, owner: harness.client.publicKey, userType: .ibrl, device: key,
                    clientIp: "9.9.9.9", dzIp: "9.9.9.9", status: .activated)))
        harness.insert(
            .user(
                User(
                    pubkey: Keypair().publicKey, owner: harness.client.publicKey, userType: .edgeFiltering, device: key,
                    clientIp: "9.9.9.8", dzIp: "101.100.1.2", status: .rejected)))
        let holder = User(
            pubkey: Keypair().publicKey, owner: harness.client.publicKey, userType: .ibrlWithAllocatedIP, device: key,
            clientIp: "9.9.9.7", dzIp: "101.100.1.1", status: .activated)
        harness.insert(.user(holder))
        let error = harness.rejects(
            .invalidStatus, .updateDevice(UpdateDeviceArgs(pubkey: key, dzPrefixes: newPrefixes)),
            as: harness.foundation)
        #expect(error?.message.contains("101.100.1.1") == true)
        #expect(error?.field == "dz_prefixes")
        // Re-sending the same prefixes is no change: not blocked by the holder, refused as a no-op.
        harness.rejects(
            .noStateChange, .updateDevice(UpdateDeviceArgs(pubkey: key, dzPrefixes: ["101.100.1.0/29"])),
            as: harness.contributorOwner)
        harness.state.users[holder.pubkey] = nil
        try harness.run(
            .updateDevice(UpdateDeviceArgs(pubkey: key, dzPrefixes: newPrefixes)), as: harness.contributorOwner)
        #expect(try harness.device(key).dzPrefixes == newPrefixes)
    }

    // MARK: delete_device / close_device

    @Test(arguments: [DeviceStatus.drained, .suspended, .rejected])
    func deleteDeviceMarksAnIdleDeviceDeleting(from status: DeviceStatus) throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let key = try harness.createDevice("dz01", number: 1, fixture: fixture)
        var device = try harness.device(key)
        device.status = status
        harness.insert(.device(device))
        try harness.run(.deleteDevice(PubkeyArgs(pubkey: key)), as: harness.contributorOwner)
        #expect(try harness.device(key).status == .deleting)
        #expect(harness.infrastructureCounts(fixture) == [1, 1, 1])
    }

    @Test func deleteDeviceNeedsADrainedDevice() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let pending = try harness.createDevice("dz00", number: 9, fixture: fixture)
        harness.rejects(.invalidStatus, .deleteDevice(PubkeyArgs(pubkey: pending)), as: harness.foundation)
        let key = try harness.createDevice("dz01", number: 1, fixture: fixture)
        try harness.run(.activateDevice(PubkeyArgs(pubkey: key)), as: harness.activator)
        let error = harness.rejects(
            .invalidStatus, .deleteDevice(PubkeyArgs(pubkey: key)), as: harness.contributorOwner)
        #expect(error?.message.contains("drain it first") == true)
        try harness.run(.updateDevice(UpdateDeviceArgs(pubkey: key, status: .drained)), as: harness.contributorOwner)
        try harness.run(.deleteDevice(PubkeyArgs(pubkey: key)), as: harness.contributorOwner)
        let again = harness.rejects(
            .invalidStatus, .deleteDevice(PubkeyArgs(pubkey: key)), as: harness.contributorOwner)
        #expect(again?.message.contains("already being deleted") == true)
    }

    @Test func deleteDeviceAuthorization() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let first = try harness.createDevice("dz01", number: 1, fixture: fixture)
        let second = try harness.createDevice("dz02", number: 2, fixture: fixture)
        for key in [first, second] {
            try harness.run(.rejectDevice(RejectArgs(pubkey: key, reason: "test")), as: harness.activator)
        }
        for signer in harness.outsiders {
            harness.rejects(.notAllowed, .deleteDevice(PubkeyArgs(pubkey: first)), as: signer)
        }
        try harness.run(.deleteDevice(PubkeyArgs(pubkey: first)), as: harness.contributorOwner)
        try harness.run(.deleteDevice(PubkeyArgs(pubkey: second)), as: harness.foundation)
        #expect(try harness.device(first).status == .deleting)
        #expect(try harness.device(second).status == .deleting)
    }

    @Test func deleteDeviceNeedsNoReferencesAndNoInterfaces() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let sideA = try harness.activeDevice("dz01", number: 1, fixture: fixture)
        let sideZ = try harness.activeDevice("dz02", number: 2, fixture: fixture)
        try harness.createWanLink("a-z", from: sideA, to: sideZ)
        try harness.run(.updateDevice(UpdateDeviceArgs(pubkey: sideA, status: .drained)), as: harness.contributorOwner)
        harness.rejects(.referenceCountNotZero, .deleteDevice(PubkeyArgs(pubkey: sideA)), as: harness.foundation)
        var device = try harness.device(sideA)
        device.referenceCount = 0
        harness.insert(.device(device))
        harness.rejects(.deviceHasInterfaces, .deleteDevice(PubkeyArgs(pubkey: sideA)), as: harness.foundation)
    }

    @Test func aDeviceWithAnyUserRecordCannotBeDeletedOrClosed() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let key = try harness.createDevice("dz01", number: 1, fixture: fixture)
        try harness.run(.rejectDevice(RejectArgs(pubkey: key, reason: "test")), as: harness.activator)
        // A rejected user holds no slot (no reference) but still names the device.
        let user = User(
            pubkey: Keypair().publicKey, owner: harness.client.publicKey, userType: .ibrl, device: key,
            clientIp: "9.9.9.9", status: .rejected)
        harness.insert(.user(user))
        let error = harness.rejects(
            .referenceCountNotZero, .deleteDevice(PubkeyArgs(pubkey: key)), as: harness.foundation)
        #expect(error?.message.contains("1 user(s)") == true)
        harness.state.users[user.pubkey] = nil
        try harness.run(.deleteDevice(PubkeyArgs(pubkey: key)), as: harness.foundation)
        harness.insert(.user(user))
        harness.rejects(.referenceCountNotZero, .closeDevice(PubkeyArgs(pubkey: key)), as: harness.activator)
        harness.state.users[user.pubkey] = nil
        try harness.run(.closeDevice(PubkeyArgs(pubkey: key)), as: harness.activator)
    }

    @Test func closeDeviceRemovesItAndReleasesItsReferences() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let key = try harness.createDevice("dz01", number: 1, fixture: fixture)
        try harness.run(.rejectDevice(RejectArgs(pubkey: key, reason: "no pool")), as: harness.activator)
        harness.rejects(.invalidStatus, .closeDevice(PubkeyArgs(pubkey: key)), as: harness.activator)
        try harness.run(.deleteDevice(PubkeyArgs(pubkey: key)), as: harness.contributorOwner)
        for signer in harness.everyoneButTheActivator {
            harness.rejects(.notAllowed, .closeDevice(PubkeyArgs(pubkey: key)), as: signer)
        }
        #expect(harness.infrastructureCounts(fixture) == [1, 1, 1])
        let changes = try harness.run(.closeDevice(PubkeyArgs(pubkey: key)), as: harness.activator)
        #expect(harness.state.devices[key] == nil)
        #expect(changes.contains { $0.ref == EntityRef(kind: .device, pubkey: key) && $0.entity == nil })
        #expect(harness.infrastructureCounts(fixture) == [0, 0, 0])
        try harness.run(.deleteContributor(PubkeyArgs(pubkey: fixture.contributor)), as: harness.foundation)
    }
}
