import Ledger
import Models
import Testing

/// `create_user` admission: access passes, keys, RFC 13 rules, devices and slots.
@Suite struct UserAdmissionTests {
    @Test func creatingAUserMakesItPendingAndTakesItsSlot() throws {
        var bed = try UserTestbed()
        let key = try bed.addUser(.ibrl)
        let user = try bed.user(key)
        #expect(user.status == .pending)
        #expect(user.owner == bed.harness.client.publicKey)
        #expect(user.userType == .ibrl)
        #expect(user.device == bed.device)
        #expect(user.clientIp == TestAddresses.client)
        #expect(user.dzIp == .unspecified)
        #expect(user.tunnelId == 0)
        #expect(user.tunnelNet == .unset)
        #expect(user.tunnelEndpoint == .unspecified)
        #expect(user.validatorPubkey == nil)
        let device = try bed.device()
        #expect(device.unicastUsersCount == 1)
        #expect(device.multicastUsersCount == 0)
        #expect(device.referenceCount == 1)
        let pass = try bed.pass(TestAddresses.client, bed.harness.client)
        #expect(pass.connectionCount == 1)
        #expect(pass.status == .connected)
    }

    @Test func aValidatorPassGivesTheUserItsValidatorKey() throws {
        var bed = try UserTestbed()
        let validator = Keypair().publicKey
        try bed.grantPass(to: bed.harness.client, type: .solanaValidator, typeKey: validator)
        let key = try bed.addUser()
        #expect(try bed.user(key).validatorPubkey == validator)
    }

    @Test func usersNeedAnAccessPassForTheirAddress() throws {
        var bed = try UserTestbed()
        let noPass = bed.harness.rejects(.accessPassNotFound, bed.createUser(), as: bed.harness.stranger)
        #expect(noPass?.field == "client_ip")
        // The client's pass is for TestAddresses.client; another address is not covered, and
        // the other client's pass for that address admits only the other client.
        bed.harness.rejects(.accessPassNotFound, bed.createUser(ip: TestAddresses.otherClient), as: bed.harness.client)
        bed.harness.rejects(.accessPassNotFound, bed.createUser(), as: bed.otherClient)
        bed.harness.rejects(.invalidClientIp, bed.createUser(ip: "10.1.1.1"), as: bed.harness.client)
    }

    @Test func aDynamicPassBindsToItsFirstAddressUntilItsLastUserLeaves() throws {
        var bed = try UserTestbed()
        let payer = Keypair()
        let first: IPv4Address = "185.1.1.20"
        let second: IPv4Address = "185.1.1.21"
        try bed.grantPass(to: payer, ip: .unspecified)
        let user = try bed.addUser(.ibrl, as: payer, ip: first)
        var pass = try bed.pass(.unspecified, payer)
        #expect(pass.clientIp == first)
        #expect(pass.connectionCount == 1)
        let refused = bed.harness.rejects(
            .unauthorized, bed.createUser(.multicast, ip: second, endpoint: TestAddresses.deviceEndpoint), as: payer)
        #expect(refused?.message.contains("bound to client IP \(first)") == true)
        try bed.harness.run(.rejectUser(RejectArgs(pubkey: user, reason: "test")), as: bed.harness.activator)
        pass = try bed.pass(.unspecified, payer)
        #expect(pass.clientIp == .unspecified)
        #expect(pass.status == .disconnected)
        try bed.addUser(.multicast, as: payer, ip: second)
        #expect(try bed.pass(.unspecified, payer).clientIp == second)
    }

    @Test func allowMultipleIpLetsABoundPassAdmitOtherAddresses() throws {
        var bed = try UserTestbed()
        let payer = Keypair()
        let first: IPv4Address = "185.1.1.20"
        let second: IPv4Address = "185.1.1.21"
        try bed.grantPass(to: payer, ip: .unspecified, allowMultipleIp: true)
        let firstUser = try bed.addUser(.ibrl, as: payer, ip: first)
        let secondUser = try bed.addUser(.ibrl, as: payer, ip: second)
        var pass = try bed.pass(.unspecified, payer)
        #expect(pass.connectionCount == 2)
        #expect(pass.clientIp == first)
        try bed.harness.run(.rejectUser(RejectArgs(pubkey: firstUser, reason: "test")), as: bed.harness.activator)
        pass = try bed.pass(.unspecified, payer)
        #expect(pass.connectionCount == 1)
        #expect(pass.status == .connected)
        try bed.harness.run(.rejectUser(RejectArgs(pubkey: secondUser, reason: "test")), as: bed.harness.activator)
        pass = try bed.pass(.unspecified, payer)
        #expect(pass.connectionCount == 0)
        #expect(pass.clientIp == .unspecified)
    }

    @Test func theDynamicPassIsUsedBeforeTheExactOne() throws {
        var bed = try UserTestbed()
        try bed.grantPass(to: bed.harness.client, ip: .unspecified)
        try bed.addUser()
        #expect(try bed.pass(.unspecified, bed.harness.client).connectionCount == 1)
        #expect(try bed.pass(TestAddresses.client, bed.harness.client).connectionCount == 0)
    }

    @Test func anExpiredPassAdmitsMulticastButNotUnicastUsers() throws {
        var bed = try UserTestbed()
        try bed.grantPass(to: bed.harness.client, lastAccessEpoch: 5)
        try bed.grantPass(to: bed.otherClient, ip: TestAddresses.otherClient, lastAccessEpoch: 6)
        try bed.harness.run(.setEpoch(SetEpochArgs(epoch: 6)), as: bed.harness.foundation)
        for type in [UserType.ibrl, .ibrlWithAllocatedIP, .edgeFiltering] {
            let error = bed.harness.rejects(.accessPassUnauthorized, bed.createUser(type), as: bed.harness.client)
            #expect(error?.field == "last_access_epoch")
        }
        try bed.addUser(.multicast)
        // A pass valid until the current epoch still admits unicast users.
        try bed.addUser(.ibrl, as: bed.otherClient, ip: TestAddresses.otherClient)
    }

