import Foundation
import Testing

@testable import Models

/// The JSON form is part of the product (CLI `--json`, HTTP API, the log): keys are snake_case
/// whatever the encoder's settings, and decoding what we encoded gives the same value.
@Suite struct JSONStabilityTests {
    static func keys(of value: some Encodable) throws -> Set<String> {
        let data = try JSONEncoder().encode(value)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return Set(object.keys)
    }

    static func roundTrip<T: Codable & Equatable>(_ value: T) throws {
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(T.self, from: data) == value)
    }

    @Test func deviceKeysAreSnakeCase() throws {
        var device = Fixtures.device()
        device.metricsPublisher = Fixtures.key(9)
        device.interfaces = [DeviceInterface(name: "Loopback255", status: .pending, loopbackType: .vpnv4)]
        let keys = try Self.keys(of: device)
        #expect(
            keys.isSuperset(of: [
                "pubkey", "code", "contributor_pk", "location_pk", "exchange_pk", "device_type", "public_ip",
                "dz_prefixes",
                "metrics_publisher_pk", "mgmt_vrf", "interfaces", "status", "reference_count", "max_unicast_users",
                "max_multicast_users", "unicast_users_count", "multicast_users_count",
            ]))
        #expect(keys.allSatisfy { $0 == $0.lowercased() })
        try Self.roundTrip(device)
    }

    @Test func everyEntityRoundTripsAndUsesLowercaseKeys() throws {
        let location = Location(
            pubkey: Fixtures.key(1), owner: Fixtures.key(2), index: 1, code: "lax", name: "Los Angeles", country: "US",
            latitude: 34.05, longitude: -118.24)
        let exchange = Exchange(
            pubkey: Fixtures.key(3), owner: Fixtures.key(2), index: 2, code: "xlax", name: "LA", latitude: 34,
            longitude: -118, bgpCommunity: 10000)
        let contributor = Contributor(pubkey: Fixtures.key(4), owner: Fixtures.key(2), index: 3, code: "co01")
        let group = MulticastGroup(
            pubkey: Fixtures.key(5), owner: Fixtures.key(2), index: 4, code: "mg01", maxBandwidth: 1_000_000,
            publisherAllowlist: [Fixtures.key(9)])
        let pass = AccessPass(
            pubkey: Fixtures.key(6), owner: Fixtures.key(2), clientIp: "44.1.2.3", userPayer: Fixtures.key(9))
        var state = GlobalState(initializer: Fixtures.key(2))
        state.accountIndex = 7
        try Self.roundTrip(location)
        try Self.roundTrip(exchange)
        try Self.roundTrip(contributor)
        try Self.roundTrip(group)
        try Self.roundTrip(pass)
        try Self.roundTrip(state)
        try Self.roundTrip(Fixtures.config())
        try Self.roundTrip(Fixtures.link(tunnelNet: "172.16.0.0/31"))
        try Self.roundTrip(Fixtures.user(tunnelNet: "169.254.0.0/31"))
        #expect(try Self.keys(of: exchange).contains("bgp_community"))
        #expect(
            try Self.keys(of: Fixtures.config()).isSuperset(of: ["next_bgp_community", "multicast_publisher_blocks"]))
        #expect(
            try Self.keys(of: Fixtures.user()).isSuperset(of: ["tunnel_endpoint", "dz_ip", "tunnel_net", "client_ip"]))
        for keys in try [Self.keys(of: location), Self.keys(of: group), Self.keys(of: pass), Self.keys(of: state)] {
            #expect(keys.allSatisfy { $0 == $0.lowercased() }, "\(keys)")
        }
    }

    @Test func statusesEncodeAsSnakeCaseStrings() throws {
        let data = try JSONEncoder().encode([LinkStatus.softDrained, .hardDrained])
        #expect(String(decoding: data, as: UTF8.self) == #"["soft_drained","hard_drained"]"#)
        #expect(UserType.ibrlWithAllocatedIP.rawValue == "ibrl_with_allocated_ip")
    }

    @Test func instructionJSONShape() throws {
        let instruction = Instruction.createLocation(
            CreateLocationArgs(code: "lax", name: "Los Angeles", country: "US", latitude: 34, longitude: -118))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(instruction), as: UTF8.self)
        #expect(
            text
                == #"{"args":{"code":"lax","country":"US","lat":34,"lng":-118,"loc_id":0,"name":"Los Angeles"},"type":"create_location"}"#
        )
        let bare = String(decoding: try encoder.encode(Instruction.initGlobalState), as: UTF8.self)
        #expect(bare == #"{"type":"init_global_state"}"#)
    }

    @Test func instructionsRoundTrip() throws {
        let samples: [Instruction] = [
            .initGlobalState,
            .setGlobalConfig(
                SetGlobalConfigArgs(
                    localAsn: 65000, remoteAsn: 65342, deviceTunnelBlock: "172.16.0.0/16",
                    userTunnelBlock: "169.254.0.0/16",
                    multicastGroupBlock: "233.84.178.0/24", multicastPublisherBlocks: ["147.51.126.0/23"])),
            .createDevice(
                CreateDeviceArgs(
                    code: "la2-dz01", contributor: Fixtures.key(3), location: Fixtures.key(4),
                    exchange: Fixtures.key(5),
                    publicIp: "44.0.0.1", dzPrefixes: ["45.0.0.0/29"])),
            .updateExchange(UpdateExchangeArgs(pubkey: Fixtures.key(3), bgpCommunity: 10042)),
            .createDeviceInterface(
                CreateDeviceInterfaceArgs(
                    device: Fixtures.key(1), name: "Loopback101", ipNet: "44.0.0.9/32", userTunnelEndpoint: true)),
            .activateUser(
                ActivateUserArgs(
                    pubkey: Fixtures.key(8), tunnelId: 500, tunnelNet: "169.254.0.0/31", dzIp: "44.1.2.3")),
            .createSubscribeUser(
                CreateSubscribeUserArgs(
                    device: Fixtures.key(1), clientIp: "44.1.2.3", group: Fixtures.key(5), publisher: true,
                    subscriber: false)),
            .rejectLink(RejectArgs(pubkey: Fixtures.key(6), reason: "pool exhausted")),
            .declineLink(RejectArgs(pubkey: Fixtures.key(6), reason: "wrong port")),
            .setGlobalConfig(
                SetGlobalConfigArgs(
                    localAsn: 65000, remoteAsn: 65342, deviceTunnelBlock: "172.16.0.0/16",
                    userTunnelBlock: "169.254.0.0/16", multicastGroupBlock: "233.84.178.0/24",
                    maxInterfacesPerDevice: 64)),
            .setAccessPass(SetAccessPassArgs(clientIp: "0.0.0.0", userPayer: Fixtures.key(9))),
            .closeAccessPass(AccessPassKeyArgs(clientIp: "44.1.2.3", userPayer: Fixtures.key(9))),
        ]
        for instruction in samples {
            try Self.roundTrip(instruction)
        }
    }

    /// The interface limit is written only when set, so a config or set_global_config without
    /// it encodes (and hashes) as before the field existed, and reads back as the default.
    @Test func anAbsentInterfaceLimitStaysAbsent() throws {
        #expect(try !Self.keys(of: Fixtures.config()).contains("max_interfaces_per_device"))
        var config = Fixtures.config()
        #expect(config.interfaceLimit == Int(GlobalConfig.defaultMaxInterfacesPerDevice))
        #expect(GlobalConfig.defaultMaxInterfacesPerDevice == 128)
        config.maxInterfacesPerDevice = 16
        #expect(try Self.keys(of: config).contains("max_interfaces_per_device"))
        #expect(config.interfaceLimit == 16)
        try Self.roundTrip(config)
        let decline = Instruction.declineLink(RejectArgs(pubkey: Fixtures.key(6), reason: "no"))
        let text = String(decoding: try JSONEncoder().encode(decline), as: UTF8.self)
        #expect(text.contains(#""type":"decline_link""#))
    }

    @Test func argumentsWithDefaultsMayBeOmitted() throws {
        let json =
            #"{"type":"create_device","args":{"code":"d1","contributor_pk":"11111111111111111111111111111112","location_pk":"11111111111111111111111111111112","exchange_pk":"11111111111111111111111111111112","public_ip":"44.0.0.1","dz_prefixes":["45.0.0.0/29"]}}"#
        guard case .createDevice(let args) = try JSONDecoder().decode(Instruction.self, from: Data(json.utf8)) else {
            Issue.record("decoded the wrong instruction")
            return
        }
        #expect(args.maxUnicastUsers == 48)
        #expect(args.maxMulticastUsers == 48)
        #expect(args.deviceType == .hybrid)
        #expect(args.mgmtVrf == "")
    }

    @Test func unknownInstructionNamesTheType() throws {
        let json = #"{"type":"format_disk","args":{}}"#
        do {
            _ = try JSONDecoder().decode(Instruction.self, from: Data(json.utf8))
            Issue.record("decoded an unknown instruction")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription.contains("format_disk"))
        }
    }

    @Test func instructionNamesAreUniqueSnakeCase() {
        #expect(Set(Instruction.allNames).count == Instruction.allNames.count)
        #expect(Instruction.allNames.allSatisfy { $0.allSatisfy { $0.isLowercase || $0 == "_" } })
        #expect(Instruction.initGlobalState.name == Instruction.allNames[0])
    }

    @Test func programErrorJSONCarriesCodeNameMessageAndField() throws {
        let error = ProgramError(
            .invalidTunnelNet, "user tunnel_net 10.0.0.0/31 must be link-local", field: "tunnel_net")
        let object = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(error)) as? [String: Any])
        #expect(object["code"] as? Int == 28)
        #expect(object["name"] as? String == "InvalidTunnelNet")
        #expect(object["field"] as? String == "tunnel_net")
        try Self.roundTrip(error)
        #expect(error.description == "InvalidTunnelNet (28): user tunnel_net 10.0.0.0/31 must be link-local")
    }

    @Test func errorCodesKeepUpstreamNumbers() {
        #expect(ErrorCode.allCases.count == 104 + 16)
        #expect(ErrorCode.rateLimited.rawValue == 1015)
        #expect(Set(ErrorCode.allCases.map(\.rawValue)).count == ErrorCode.allCases.count)
        #expect(ErrorCode.invalidStatus.rawValue == 7)
        #expect(ErrorCode.invalidBgpCommunity.rawValue == 55)
        #expect(ErrorCode.allocationFailed.rawValue == 63)
        #expect(ErrorCode.maxMulticastPublishersExceeded.rawValue == 85)
        #expect(ErrorCode.edgeSeatIsMulticastOnly.rawValue == 104)
        #expect(ErrorCode.maxUnicastUsersExceeded.name == "MaxUnicastUsersExceeded")
    }
}
