import Models

/// A PIM Join/Prune (type 3, RFC 7761 §4.9.5): the upstream neighbor it is meant for, a
/// holdtime, and per group the sources joined and pruned.
///
/// The initializer checks what the wire cannot carry (more than 255 groups, more than 65535
/// sources in a list, a mask above 32), so every value encodes. The checksum covers the whole
/// message.
public struct PIMJoinPrune: Hashable, Sendable {
    /// The holdtime of doublezerod's joins, in seconds.
    public static let defaultJoinHoldtime: UInt16 = 120
    /// The holdtime of doublezerod's prunes, in seconds.
    public static let defaultPruneHoldtime: UInt16 = 5

    /// The neighbor that should act on the message: for doublezerod, the device's end of the
    /// tunnel (an encoded-unicast address).
    public let upstreamNeighbor: IPv4Address
    /// How long the receiver keeps the join or prune state, in seconds.
    public let holdtime: UInt16
    /// The groups, in wire order (at most 255).
    public let groups: [PIMJoinPruneGroup]

    /// Creates a Join/Prune.
    ///
    /// - Throws: ``PIMEncodingError`` for more than 255 groups, more than 65535 joined or pruned
    ///   sources in a group, or a group or source mask length above 32.
    public init(upstreamNeighbor: IPv4Address, holdtime: UInt16, groups: [PIMJoinPruneGroup])
        throws(PIMEncodingError)
    {
        guard groups.count <= Int(UInt8.max) else { throw .tooManyGroups(groups.count) }
        for (index, group) in groups.enumerated() {
            for list in [group.joined, group.pruned] where list.count > Int(UInt16.max) {
                throw .tooManySources(group: index, count: list.count)
            }
            guard group.maskLength <= 32 else {
                throw .maskLengthAbove32(field: "group \(index)", length: group.maskLength)
            }
            for source in group.joined + group.pruned where source.maskLength > 32 {
                throw .maskLengthAbove32(field: "group \(index) source \(source.address)", length: source.maskLength)
            }
        }
        self.init(checkedUpstreamNeighbor: upstreamNeighbor, holdtime: holdtime, groups: groups)
    }

    /// Creates a Join/Prune whose counts and mask lengths are known to fit.
    private init(checkedUpstreamNeighbor upstreamNeighbor: IPv4Address, holdtime: UInt16, groups: [PIMJoinPruneGroup]) {
        self.upstreamNeighbor = upstreamNeighbor
        self.holdtime = holdtime
        self.groups = groups
    }

    /// (*,G) joins toward `rp` for every group, as doublezerod sends them: each group with one
    /// joined source, the RP with flags S|W|R, and none pruned.
    ///
    /// - Throws: ``PIMEncodingError/tooManyGroups(_:)`` for more than 255 groups.
    public static func join(
        groups: [IPv4Address], rp: IPv4Address, upstream: IPv4Address, holdtime: UInt16 = defaultJoinHoldtime
    ) throws(PIMEncodingError) -> PIMJoinPrune {
        try PIMJoinPrune(
            upstreamNeighbor: upstream, holdtime: holdtime,
            groups: groups.map { PIMJoinPruneGroup(group: $0, joined: [.starGroup(rp: rp)]) })
    }

    /// (*,G) prunes toward `rp` for every group: each group with none joined and one pruned
    /// source, the RP with flags S|W|R.
    ///
    /// - Throws: ``PIMEncodingError/tooManyGroups(_:)`` for more than 255 groups.
    public static func prune(
        groups: [IPv4Address], rp: IPv4Address, upstream: IPv4Address, holdtime: UInt16 = defaultPruneHoldtime
    ) throws(PIMEncodingError) -> PIMJoinPrune {
        try PIMJoinPrune(
            upstreamNeighbor: upstream, holdtime: holdtime,
            groups: groups.map { PIMJoinPruneGroup(group: $0, pruned: [.starGroup(rp: rp)]) })
    }

    /// The whole PIM message, checksum over all of it.
    public func encoded() -> [UInt8] {
        let length = 14 + groups.reduce(0) { $0 + $1.encodedLength }
        var writer = PIMByteWriter(type: PIMMessageType.joinPrune.rawValue, capacity: length)
        writer.appendEncodedUnicast(upstreamNeighbor)
        writer.append(UInt8(0))  // reserved
        writer.append(UInt8(groups.count))
        writer.append(holdtime)
        for group in groups {
            writer.appendEncodedGroupOrSource(flags: group.flags, maskLength: group.maskLength, address: group.group)
            writer.append(UInt16(group.joined.count))
            writer.append(UInt16(group.pruned.count))
            for source in group.joined + group.pruned {
                writer.appendEncodedGroupOrSource(
                    flags: source.flags.rawValue, maskLength: source.maskLength, address: source.address)
            }
        }
        return writer.sealed()
    }

    /// Reads the body after the header; every count is checked against the octets left before
    /// anything is read or allocated for it, and nothing may follow the last group.
    static func decodeBody(_ reader: inout PIMByteReader) throws(PIMDecodingError) -> PIMJoinPrune {
        let upstream = try reader.readEncodedUnicast("upstream neighbor")
        try reader.skip(1, "reserved")
        let groupCount = Int(try reader.readUInt8("number of groups"))
        let holdtime = try reader.readUInt16("holdtime")
        try reader.require(groupCount * 12, "\(groupCount) groups")
        var groups: [PIMJoinPruneGroup] = []
        groups.reserveCapacity(groupCount)
        for index in stride(from: 1, through: groupCount, by: 1) {  // 1-based, as in the field names
            let encoded = try reader.readEncodedGroupOrSource("group \(index)")
            let joinedCount = Int(try reader.readUInt16("group \(index) number of joined sources"))
            let prunedCount = Int(try reader.readUInt16("group \(index) number of pruned sources"))
            try reader.require(8 * (joinedCount + prunedCount), "group \(index) \(joinedCount + prunedCount) sources")
            let joined = try decodeSources(&reader, count: joinedCount, field: "group \(index) joined source")
            let pruned = try decodeSources(&reader, count: prunedCount, field: "group \(index) pruned source")
            groups.append(
                PIMJoinPruneGroup(
                    group: encoded.address, maskLength: encoded.maskLength, flags: encoded.flags, joined: joined,
                    pruned: pruned))
        }
        guard reader.remaining == 0 else {
            throw PIMDecodingError(
                .trailingOctets(count: reader.remaining), field: "after group \(groupCount)", at: reader.offset)
        }
        // The wire bounds both counts and the reader checked every mask length: nothing to validate.
        return PIMJoinPrune(checkedUpstreamNeighbor: upstream, holdtime: holdtime, groups: groups)
    }

    private static func decodeSources(_ reader: inout PIMByteReader, count: Int, field: String)
        throws(PIMDecodingError) -> [PIMEncodedSource]
    {
        var sources: [PIMEncodedSource] = []
        sources.reserveCapacity(count)
        for index in 0..<count {
            let encoded = try reader.readEncodedGroupOrSource("\(field) \(index + 1)")
            sources.append(
                PIMEncodedSource(
                    address: encoded.address, flags: PIMSourceFlags(rawValue: encoded.flags),
                    maskLength: encoded.maskLength))
        }
        return sources
    }
}