    @Test func lastAccessEpochZeroAdmitsOnlyMulticast() throws {
        var bed = try UserTestbed()
        try bed.grantPass(to: bed.harness.client, lastAccessEpoch: 0)
        bed.harness.rejects(.accessPassUnauthorized, bed.createUser(.ibrl), as: bed.harness.client)
        bed.harness.rejects(.accessPassUnauthorized, bed.createUser(.edgeFiltering), as: bed.harness.client)
        try bed.addUser(.multicast)
    }

    @Test func aUserKeyIsTakenOnceAndABannedUserBlocksIt() throws {
        var bed = try UserTestbed()
        let key = try bed.addActivatedUser()
        let again = bed.harness.rejects(.accountAlreadyInitialized, bed.createUser(.ibrl), as: bed.harness.client)
        #expect(again?.message.contains("already has a ibrl user") == true)
        try bed.harness.run(.requestBanUser(PubkeyArgs(pubkey: key)), as: bed.harness.foundation)
        let banned = bed.harness.rejects(.invalidStatus, bed.createUser(.ibrl), as: bed.harness.client)
        #expect(banned?.message.contains("banned") == true)
    }

    @Test func rfc13AClientIpHoldsOneUnicastAndOneMulticastUserOnDifferentEndpoints() throws {
        var bed = try UserTestbed()
        try bed.addUser(.ibrl)
        try bed.addUser(.multicast, endpoint: TestAddresses.deviceEndpoint)
        let device = try bed.device()
        #expect(device.unicastUsersCount == 1)
        #expect(device.multicastUsersCount == 1)
        #expect(device.referenceCount == 2)
        #expect(try bed.pass(TestAddresses.client, bed.harness.client).connectionCount == 2)
        for type in [UserType.ibrlWithAllocatedIP, .edgeFiltering] {
            let error = bed.harness.rejects(
                .accountAlreadyInitialized, bed.createUser(type, endpoint: TestAddresses.deviceEndpoint),
                as: bed.harness.client)
            #expect(error?.message.contains("already has a unicast user (ibrl") == true)
            #expect(error?.message.contains("RFC 13") == true)
        }
    }

    @Test func rfc13ASecondTunnelMayNotReuseTheSameDeviceEndpoint() throws {
        var bed = try UserTestbed()
        try bed.addUser(.ibrl)
        let implicit = bed.harness.rejects(.invalidTunnelEndpoint, bed.createUser(.multicast), as: bed.harness.client)
        #expect(implicit?.message.contains("RFC 13") == true)
        #expect(implicit?.message.contains(TestAddresses.devicePublicIp.description) == true)
        bed.harness.rejects(
            .invalidTunnelEndpoint, bed.createUser(.multicast, endpoint: TestAddresses.devicePublicIp),
            as: bed.harness.client)
        // The public IP of another device is another endpoint.
        let other = bed.insertOtherDevice()
        try bed.addUser(.multicast, device: other)
    }

    @Test func rfc13AnExplicitEndpointLeavesThePublicIpFree() throws {
        var bed = try UserTestbed()
        try bed.addUser(.ibrl, endpoint: TestAddresses.deviceEndpoint)
        bed.harness.rejects(
            .invalidTunnelEndpoint, bed.createUser(.multicast, endpoint: TestAddresses.deviceEndpoint),
            as: bed.harness.client)
        let key = try bed.addUser(.multicast)
        #expect(try bed.user(key).tunnelEndpoint == .unspecified)
    }

    @Test func aRejectedUserFreesItsFamilyAndItsEndpoint() throws {
        var bed = try UserTestbed()
        let key = try bed.addUser(.ibrl)
        try bed.harness.run(.rejectUser(RejectArgs(pubkey: key, reason: "no capacity")), as: bed.harness.activator)
        try bed.addUser(.edgeFiltering)
        #expect(try bed.device().unicastUsersCount == 1)
    }

    @Test func theDeviceMustExistBeActivatedAndTerminateUsers() throws {
        var bed = try UserTestbed()
        let unknown = bed.harness.rejects(
            .invalidDevicePubkey, bed.createUser(device: Keypair().publicKey), as: bed.harness.client)
        #expect(unknown?.field == "device_pk")
        let pending = bed.insertDevice(
            publicIp: "47.0.0.1", dzPrefixes: ["47.0.2.0/29"], status: .pending, endpoints: [])
        let notActive = bed.harness.rejects(.invalidStatus, bed.createUser(device: pending), as: bed.harness.client)
        #expect(notActive?.message.contains("pending, not activated") == true)
        // Foundation and QA keys may connect to a device that is not activated yet.
        try bed.grantPass(to: bed.harness.foundation, ip: "185.1.2.1")
        try bed.grantPass(to: bed.qa, ip: "185.1.2.2")
        try bed.addUser(as: bed.harness.foundation, ip: "185.1.2.1", device: pending)
        try bed.addUser(as: bed.qa, ip: "185.1.2.2", device: pending)
        #expect(try bed.device(pending).unicastUsersCount == 2)
        // Nobody connects to a transit device.
        let transit = bed.insertDevice(
            publicIp: "48.0.0.1", dzPrefixes: ["48.0.2.0/29"], deviceType: .transit, endpoints: [])
        let error = bed.harness.rejects(.invalidStatus, bed.createUser(device: transit), as: bed.harness.client)
        #expect(error?.message.contains("transit devices terminate no users") == true)
        bed.harness.rejects(.invalidStatus, bed.createUser(.multicast, ip: "185.1.2.2", device: transit), as: bed.qa)
    }

