import Models
import PIMWire

/// PIM messages as doublezerod sends and receives them (flags byte first; 1: fix the checksum).
enum PIMSeeds {
    static var all: [(name: String, bytes: [UInt8])] {
        let rp = IPv4Address(10, 0, 0, 0)
        let upstream = IPv4Address(169, 254, 0, 0)
        let groups = [IPv4Address(233, 84, 178, 1), IPv4Address(233, 84, 178, 2)]
        let join = try! PIMJoinPrune.join(groups: groups, rp: rp, upstream: upstream)
        let prune = try! PIMJoinPrune.prune(groups: groups, rp: rp, upstream: upstream)
        let register = PIMRegister.heartbeat(source: IPv4Address(147, 51, 0, 1), group: groups[0])
        var unknownOption = PIMHello().encoded()
        unknownOption += [0, 24, 0, 4, 1, 2, 3, 4]  // an option of type 24, skipped
        return [
            ("hello", [0] + PIMHello().encoded()),
            ("hello-bare", [0] + PIMHello(holdtime: nil, generationID: nil, drPriority: nil).encoded()),
            ("hello-unknown-option", [1] + unknownOption), ("join", [0] + join.encoded()),
            ("prune", [0] + prune.encoded()),
            ("register", [0] + register.encoded()),
            ("null-register", [0] + PIMRegister(border: true, nullRegister: true, packet: []).encoded()),
            ("other-type", [1] + PIMMessage.other(type: 9, body: [1, 2, 3, 4]).encoded()),
        ]
    }
}
