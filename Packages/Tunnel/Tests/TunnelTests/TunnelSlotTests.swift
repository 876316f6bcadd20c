import Models
import Testing

@testable import Tunnel

@Suite("TunnelSlot")
struct TunnelSlotTests {
    @Test("interface names follow RFC 13")
    func interfaceNames() {
        #expect(TunnelSlot.unicast.interfaceName.rawValue == "doublezero0")
        #expect(TunnelSlot.multicast.interfaceName.rawValue == "doublezero1")
        #expect(Set(TunnelSlot.allCases.map(\.interfaceName)).count == TunnelSlot.allCases.count)
    }

    @Test(
        "user types map to their slot",
        arguments: [
            (UserType.ibrl, TunnelSlot.unicast),
            (.ibrlWithAllocatedIP, .unicast),
            (.edgeFiltering, .unicast),
            (.multicast, .multicast),
        ])
    func userTypes(userType: UserType, slot: TunnelSlot) {
        #expect(TunnelSlot(userType: userType) == slot)
    }
}