    @Test func perTypeLimitsAreEnforcedAndOnlyQABypassesThem() throws {
        var bed = try UserTestbed()
        let small = bed.insertDevice(
            publicIp: "47.0.0.1", dzPrefixes: ["47.0.2.0/29"], endpoints: ["47.0.1.1"], maxUnicastUsers: 1,
            maxMulticastUsers: 0)
        try bed.addUser(.ibrl, device: small)
        let full = bed.harness.rejects(
            .maxUnicastUsersExceeded, bed.createUser(ip: TestAddresses.otherClient, device: small), as: bed.otherClient)
        #expect(full?.message.contains("1 of 1 used") == true)
        let none = bed.harness.rejects(
            .maxMulticastSubscribersExceeded, bed.createUser(.multicast, ip: TestAddresses.otherClient, device: small),
            as: bed.otherClient)
        #expect(none?.message.contains("no free multicast slot (0 of 0 used)") == true)
        try bed.grantPass(to: bed.harness.foundation, ip: "185.1.2.1")
        bed.harness.rejects(
            .maxUnicastUsersExceeded, bed.createUser(ip: "185.1.2.1", device: small), as: bed.harness.foundation)
        try bed.grantPass(to: bed.qa, ip: "185.1.2.2")
        try bed.addUser(.ibrl, as: bed.qa, ip: "185.1.2.2", device: small)
        try bed.addUser(.multicast, as: bed.qa, ip: "185.1.2.2", device: small, endpoint: "47.0.1.1")
        let device = try bed.device(small)
        #expect(device.unicastUsersCount == 2)
        #expect(device.multicastUsersCount == 1)
    }

    @Test func theTunnelEndpointMustBeAnActivatedUserTunnelEndpointOfTheDevice() throws {
        var bed = try UserTestbed()
        let foreign = bed.harness.rejects(
            .invalidTunnelEndpoint, bed.createUser(endpoint: "45.9.9.9"), as: bed.harness.client)
        #expect(foreign?.field == "tunnel_endpoint")
        var device = try bed.device()
        device.interfaces.append(
            DeviceInterface(
                name: "Loopback200", status: .pending, ipNet: "45.0.1.2/32", userTunnelEndpoint: true))
        bed.harness.insert(.device(device))
        bed.harness.rejects(.invalidTunnelEndpoint, bed.createUser(endpoint: "45.0.1.2"), as: bed.harness.client)
        try bed.addUser(endpoint: TestAddresses.devicePublicIp)
    }
}

/// `create_subscribe_user`.
@Suite struct SubscribeUserTests {
    @Test func aSubscribeUserTakesItsRolesAndAMulticastSlot() throws {
        var bed = try UserTestbed()
        let group = try bed.addActivatedGroup(publishers: [bed.harness.client], subscribers: [bed.harness.client])
        try bed.harness.run(
            bed.createSubscribeUser(group: group, publisher: true, subscriber: true), as: bed.harness.client)
        let user = try bed.user(UserTestbed.userKey(.multicast))
        #expect(user.userType == .multicast)
        #expect(user.status == .pending)
        #expect(user.publishers == [group])
        #expect(user.subscribers == [group])
        #expect(user.tunnelEndpoint == TestAddresses.deviceEndpoint)
        let stored = try bed.group(group)
        #expect(stored.publisherCount == 1)
        #expect(stored.subscriberCount == 1)
        let device = try bed.device()
        #expect(device.multicastUsersCount == 1)
        #expect(device.unicastUsersCount == 0)
        #expect(device.referenceCount == 1)
        #expect(try bed.pass(TestAddresses.client, bed.harness.client).connectionCount == 1)
    }

    @Test func aSubscribeUserNeedsARole() throws {
        var bed = try UserTestbed()
        let group = try bed.addActivatedGroup(subscribers: [bed.harness.client])
        bed.harness.rejects(
            .invalidArgument, bed.createSubscribeUser(group: group, publisher: false, subscriber: false),
            as: bed.harness.client)
    }

    @Test func theGroupMustExistAndBeActivated() throws {
        var bed = try UserTestbed()
        let pending = try bed.addPendingGroup(code: "mg01")
        try bed.harness.run(
            .addMulticastGroupSubscriber(
                MulticastAllowlistArgs(group: pending, userPayer: bed.harness.client.publicKey)),
            as: bed.harness.foundation)
        bed.harness.rejects(
            .invalidStatus, bed.createSubscribeUser(group: pending, publisher: false, subscriber: true),
            as: bed.harness.client)
        let suspended = try bed.addActivatedGroup(code: "mg02", ip: "233.84.178.2", subscribers: [bed.harness.client])
        try bed.harness.run(.suspendMulticastGroup(PubkeyArgs(pubkey: suspended)), as: bed.harness.foundation)
        let error = bed.harness.rejects(
            .invalidStatus, bed.createSubscribeUser(group: suspended, publisher: false, subscriber: true),
            as: bed.harness.client)
        #expect(error?.message.contains("suspended, not activated") == true)
        bed.harness.rejects(
            .accountNotFound, bed.createSubscribeUser(group: Keypair().publicKey, publisher: false, subscriber: true),
            as: bed.harness.client)
    }

