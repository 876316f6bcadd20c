import Models
import Testing

/// Small builders for valid entities; tests change one field and expect one error.
enum Fixtures {
    static func key(_ n: UInt8) -> PublicKey { PublicKey(uncheckedBytes: [UInt8](repeating: n, count: 32)) }

    static func device(publicIp: IPv4Address = "44.0.0.1", type: DeviceType = .hybrid) -> Device {
        Device(
            pubkey: key(1), owner: key(2), index: 1, code: "la2-dz01", contributor: key(3), location: key(4),
            exchange: key(5), deviceType: type, publicIp: publicIp,
            dzPrefixes: ["45.0.0.0/29"])
    }

    static func link(tunnelNet: IPv4Prefix = .unset) -> Link {
        Link(
            pubkey: key(6), owner: key(2), index: 2, code: "la2:ny5", sideA: key(1), sideZ: key(7),
            bandwidth: 10_000_000_000, delayNs: 400_000, jitterNs: 20_000, tunnelNet: tunnelNet, contributor: key(3),
            sideAIfaceName: "Ethernet1/1", sideZIfaceName: "Ethernet1/1")
    }

    static func user(tunnelNet: IPv4Prefix = .unset) -> User {
        User(pubkey: key(8), owner: key(9), userType: .ibrl, device: key(1), clientIp: "44.1.2.3", tunnelNet: tunnelNet)
    }

    static func config() -> GlobalConfig {
        GlobalConfig(
            localAsn: 65000, remoteAsn: 65342, deviceTunnelBlock: "172.16.0.0/16", userTunnelBlock: "169.254.0.0/16",
            multicastGroupBlock: "233.84.178.0/24")
    }
}

/// Runs `body` and returns the ProgramError it throws, or nil if it does not throw.
/// Any other error is recorded as a test failure.
func programError(_ body: () throws -> Void) -> ProgramError? {
    do {
        try body()
        return nil
    } catch let error as ProgramError {
        return error
    } catch {
        Issue.record("expected a ProgramError, got \(error)")
        return nil
    }
}
