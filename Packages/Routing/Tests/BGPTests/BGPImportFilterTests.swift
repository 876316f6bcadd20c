import BGP
import BGPWire
import Models
import Testing

@Suite("Import filter: AS loops and our own prefixes")
struct BGPImportFilterTests {
    static let dzIP: IPv4Prefix = "147.51.126.1/32"
    let filter = BGPImportFilter(localASN: 65000, localPrefixes: [dzIP])

    func attributes(_ path: [BGPASPathSegment]?) -> BGPPathAttributes {
        BGPPathAttributes(origin: .igp, asPath: path, nextHop: IPv4Address(169, 254, 0, 0))
    }

    @Test(
        "a path holding our AS is a loop, in any segment kind and position",
        arguments: [
            [BGPASPathSegment.sequence([65342, 65000])],
            [.sequence([65000])],
            [.sequence([65342, 65000, 65342])],
            [.sequence([65342]), BGPASPathSegment(kind: .set, asns: [64512, 65000])],
            [BGPASPathSegment(kind: .confederationSequence, asns: [65000]), .sequence([65342])],
            [BGPASPathSegment(kind: .confederationSet, asns: [65000])],
        ])
    func loops(_ path: [BGPASPathSegment]) {
        #expect(filter.rejection(of: "147.51.126.2/32", attributes: attributes(path)) == .asPathLoop)
        #expect(filter.rejection(of: Self.dzIP, attributes: attributes(path)) == .asPathLoop, "a loop comes first")
    }

    @Test(
        "paths without our AS are accepted (other prefixes)",
        arguments: [
            [BGPASPathSegment.sequence([65342])], [.sequence([65342, 21682, 65001])], [],
            [BGPASPathSegment(kind: .set, asns: [64999, 65001])],
        ])
    func noLoop(_ path: [BGPASPathSegment]) {
        #expect(filter.rejection(of: "147.51.126.2/32", attributes: attributes(path)) == nil)
        #expect(filter.rejection(of: "10.0.0.0/8", attributes: attributes(path)) == nil)
    }

    @Test("our own prefix is refused whatever its path; other lengths of it are not ours")
    func localPrefix() {
        #expect(filter.rejection(of: Self.dzIP, attributes: attributes([.sequence([65342])])) == .localPrefix)
        #expect(filter.rejection(of: Self.dzIP, attributes: attributes(nil)) == .localPrefix)
        #expect(filter.rejection(of: "147.51.126.0/24", attributes: attributes([.sequence([65342])])) == nil)
        #expect(filter.rejection(of: "0.0.0.0/0", attributes: attributes([.sequence([65342])])) == nil)
        #expect(
            BGPImportFilter(localASN: 65000).rejection(of: Self.dzIP, attributes: attributes([.sequence([65342])]))
                == nil, "no local prefixes: only loops are refused")
    }

    @Test("partition keeps order; a loop refuses the whole announcement")
    func partition() {
        let prefixes: [IPv4Prefix] = ["147.51.126.3/32", Self.dzIP, "147.51.126.2/32"]
        let clean = filter.partition(prefixes, attributes: attributes([.sequence([65342])]))
        #expect(clean.accepted == ["147.51.126.3/32", "147.51.126.2/32"])
        #expect(clean.rejected == [Self.dzIP])
        let looped = filter.partition(prefixes, attributes: attributes([.sequence([65342, 65000])]))
        #expect(looped.accepted == [])
        #expect(looped.rejected == prefixes)
        let empty = filter.partition([], attributes: attributes([.sequence([65342])]))
        #expect(empty.accepted.isEmpty && empty.rejected.isEmpty)
    }
}
