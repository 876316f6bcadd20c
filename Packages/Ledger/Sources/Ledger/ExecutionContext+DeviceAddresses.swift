import Models

/// Devices keep to their own addresses: no device may claim (public IP, dz_prefix or
/// user-tunnel-endpoint address, see `DeviceAddressClaim`) space another device claims.
extension ExecutionContext {
    /// Fails with `AddressInUse`, naming the other device's code and the field, if `device`
    /// claims space that another device claims. Every other device counts, whatever its status,
    /// until it is closed.
    ///
    /// - Parameters:
    ///   - device: the device as it is about to be written.
    ///   - before: the device as stored, for an update: only the claims the update adds are
    ///     checked, so an unrelated change is never refused for an address the device already had.
    func requireUnclaimedAddresses(of device: Device, before: Device? = nil) throws(ProgramError) {
        let held = Set(before?.addressClaims ?? [])
        let added = device.addressClaims.filter { !held.contains($0) }
        guard !added.isEmpty else { return }
        for other in state.devices.values.sorted(by: { $0.pubkey < $1.pubkey }) where other.pubkey != device.pubkey {
            try device.requireNoAddressOverlap(with: other, among: added)
        }
    }
}
