import CMnl
import Models

extension NetlinkSession {
    /// Adds an address (`RTM_NEWADDR`, create + exclusive).
    ///
    /// - Throws: ``NetlinkError/exists(operation:)`` when the interface already has it.
    public func addAddress(_ address: InterfaceAddress) throws(NetlinkError) {
        try send(address, .add)
    }

    /// Adds an address or updates it in place (`RTM_NEWADDR`, create + replace).
    public func replaceAddress(_ address: InterfaceAddress) throws(NetlinkError) {
        try send(address, .replace)
    }

    /// Removes an address (`RTM_DELADDR`).
    ///
    /// - Throws: ``NetlinkError/notFound(operation:)`` when the interface does not have it.
    public func deleteAddress(_ address: InterfaceAddress) throws(NetlinkError) {
        try send(address, .delete)
    }

    /// The IPv4 addresses of every interface, or of one (`RTM_GETADDR` dump).
    public func addresses(interfaceIndex: Int32? = nil) throws(NetlinkError) -> [InterfaceAddress] {
        let operation = "dump addresses"
        var header = ifaddrmsg()
        header.ifa_family = UInt8(AF_INET)
        var addresses: [InterfaceAddress] = []
        for part in try dump(RTM_GETADDR, header: header, replies: RTM_NEWADDR, operation: operation) {
            let payload = part.payload
            guard payload.count >= 8, payload[0] == UInt8(AF_INET),
                let attributes = try? NetlinkAttribute.parse(payload[8...]),
                let local = (attributes.first(IFA_LOCAL) ?? attributes.first(IFA_ADDRESS))?.ipv4,
                let address = IPv4Prefix(address: local, length: Int(payload[1]))
            else { throw .malformedReply(operation: operation, reason: "bad RTM_NEWADDR") }
            let index = Int32(bitPattern: NetlinkMessage.read32(payload, 4))
            if let interfaceIndex, index != interfaceIndex { continue }
            addresses.append(
                InterfaceAddress(interfaceIndex: index, address: address, scope: AddressScope(rawValue: payload[3])))
        }
        return addresses
    }

    private func send(_ address: InterfaceAddress, _ change: NetlinkChange) throws(NetlinkError) {
        let request = NetlinkRequestWriter(
            type: change.messageType(new: RTM_NEWADDR, delete: RTM_DELADDR), flags: change.flags)
        var header = ifaddrmsg()
        header.ifa_family = UInt8(AF_INET)
        header.ifa_prefixlen = address.address.length
        header.ifa_scope = address.scope.rawValue
        header.ifa_index = UInt32(bitPattern: address.interfaceIndex)
        request.putFamilyHeader(header)
        request.put(IFA_LOCAL, address: address.address.address)
        request.put(IFA_ADDRESS, address: address.address.address)
        try acknowledged(
            request, operation: "\(change.verb) address \(address.address) on link #\(address.interfaceIndex)")
    }
}