    @Test func eachRoleNeedsItsAllowlist() throws {
        var bed = try UserTestbed()
        let subscribeOnly = try bed.addActivatedGroup(code: "mg01", subscribers: [bed.harness.client])
        let publishOnly = try bed.addActivatedGroup(code: "mg02", ip: "233.84.178.2", publishers: [bed.harness.client])
        let publish = bed.harness.rejects(
            .notAllowed, bed.createSubscribeUser(group: subscribeOnly, publisher: true, subscriber: true),
            as: bed.harness.client)
        #expect(publish?.message.contains("publisher allowlist") == true)
        let subscribe = bed.harness.rejects(
            .notAllowed, bed.createSubscribeUser(group: publishOnly, publisher: false, subscriber: true),
            as: bed.harness.client)
        #expect(subscribe?.message.contains("subscriber allowlist") == true)
        try bed.harness.run(
            bed.createSubscribeUser(group: publishOnly, publisher: true, subscriber: false), as: bed.harness.client)
    }

    @Test func anyMulticastUserNeedsAMulticastSlot() throws {
        var bed = try UserTestbed()
        let group = try bed.addActivatedGroup(publishers: [bed.harness.client])
        let noSlots = bed.insertDevice(
            publicIp: "47.0.0.1", dzPrefixes: ["47.0.2.0/29"], endpoints: [], maxMulticastUsers: 0)
        bed.harness.rejects(
            .maxMulticastSubscribersExceeded,
            bed.createSubscribeUser(
                group: group, publisher: true, subscriber: false, device: noSlots, endpoint: .unspecified),
            as: bed.harness.client)
    }
}

/// `activate_user` (the ledger verifies the activator's allocation) and `reject_user`.
@Suite struct UserActivationTests {
    @Test func activationStoresTheVerifiedAllocation() throws {
        var bed = try UserTestbed()
        let key = try bed.addUser()
        try bed.harness.run(UserTestbed.activation(key, slot: 3), as: bed.harness.activator)
        let user = try bed.user(key)
        #expect(user.status == .activated)
        #expect(user.tunnelId == 503)
        #expect(user.tunnelNet == "169.254.0.6/31")
        #expect(user.dzIp == TestAddresses.client)
        #expect(user.tunnelEndpoint == .unspecified)
        bed.harness.rejects(.invalidStatus, UserTestbed.activation(key, slot: 4), as: bed.harness.activator)
    }

    @Test func onlyTheActivatorActivatesRejectsAndCloses() throws {
        var bed = try UserTestbed()
        let key = try bed.addUser()
        let refused = [bed.harness.foundation, bed.sentinel, bed.harness.client, bed.harness.stranger, bed.groupOwner]
        bed.expectAuthorization(UserTestbed.activation(key), allowed: [bed.harness.activator], refused: refused)
        bed.expectAuthorization(
            .rejectUser(RejectArgs(pubkey: key, reason: "no")), allowed: [bed.harness.activator], refused: refused)
        try bed.harness.run(UserTestbed.activation(key), as: bed.harness.activator)
        try bed.harness.run(.deleteUser(PubkeyArgs(pubkey: key)), as: bed.harness.client)
        bed.expectAuthorization(.closeUser(PubkeyArgs(pubkey: key)), allowed: [bed.harness.activator], refused: refused)
        bed.harness.rejects(
            .userAccountNotFound, UserTestbed.activation(Keypair().publicKey), as: bed.harness.activator)
    }

    @Test func tunnelIdsMustBeInRangeAndFreeOnTheDevice() throws {
        var bed = try UserTestbed()
        try bed.addActivatedUser()
        let other = try bed.addUser(as: bed.otherClient, ip: TestAddresses.otherClient)
        func activation(_ id: UInt16) -> Instruction {
            .activateUser(
                ActivateUserArgs(
                    pubkey: other, tunnelId: id, tunnelNet: "169.254.0.2/31", dzIp: TestAddresses.otherClient))
        }
        for id: UInt16 in [0, 499, 4596] {
            let error = bed.harness.rejects(.invalidTunnelId, activation(id), as: bed.harness.activator)
            #expect(error?.field == "tunnel_id")
        }
        let taken = bed.harness.rejects(.allocationFailed, activation(500), as: bed.harness.activator)
        #expect(taken?.message.contains("tunnel_id 500 is already used on device") == true)
        try bed.harness.run(activation(4595), as: bed.harness.activator)
        // Tunnel ids are per device.
        let third = Keypair()
        let device = bed.insertOtherDevice()
        try bed.grantPass(to: third, ip: "185.1.1.30")
        let key = try bed.addUser(as: third, ip: "185.1.1.30", device: device)
        try bed.harness.run(
            .activateUser(
                ActivateUserArgs(pubkey: key, tunnelId: 500, tunnelNet: "169.254.0.4/31", dzIp: "185.1.1.30")),
            as: bed.harness.activator)
    }

    @Test func tunnelNetsMustBeFreeAlignedSlash31sOfTheUserTunnelBlock() throws {
        var bed = try UserTestbed()
        try bed.addActivatedUser()
        let other = try bed.addUser(as: bed.otherClient, ip: TestAddresses.otherClient)
        func activation(_ net: IPv4Prefix) -> Instruction {
            .activateUser(
                ActivateUserArgs(pubkey: other, tunnelId: 501, tunnelNet: net, dzIp: TestAddresses.otherClient))
        }
        for net: IPv4Prefix in ["169.254.0.4/30", "169.254.0.5/31", "10.0.0.0/31"] {
            let error = bed.harness.rejects(.invalidTunnelNet, activation(net), as: bed.harness.activator)
            #expect(error?.field == "tunnel_net")
        }
        let taken = bed.harness.rejects(.allocationFailed, activation("169.254.0.0/31"), as: bed.harness.activator)
        #expect(taken?.message.contains("169.254.0.0/31 is already used") == true)
        var config = try #require(bed.state.globalConfig)
        config.userTunnelBlock = "169.254.0.0/24"
        bed.harness.insert(.globalConfig(config))
        let outside = bed.harness.rejects(.invalidTunnelNet, activation("169.254.1.0/31"), as: bed.harness.activator)
        #expect(outside?.message.contains("outside the user tunnel block 169.254.0.0/24") == true)
        try bed.harness.run(activation("169.254.0.254/31"), as: bed.harness.activator)
    }

