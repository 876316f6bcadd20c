import Models
import Testing

@testable import Routing

/// Devices that cannot be configured: each precondition failure, its exact message, and the
/// device's absence from every other device's peer lists.
@Suite("Device config preconditions")
struct DeviceConfigPreconditionTests {
    /// A way to break ny5-dz01 and the message that must name it.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let breakDevice: @Sendable (inout NetworkFixture) -> Void
        let message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "exchange community 0",
            breakDevice: { $0.exchanges[1].bgpCommunity = 0 },
            message: "cannot render config for device ny5-dz01: [device exchange bgp_community=0 (exchange xewr)]"),
        Case(
            name: "exchange community below range",
            breakDevice: { $0.exchanges[1].bgpCommunity = 9999 },
            message:
                "cannot render config for device ny5-dz01: [exchange BGP community 9999 is out of valid range (10000-10999) (exchange xewr)]"
        ),
        Case(
            name: "exchange community above range",
            breakDevice: { $0.exchanges[1].bgpCommunity = 11000 },
            message:
                "cannot render config for device ny5-dz01: [exchange BGP community 11000 is out of valid range (10000-10999) (exchange xewr)]"
        ),
        Case(
            name: "exchange not in the ledger",
            breakDevice: { $0.exchanges.remove(at: 1) },
            message:
                "cannot render config for device ny5-dz01: [device exchange bgp_community=0 (exchange \(NetworkFixture.key("ex-xewr").base58) is not in the ledger)]"
        ),
        Case(
            name: "no VPNv4 loopback",
            breakDevice: { $0.devices[0].interfaces.removeAll { $0.name == "Loopback255" } },
            message:
                "cannot render config for device ny5-dz01: [no or invalid VPNv4 loopback interface found for device]"),
        Case(
            name: "no IPv4 loopback",
            breakDevice: { $0.devices[0].interfaces.removeAll { $0.name == "Loopback256" } },
            message:
                "cannot render config for device ny5-dz01: [no or invalid IPv4 loopback interface found for device]"),
        Case(
            name: "VPNv4 loopback without an address",
            breakDevice: { network in
                let index = network.devices[0].interfaces.firstIndex { $0.name == "Loopback255" }!
                network.devices[0].interfaces[index].ipNet = nil
                network.devices[0].interfaces[index].status = .pending
            },
            message:
                "cannot render config for device ny5-dz01: [VPNv4 loopback interface is unassigned (0.0.0.0) (Loopback255)]"
        ),
        Case(
            name: "IPv4 loopback at 0.0.0.0",
            breakDevice: { network in
                let index = network.devices[0].interfaces.firstIndex { $0.name == "Loopback256" }!
                network.devices[0].interfaces[index].ipNet = "0.0.0.0/32"
            },
            message:
                "cannot render config for device ny5-dz01: [IPv4 loopback interface is unassigned (0.0.0.0) (Loopback256)]"
        ),
        Case(
            name: "no loopbacks and no exchange community: every reason listed",
            breakDevice: { network in
                network.devices[0].interfaces.removeAll { $0.interfaceType == .loopback }
                network.exchanges[1].bgpCommunity = 0
            },
            message:
                "cannot render config for device ny5-dz01: [no or invalid VPNv4 loopback interface found for device, "
                + "no or invalid IPv4 loopback interface found for device, device exchange bgp_community=0 (exchange xewr)]"
        ),
    ]

    @Test("a device with a pathology gets no config, a clear error, and is nobody's peer", arguments: cases)
    func pathology(_ testCase: Case) throws {
        var network = NetworkFixture.threeMetros()
        network.addUser("alice", .ibrl, on: "ny5-dz01", clientIp: "45.40.1.10", tunnelId: 500)
        testCase.breakDevice(&network)
        let configs = network.configs(DeviceConfigOptions(noHardware: true, tunnelSlotCount: 2))
        #expect(throws: DeviceConfigError.self) { try configs.render("ny5-dz01") }
        do {
            _ = try configs.render("ny5-dz01")
        } catch {
            #expect(error.description == testCase.message)
        }
        for other in ["la2-dz01", "ams-dz001"] {
            let text = try configs.render(other)
            #expect(!text.contains("ny5-dz01"), "\(other) still peers with ny5-dz01")
            #expect(!text.contains("172.16.0.1\n") && !text.contains("172.16.1.1\n"))
        }
    }

    @Test("other devices keep their own metro list when one exchange's community is invalid")
    func invalidExchangeLeftOutOfCommunityLists() throws {
        var network = NetworkFixture.threeMetros()
        network.exchanges[1].bgpCommunity = 0
        let text = try network.configs(DeviceConfigOptions(noHardware: true, tunnelSlotCount: 1)).render("la2-dz01")
        #expect(!text.contains("COMM-XEWR_USERS"))
        #expect(text.contains("ip community-list COMM-XLAX_USERS permit 21682:10000\n"))
    }

    @Test("an unknown device is named in the error")
    func unknownDevice() {
        let configs = NetworkFixture.threeMetros().configs(DeviceConfigOptions())
        #expect(throws: DeviceConfigError.unknownDevice("xx9-dz01")) { try configs.render("xx9-dz01") }
        #expect(
            DeviceConfigError.unknownDevice("xx9-dz01").description
                == "no device with code or public key 'xx9-dz01' in the ledger")
    }

    @Test("an unsafe name in the config is refused at render time")
    func unsafeName() {
        var network = NetworkFixture.threeMetros()
        network.devices[0].mgmtVrf = "mg mt"
        let configs = network.configs(DeviceConfigOptions())
        #expect(throws: DeviceConfigError.unsafeName(device: "ny5-dz01", field: "mgmt VRF", value: "mg mt")) {
            try configs.render("ny5-dz01")
        }
    }
}
