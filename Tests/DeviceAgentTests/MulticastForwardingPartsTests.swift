import DeviceAgentService
import Models
import Testing

/// The pure parts of the device agent's multicast forwarder.
@Suite("Device agent: multicast forwarding parts")
struct MulticastForwardingPartsTests {
    /// pimd 8.4's `show ip pim join json` with a (*,G) join, a pruned entry and an (S,G) join.
    static let sample = """
        {
          "Tunnel501":{
            "name":"Tunnel501", "state":"up", "address":"169.254.0.8", "index":5, "flagMulticast":true,
            "233.84.178.0":{"*":{"source":"*","group":"233.84.178.0","channelJoinName":"JOIN","protocolPim":1}},
            "233.84.178.1":{"*":{"source":"*","group":"233.84.178.1","channelJoinName":"NOINFO","protocolPim":1}}
          },
          "Ethernet1":{
            "name":"Ethernet1", "state":"up",
            "233.84.178.2":{"147.51.126.0":{"source":"147.51.126.0","group":"233.84.178.2","channelJoinName":"JOIN"}}
          }
        }
        """

    @Test("joins: the groups in JOIN state per interface; NOINFO and interface fields ignored")
    func joins() {
        let joins = PIMJoinState.joins(inJSON: Self.sample)
        #expect(joins == ["Tunnel501": ["233.84.178.0"], "Ethernet1": ["233.84.178.2"]])
    }

    @Test("joins: empty or unreadable output holds no joins")
    func unreadable() {
        #expect(PIMJoinState.joins(inJSON: "{\n}\n").isEmpty)
        #expect(PIMJoinState.joins(inJSON: "% Unknown command").isEmpty)
        #expect(
            PIMJoinState.joins(inJSON: #"{"Tunnel500":{"not-an-address":{"*":{"channelJoinName":"JOIN"}}}}"#).isEmpty)
    }

    @Test("the packet socket address has the size and field offsets of C's struct sockaddr_ll")
    func socketAddressLayout() {
        #expect(MemoryLayout<PacketSocketAddress>.size == 20)
        #expect(MemoryLayout<PacketSocketAddress>.offset(of: \.sll_ifindex) == 4)
        #expect(MemoryLayout<PacketSocketAddress>.offset(of: \.sll_pkttype) == 10)
        #expect(MemoryLayout<PacketSocketAddress>.offset(of: \.sll_addr) == 12)
    }
}