    @Test func ibrlUsersAndPureSubscribersUseTheirClientIp() throws {
        var bed = try UserTestbed()
        let ibrl = try bed.addUser(.ibrl)
        let error = bed.harness.rejects(
            .invalidDzIp, UserTestbed.activation(ibrl, dzIp: "45.0.2.1"), as: bed.harness.activator)
        #expect(error?.message.contains("must use its client IP") == true)
        let group = try bed.addActivatedGroup(subscribers: [bed.harness.client])
        try bed.harness.run(
            bed.createSubscribeUser(group: group, publisher: false, subscriber: true), as: bed.harness.client)
        let subscriber = UserTestbed.userKey(.multicast)
        bed.harness.rejects(
            .invalidDzIp,
            UserTestbed.activation(
                subscriber, slot: 1, dzIp: TestAddresses.publisherDzIp, endpoint: TestAddresses.deviceEndpoint),
            as: bed.harness.activator)
        try bed.harness.run(
            UserTestbed.activation(subscriber, slot: 1, endpoint: TestAddresses.deviceEndpoint),
            as: bed.harness.activator)
    }

    @Test func allocatedDzIpsComeFromTheDevicesDzPrefixesAfterTheReservedFirstAddress() throws {
        var bed = try UserTestbed()
        let key = try bed.addUser(.ibrlWithAllocatedIP)
        let reserved = bed.harness.rejects(
            .invalidDzIp, UserTestbed.activation(key, dzIp: "45.0.2.0"), as: bed.harness.activator)
        #expect(reserved?.message.contains("reserved") == true)
        for dzIp: IPv4Address in ["45.0.3.1", TestAddresses.publisherDzIp, TestAddresses.client] {
            bed.harness.rejects(.invalidDzIp, UserTestbed.activation(key, dzIp: dzIp), as: bed.harness.activator)
        }
        try bed.harness.run(UserTestbed.activation(key, dzIp: "45.0.2.1"), as: bed.harness.activator)
        let edge = try bed.addUser(.edgeFiltering, as: bed.otherClient, ip: TestAddresses.otherClient)
        let taken = bed.harness.rejects(
            .allocationFailed, UserTestbed.activation(edge, slot: 1, dzIp: "45.0.2.1"), as: bed.harness.activator)
        #expect(taken?.field == "dz_ip")
        try bed.harness.run(UserTestbed.activation(edge, slot: 1, dzIp: "45.0.2.7"), as: bed.harness.activator)
    }

    @Test func publisherDzIpsComeFromTheGlobalPublisherPoolNeverFromDevicePrefixes() throws {
        var bed = try UserTestbed()
        let group = try bed.addActivatedGroup(publishers: [bed.harness.client, bed.otherClient])
        try bed.harness.run(
            bed.createSubscribeUser(group: group, publisher: true, subscriber: false), as: bed.harness.client)
        let publisher = UserTestbed.userKey(.multicast)
        func activation(_ user: PublicKey, _ slot: UInt16, _ dzIp: IPv4Address) -> Instruction {
            UserTestbed.activation(user, slot: slot, dzIp: dzIp, endpoint: TestAddresses.deviceEndpoint)
        }
        let prefix = bed.harness.rejects(.invalidDzIp, activation(publisher, 0, "45.0.2.2"), as: bed.harness.activator)
        #expect(prefix?.message.contains("RFC 13") == true)
        bed.harness.rejects(.invalidDzIp, activation(publisher, 0, TestAddresses.client), as: bed.harness.activator)
        try bed.harness.run(activation(publisher, 0, TestAddresses.publisherDzIp), as: bed.harness.activator)
        try bed.harness.run(
            bed.createSubscribeUser(group: group, publisher: true, subscriber: false, ip: TestAddresses.otherClient),
            as: bed.otherClient)
        let second = UserTestbed.userKey(.multicast, ip: TestAddresses.otherClient)
        bed.harness.rejects(
            .allocationFailed, activation(second, 1, TestAddresses.publisherDzIp), as: bed.harness.activator)
        // Ranges added to the pool are usable too.
        try bed.harness.run(
            .addMulticastPublisherBlock(PrefixArgs(prefix: "148.51.120.0/21")), as: bed.harness.foundation)
        try bed.harness.run(activation(second, 1, "148.51.120.1"), as: bed.harness.activator)
    }

    @Test func theActivatorChoosesAnEndpointOnlyWhenTheUserDidNot() throws {
        var bed = try UserTestbed()
        let free = try bed.addUser(.ibrl)
        bed.harness.rejects(
            .invalidTunnelEndpoint, UserTestbed.activation(free, endpoint: "45.9.9.9"), as: bed.harness.activator)
        try bed.harness.run(
            UserTestbed.activation(free, endpoint: TestAddresses.deviceEndpoint), as: bed.harness.activator)
        #expect(try bed.user(free).tunnelEndpoint == TestAddresses.deviceEndpoint)

        let chosen = try bed.addUser(
            .ibrl, as: bed.otherClient, ip: TestAddresses.otherClient, endpoint: TestAddresses.deviceEndpoint)
        let moved = bed.harness.rejects(
            .invalidTunnelEndpoint, UserTestbed.activation(chosen, slot: 1, dzIp: TestAddresses.otherClient),
            as: bed.harness.activator)
        #expect(moved?.message.contains("may not move") == true)
        try bed.harness.run(
            UserTestbed.activation(
                chosen, slot: 1, dzIp: TestAddresses.otherClient, endpoint: TestAddresses.deviceEndpoint),
            as: bed.harness.activator)
    }

