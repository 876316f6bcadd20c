import DaemonService
import Models
import Testing

/// The client IP: `--client-ip` checked, else discovered and accepted only when public.
@Suite("Client address discovery")
struct ClientAddressDiscoveryTests {
    @Test("a given address is used as is; a malformed one is an error")
    func given() throws {
        #expect(try ClientAddressDiscovery().resolve(given: "203.0.113.10") == "203.0.113.10")
        #expect(throws: DaemonStartError.badClientIP("nope")) { try ClientAddressDiscovery().resolve(given: "nope") }
    }

    @Test(
        "only globally routable addresses are usable",
        arguments: [
            ("8.8.4.4", true), ("64.86.249.80", true), ("10.1.2.3", false), ("192.168.1.1", false),
            ("127.0.0.1", false),
            ("169.254.0.1", false), ("100.64.0.1", false), ("172.16.0.1", false), ("203.0.113.10", false),
            ("224.0.0.1", false), ("255.255.255.255", false),
        ])
    func usable(_ text: String, _ usable: Bool) throws {
        #expect(ClientAddressDiscovery.isUsable(try #require(IPv4Address(text))) == usable)
    }

    @Test("the kernel's source toward loopback is loopback, which is not usable")
    func loopbackRoute() throws {
        let discovery = ClientAddressDiscovery(target: "127.0.0.1")
        #expect(discovery.kernelSourceAddress() == "127.0.0.1")
        #expect(throws: DaemonStartError.self) { try discovery.resolve(given: nil) }
    }
}
