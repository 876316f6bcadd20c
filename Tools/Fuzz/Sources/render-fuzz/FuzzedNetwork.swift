import FuzzSupport
import Models
import Routing

/// A random but valid network for the controller, built from a fuzz input: a global config, 1–4
/// exchanges, 1–6 devices with loopbacks, link, access and sub-interfaces, up to 8 links between
/// them, up to 3 multicast groups and up to 16 users, with the controller's options and the BGP
/// peers a device reports.
///
/// Values come from the input, mostly from ranges and lists of plausible ones so that devices
/// are often healthy and users often placed. Every entity passes its model's `validate()`: one
/// that does not (two interfaces of one name, say) is left out, as the ledger would have refused it.
struct FuzzedNetwork {
    /// The ledger snapshot.
    let snapshot: DeviceConfigSnapshot
    /// The controller-wide rendering options.
    let options: DeviceConfigOptions
    /// The BGP neighbours a device reports (for the EOS removal blocks).
    let reportedPeers: [String]

    /// A network read from `input`.
    init(_ input: inout FuzzInput) {
        let global = GlobalConfig(
            localAsn: 65000, remoteAsn: input.element(of: [65342, 65000, 1, 4_294_967_294, 21682]),
            deviceTunnelBlock: input.element(of: ["172.16.0.0/12", "10.0.0.0/8", "192.168.0.0/16", "10.1.2.0/31"]),
            userTunnelBlock: input.element(of: ["169.254.0.0/16", "169.254.0.0/24"]),
            multicastGroupBlock: input.element(of: ["233.84.178.0/24", "224.0.0.0/4", "239.0.0.0/8"]),
            multicastPublisherBlocks: ["147.51.0.0/16"])
        let exchanges = (0..<input.int(in: 1...4)).map { Self.exchange(number: $0, &input) }
        let groups = (0..<input.int(in: 0...3)).map { Self.group(number: $0, &input) }
        let deviceCount = input.int(in: 1...6)
        let links = (0..<input.int(in: 0...8)).compactMap { Self.link(number: $0, devices: deviceCount, &input) }
        let devices = (0..<deviceCount).map {
            Self.device(number: $0, exchanges: exchanges, links: links, &input)
        }
        let users = (0..<input.int(in: 0...16)).map { Self.user(number: $0, devices: devices, groups: groups, &input) }
        snapshot = DeviceConfigSnapshot(
            globalConfig: global, devices: devices.filter(Self.isValid), links: links.filter(Self.isValid),
            users: users.filter(Self.isValid), exchanges: exchanges.filter(Self.isValid),
            multicastGroups: groups.filter(Self.isValid))
        options = DeviceConfigOptions(
            noHardware: input.bool(), tunnelSlotCount: input.int(in: 1...128),
            localASN: input.bool() ? UInt32(input.uint16()) + 1 : nil, twampPort: input.bool() ? input.uint16() : 862)
        reportedPeers = (0..<input.int(in: 0...4)).map { _ in
            input.element(of: [
                "169.254.0.\(input.byte())", "172.16.0.\(input.byte())", "10.0.0.\(input.byte())", "not an address",
            ])
        }
    }

    /// A key of `kind` numbered `number` (as the benchmark network makes them).
    static func key(_ kind: UInt8, _ number: Int) -> PublicKey {
        PublicKey(uncheckedBytes: [kind, 0, 0, UInt8(truncatingIfNeeded: number)] + [UInt8](repeating: 0, count: 28))
    }

    /// The owner and contributor of everything.
    static let owner = key(0xF0, 0)

    /// A code of 1–8 characters the code rule allows, or one of `usual` (every other time).
    static func code(_ usual: String, _ input: inout FuzzInput) -> String {
        guard input.bool() else { return usual }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789-_:ABCZ")
        return String((0..<input.int(in: 1...8)).map { _ in input.element(of: alphabet) })
    }

    /// Whether `entity` passes its model's validation.
    static func isValid(_ entity: some ValidatedEntity) -> Bool {
        (try? entity.validate()) != nil
    }
}