    @Test func activationKeepsTheClientsTunnelsOnDifferentEndpoints() throws {
        var bed = try UserTestbed()
        try bed.addUser(.ibrl, endpoint: TestAddresses.deviceEndpoint)
        let multicast = try bed.addUser(.multicast)
        let clash = bed.harness.rejects(
            .invalidTunnelEndpoint, UserTestbed.activation(multicast, slot: 1, endpoint: TestAddresses.deviceEndpoint),
            as: bed.harness.activator)
        #expect(clash?.message.contains("RFC 13") == true)
        try bed.harness.run(UserTestbed.activation(multicast, slot: 1), as: bed.harness.activator)
    }

    @Test func rejectionReleasesTheSlotAndRecordsTheReason() throws {
        var bed = try UserTestbed()
        let group = try bed.addActivatedGroup(publishers: [bed.harness.client], subscribers: [bed.harness.client])
        try bed.harness.run(
            bed.createSubscribeUser(group: group, publisher: true, subscriber: true), as: bed.harness.client)
        let key = UserTestbed.userKey(.multicast)
        try bed.harness.run(
            .rejectUser(RejectArgs(pubkey: key, reason: "publisher pool exhausted")), as: bed.harness.activator)
        let user = try bed.user(key)
        #expect(user.status == .rejected)
        #expect(user.rejectReason == "publisher pool exhausted")
        #expect(user.publishers.isEmpty && user.subscribers.isEmpty)
        let device = try bed.device()
        #expect(device.multicastUsersCount == 0)
        #expect(device.referenceCount == 0)
        let pass = try bed.pass(TestAddresses.client, bed.harness.client)
        #expect(pass.connectionCount == 0)
        #expect(pass.status == .disconnected)
        let stored = try bed.group(group)
        #expect(stored.publisherCount == 0 && stored.subscriberCount == 0)
    }

    @Test func rejectionNeedsAPendingUserAndAReason() throws {
        var bed = try UserTestbed()
        let key = try bed.addUser()
        bed.harness.rejects(
            .invalidArgument, .rejectUser(RejectArgs(pubkey: key, reason: "")), as: bed.harness.activator)
        bed.harness.rejects(
            .invalidArgument, .rejectUser(RejectArgs(pubkey: key, reason: String(repeating: "r", count: 257))),
            as: bed.harness.activator)
        try bed.harness.run(
            .rejectUser(RejectArgs(pubkey: key, reason: String(repeating: "r", count: 256))), as: bed.harness.activator)
        bed.harness.rejects(
            .invalidStatus, .rejectUser(RejectArgs(pubkey: key, reason: "again")), as: bed.harness.activator)
        let activated = try bed.addUser(as: bed.otherClient, ip: TestAddresses.otherClient)
        try bed.harness.run(
            UserTestbed.activation(activated, dzIp: TestAddresses.otherClient), as: bed.harness.activator)
        bed.harness.rejects(
            .invalidStatus, .rejectUser(RejectArgs(pubkey: activated, reason: "late")), as: bed.harness.activator)
    }
}

/// `update_multicast_roles`.
@Suite struct MulticastRoleTests {
    private static func roles(_ user: PublicKey, _ group: PublicKey, publisher: Bool, subscriber: Bool) -> Instruction {
        .updateMulticastRoles(
            UpdateMulticastRolesArgs(user: user, group: group, publisher: publisher, subscriber: subscriber))
    }

    /// A testbed with an activated subscriber of `group` (the client may also publish to it).
    private static func activatedSubscriber() throws -> (bed: UserTestbed, user: PublicKey, group: PublicKey) {
        var bed = try UserTestbed()
        let group = try bed.addActivatedGroup(publishers: [bed.harness.client], subscribers: [bed.harness.client])
        try bed.harness.run(
            bed.createSubscribeUser(group: group, publisher: false, subscriber: true), as: bed.harness.client)
        let user = UserTestbed.userKey(.multicast)
        try bed.harness.run(
            UserTestbed.activation(user, endpoint: TestAddresses.deviceEndpoint), as: bed.harness.activator)
        return (bed, user, group)
    }

    @Test func gainingTheFirstPublisherRoleSendsTheUserBackToTheActivator() throws {
        let setup = try Self.activatedSubscriber()
        var bed = setup.bed
        let (user, group) = (setup.user, setup.group)
        try bed.harness.run(Self.roles(user, group, publisher: true, subscriber: true), as: bed.harness.client)
        var stored = try bed.user(user)
        #expect(stored.status == .pending)
        #expect(stored.publishers == [group])
        #expect(stored.tunnelId == 500)
        #expect(stored.dzIp == TestAddresses.client)
        var counts = try bed.group(group)
        #expect(counts.publisherCount == 1 && counts.subscriberCount == 1)
        #expect(try bed.device().multicastUsersCount == 1)
        // The re-activation keeps the tunnel and takes a publisher-pool DZ IP.
        try bed.harness.run(
            UserTestbed.activation(user, dzIp: TestAddresses.publisherDzIp, endpoint: TestAddresses.deviceEndpoint),
            as: bed.harness.activator)
        stored = try bed.user(user)
        #expect(stored.status == .activated)
        #expect(stored.dzIp == TestAddresses.publisherDzIp)
        // Losing the last publisher role gives the client IP back, without a new activation.
        try bed.harness.run(Self.roles(user, group, publisher: false, subscriber: true), as: bed.harness.client)
        stored = try bed.user(user)
        #expect(stored.status == .activated)
        #expect(stored.dzIp == TestAddresses.client)
        #expect(stored.publishers.isEmpty)
        counts = try bed.group(group)
        #expect(counts.publisherCount == 0 && counts.subscriberCount == 1)
    }

