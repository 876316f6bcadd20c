import DaemonService
import Foundation
import Models
import Testing

/// The provision body and its typed form.
@Suite("Service requests")
struct ServiceRequestTests {
    @Test(
        "a service request survives the wire form and validation unchanged",
        arguments: [
            ServiceRequest.ibrl, .subscriber,
            ServiceRequest(
                userType: .edgeFiltering, tunnelSource: nil, tunnelDestination: "198.51.100.7",
                tunnelNet: "169.254.0.4/31",
                doubleZeroIP: "198.51.100.130", doubleZeroPrefixes: ["198.51.100.128/29", "192.0.2.0/24"],
                rendezvousPoint: "10.0.0.1", localASN: 65000, remoteASN: 65342),
        ])
    func roundTrip(_ request: ServiceRequest) throws {
        let data = try JSONEncoder().encode(ProvisionRequest(request))
        let decoded = try JSONDecoder().decode(ProvisionRequest.self, from: data)
        #expect(try decoded.validated() == request)
    }

    @Test("the wire form uses upstream's keys")
    func keys() throws {
        let data = try JSONEncoder().encode(ProvisionRequest(.subscriber))
        let json = try JSONValue(parsing: String(decoding: data, as: UTF8.self))
        #expect(
            json.keys == [
                "user_type", "tunnel_src", "tunnel_dst", "tunnel_net", "doublezero_ip", "doublezero_prefixes",
                "mcast_sub_groups", "mcast_pub_groups", "mcast_rp_address", "bgp_local_asn", "bgp_remote_asn",
            ])
        #expect(json["user_type"] == .string("Multicast"))
        #expect(json["doublezero_ip"] == .string(""))
    }

    @Test("the overlay addresses come from the /31: the device the lower, the host the upper")
    func overlay() {
        #expect(ServiceRequest.subscriber.remoteOverlay == "169.254.0.2")
        #expect(ServiceRequest.subscriber.localOverlay == "169.254.0.3")
        #expect(ServiceRequest.subscriber.serviceClass == .multicast)
        #expect(ServiceClass.multicast.tunnelName == "doublezero1" && ServiceClass.unicast.tunnelName == "doublezero0")
    }

    @Test("user types use the API's spellings, exactly")
    func userTypeNames() {
        #expect(UserType.allCases.map(\.apiName) == ["IBRL", "IBRLWithAllocatedIP", "EdgeFiltering", "Multicast"])
        #expect(UserType(apiName: "ibrl") == nil)
        #expect(RemoveRequest(userType: "EdgeFiltering").serviceClass == .unicast)
        #expect(RemoveRequest(userType: "Multicast").serviceClass == .multicast)
        #expect(RemoveRequest().serviceClass == .unicast)
    }
}
