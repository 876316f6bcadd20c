/// A body for each endpoint (first byte: 0 ledger transaction, 1 provision, 2 remove,
/// 3 resolve-route): valid ones of every kind, and refused ones.
enum JSONBodySeeds {
    static var all: [(name: String, bytes: [UInt8])] {
        let transaction = TransactionSeeds.all.first { $0.name == "wire-create-user" }!.bytes
        let bodies: [(name: String, selector: UInt8, text: String)] = [
            (
                "provision-ibrl", 1,
                #"{"user_type":"IBRL","tunnel_src":"","tunnel_dst":"45.0.0.1","tunnel_net":"169.254.0.0/31","doublezero_ip":"47.0.0.1","doublezero_prefixes":["46.0.0.0/29"],"bgp_local_asn":0,"bgp_remote_asn":0}"#
            ),
            (
                "provision-allocated", 1,
                #"{"user_type":"IBRLWithAllocatedIP","tunnel_src":"47.0.0.1","tunnel_dst":"45.0.0.1","tunnel_net":"169.254.0.2/31","doublezero_ip":"46.0.0.1","bgp_local_asn":65000,"bgp_remote_asn":65342}"#
            ),
            (
                "provision-edge-filtering", 1,
                #"{"user_type":"EdgeFiltering","tunnel_dst":"45.0.0.1","tunnel_net":"169.254.0.4/31","doublezero_ip":"46.0.0.2","doublezero_prefixes":["46.0.0.0/29","46.0.1.0/29"]}"#
            ),
            (
                "provision-multicast", 1,
                #"{"user_type":"Multicast","tunnel_dst":"45.1.0.1","tunnel_net":"169.254.0.6/31","doublezero_ip":"147.51.0.1","mcast_pub_groups":["233.84.178.1"],"mcast_sub_groups":["233.84.178.2","239.0.0.10"],"mcast_rp_address":"10.0.0.0"}"#
            ),
            (
                "provision-bad-net", 1,
                #"{"user_type":"IBRL","tunnel_dst":"45.0.0.1","tunnel_net":"169.254.0.1/30","doublezero_ip":"47.0.0.1"}"#
            ),
            ("provision-wrong-type", 1, #"{"user_type":7,"tunnel_net":null}"#),
            ("remove-multicast", 2, #"{"user_type":"Multicast"}"#),
            ("remove-empty", 2, "{}"),
            ("resolve-route", 3, #"{"dst":"8.8.8.8"}"#),
            ("resolve-route-bad", 3, #"{"dst":"300.1.1.1"}"#),
        ]
        return [("ledger-transaction", transaction)] + bodies.map { ($0.name, [$0.selector] + Array($0.text.utf8)) }
    }
}