    @Test func rolesAreSetByTheUserOwnerOrTheFoundation() throws {
        let (bed, user, group) = try Self.activatedSubscriber()
        bed.expectAuthorization(
            Self.roles(user, group, publisher: false, subscriber: false),
            allowed: [bed.harness.client, bed.harness.foundation],
            refused: [bed.sentinel, bed.harness.activator, bed.otherClient, bed.harness.stranger, bed.groupOwner])
    }

    @Test func grantingNeedsTheAllowlistAnActivatedGroupAndALiveUser() throws {
        let setup = try Self.activatedSubscriber()
        var bed = setup.bed
        let (user, group) = (setup.user, setup.group)
        try bed.harness.run(
            .removeMulticastGroupPublisher(
                MulticastAllowlistArgs(group: group, userPayer: bed.harness.client.publicKey)),
            as: bed.groupOwner)
        let notListed = bed.harness.rejects(
            .notAllowed, Self.roles(user, group, publisher: true, subscriber: true), as: bed.harness.client)
        #expect(notListed?.message.contains("publisher allowlist") == true)
        let other = try bed.addActivatedGroup(code: "mg02", ip: "233.84.178.2", subscribers: [bed.harness.client])
        try bed.harness.run(.suspendMulticastGroup(PubkeyArgs(pubkey: other)), as: bed.harness.foundation)
        bed.harness.rejects(
            .invalidStatus, Self.roles(user, other, publisher: false, subscriber: true), as: bed.harness.client)
        // Dropping a role is always possible, even in a suspended group.
        try bed.harness.run(.reactivateMulticastGroup(PubkeyArgs(pubkey: other)), as: bed.harness.foundation)
        try bed.harness.run(Self.roles(user, other, publisher: false, subscriber: true), as: bed.harness.client)
        try bed.harness.run(.suspendMulticastGroup(PubkeyArgs(pubkey: other)), as: bed.harness.foundation)
        try bed.harness.run(Self.roles(user, other, publisher: false, subscriber: false), as: bed.harness.client)
        #expect(try bed.group(other).subscriberCount == 0)
        // Keeping a held role does not re-check its allowlist.
        try bed.harness.run(
            .removeMulticastGroupSubscriber(
                MulticastAllowlistArgs(group: group, userPayer: bed.harness.client.publicKey)),
            as: bed.groupOwner)
        // (Keeping it changes nothing, so it is refused as a no-op, not for the allowlist.)
        bed.harness.rejects(
            .noStateChange, Self.roles(user, group, publisher: false, subscriber: true), as: bed.harness.client)
        #expect(try bed.user(user).subscribers == [group])
    }

    @Test func rolesAreGrantedOnlyToPendingOrActivatedMulticastUsers() throws {
        let setup = try Self.activatedSubscriber()
        var bed = setup.bed
        let (user, group) = (setup.user, setup.group)
        let ibrl = try bed.addActivatedUser(slot: 1)
        let wrongType = bed.harness.rejects(
            .invalidArgument, Self.roles(ibrl, group, publisher: false, subscriber: true), as: bed.harness.client)
        #expect(wrongType?.message.contains("only multicast users take roles") == true)
        var suspended = try bed.user(user)
        suspended.status = .suspended
        bed.harness.insert(.user(suspended))
        bed.harness.rejects(
            .invalidStatus, Self.roles(user, group, publisher: true, subscriber: true), as: bed.harness.client)
        try bed.harness.run(.requestBanUser(PubkeyArgs(pubkey: user)), as: bed.harness.foundation)
        bed.harness.rejects(
            .invalidStatus, Self.roles(user, group, publisher: true, subscriber: true), as: bed.harness.client)
        // A banned user may still drop its roles (so that it can be deleted).
        try bed.harness.run(Self.roles(user, group, publisher: false, subscriber: false), as: bed.harness.foundation)
        #expect(try bed.group(group).subscriberCount == 0)
    }
}

/// `delete_user`, `close_user` and `request_ban_user`.
@Suite struct UserRemovalTests {
    @Test func theOwnerOrTheFoundationDeletes() throws {
        var bed = try UserTestbed()
        let key = try bed.addActivatedUser()
        bed.expectAuthorization(
            .deleteUser(PubkeyArgs(pubkey: key)), allowed: [bed.harness.client, bed.harness.foundation],
            refused: [bed.sentinel, bed.harness.activator, bed.otherClient, bed.harness.stranger, bed.groupOwner])
        try bed.harness.run(.deleteUser(PubkeyArgs(pubkey: key)), as: bed.harness.client)
        #expect(try bed.user(key).status == .deleting)
        #expect(try bed.device().unicastUsersCount == 1)
    }

    @Test func deletionFollowsTheStatusFlow() throws {
        var bed = try UserTestbed()
        let pending = try bed.addUser()
        let delete = Instruction.deleteUser(PubkeyArgs(pubkey: pending))
        let error = bed.harness.rejects(.invalidStatus, delete, as: bed.harness.client)
        #expect(error?.message.contains("pending") == true)
        try bed.harness.run(.rejectUser(RejectArgs(pubkey: pending, reason: "no")), as: bed.harness.activator)
        try bed.harness.run(delete, as: bed.harness.client)
        bed.harness.rejects(.invalidStatus, delete, as: bed.harness.client)

        var suspended = User(
            pubkey: UserTestbed.userKey(.ibrl, ip: TestAddresses.otherClient), owner: bed.otherClient.publicKey,
            userType: .ibrl,
            device: bed.device, clientIp: TestAddresses.otherClient, dzIp: TestAddresses.otherClient, tunnelId: 501,
            tunnelNet: "169.254.0.2/31", status: .suspended)
        bed.harness.insert(.user(suspended))
        try bed.harness.run(.deleteUser(PubkeyArgs(pubkey: suspended.pubkey)), as: bed.otherClient)
        suspended = try bed.user(suspended.pubkey)
        #expect(suspended.status == .deleting)
    }

    @Test func aUserWithRolesCannotBeDeletedUnlessTheSameTransactionDropsThem() throws {
        var bed = try UserTestbed()
        let group = try bed.addActivatedGroup(subscribers: [bed.harness.client])
        try bed.harness.run(
            bed.createSubscribeUser(group: group, publisher: false, subscriber: true), as: bed.harness.client)
        let key = UserTestbed.userKey(.multicast)
        try bed.harness.run(
            UserTestbed.activation(key, endpoint: TestAddresses.deviceEndpoint), as: bed.harness.activator)
        let delete = Instruction.deleteUser(PubkeyArgs(pubkey: key))
        let error = bed.harness.rejects(.referenceCountNotZero, delete, as: bed.harness.client)
        #expect(error?.message.contains("subscribes to 1") == true)
        try bed.harness.run(
            .updateMulticastRoles(
                UpdateMulticastRolesArgs(user: key, group: group, publisher: false, subscriber: false)),
            delete, as: bed.harness.client)
        #expect(try bed.user(key).status == .deleting)
        #expect(try bed.group(group).subscriberCount == 0)
    }

    @Test func closingRemovesTheUserAndReleasesItsSlot() throws {
        var bed = try UserTestbed()
        let key = try bed.addActivatedUser()
        let close = Instruction.closeUser(PubkeyArgs(pubkey: key))
        bed.harness.rejects(.invalidStatus, close, as: bed.harness.activator)
        try bed.harness.run(.deleteUser(PubkeyArgs(pubkey: key)), as: bed.harness.client)
        try bed.harness.run(close, as: bed.harness.activator)
        #expect(bed.state.users[key] == nil)
        let device = try bed.device()
        #expect(device.unicastUsersCount == 0)
        #expect(device.referenceCount == 0)
        let pass = try bed.pass(TestAddresses.client, bed.harness.client)
        #expect(pass.connectionCount == 0)
        #expect(pass.status == .disconnected)
        // The key and the tunnel are free again.
        let again = try bed.addUser()
        try bed.harness.run(UserTestbed.activation(again), as: bed.harness.activator)
    }

    @Test func closingARejectedUserDoesNotReleaseItsSlotTwice() throws {
        var bed = try UserTestbed()
        let rejected = try bed.addUser()
        try bed.addUser(as: bed.otherClient, ip: TestAddresses.otherClient)
        try bed.harness.run(.rejectUser(RejectArgs(pubkey: rejected, reason: "no")), as: bed.harness.activator)
        try bed.harness.run(.deleteUser(PubkeyArgs(pubkey: rejected)), as: bed.harness.client)
        try bed.harness.run(.closeUser(PubkeyArgs(pubkey: rejected)), as: bed.harness.activator)
        #expect(bed.state.users[rejected] == nil)
        let device = try bed.device()
        #expect(device.unicastUsersCount == 1)
        #expect(device.referenceCount == 1)
        #expect(try bed.pass(TestAddresses.client, bed.harness.client).connectionCount == 0)
        #expect(try bed.pass(TestAddresses.otherClient, bed.otherClient).connectionCount == 1)
    }

    @Test func banningClearsTheAllocationButKeepsTheSlotUntilClose() throws {
        var bed = try UserTestbed()
        let key = try bed.addActivatedUser()
        let ban = Instruction.requestBanUser(PubkeyArgs(pubkey: key))
        bed.expectAuthorization(
            ban, allowed: [bed.harness.foundation],
            refused: [bed.harness.client, bed.sentinel, bed.harness.activator, bed.harness.stranger, bed.groupOwner])
        try bed.harness.run(ban, as: bed.harness.foundation)
        let user = try bed.user(key)
        #expect(user.status == .banned)
        #expect(user.tunnelId == 0)
        #expect(user.tunnelNet == .unset)
        #expect(user.dzIp == .unspecified)
        #expect(try bed.device().unicastUsersCount == 1)
        #expect(try bed.device().referenceCount == 1)
        #expect(try bed.pass(TestAddresses.client, bed.harness.client).connectionCount == 1)
        bed.harness.rejects(.invalidStatus, ban, as: bed.harness.foundation)
        // The banned user's tunnel is free for others.
        let other = try bed.addUser(as: bed.otherClient, ip: TestAddresses.otherClient)
        try bed.harness.run(UserTestbed.activation(other, dzIp: TestAddresses.otherClient), as: bed.harness.activator)
        // Deleting and closing releases the slot.
        try bed.harness.run(.deleteUser(PubkeyArgs(pubkey: key)), as: bed.harness.foundation)
        try bed.harness.run(.closeUser(PubkeyArgs(pubkey: key)), as: bed.harness.activator)
        #expect(try bed.device().unicastUsersCount == 1)
        #expect(try bed.device().referenceCount == 1)
        #expect(try bed.pass(TestAddresses.client, bed.harness.client).connectionCount == 0)
    }

    @Test func onlyActivatedOrSuspendedUsersAreBanned() throws {
        var bed = try UserTestbed()
        let pending = try bed.addUser()
        bed.harness.rejects(.invalidStatus, .requestBanUser(PubkeyArgs(pubkey: pending)), as: bed.harness.foundation)
        try bed.harness.run(UserTestbed.activation(pending), as: bed.harness.activator)
        var suspended = try bed.user(pending)
        suspended.status = .suspended
        bed.harness.insert(.user(suspended))
        try bed.harness.run(.requestBanUser(PubkeyArgs(pubkey: pending)), as: bed.harness.foundation)
        #expect(try bed.user(pending).status == .banned)
    }
}
