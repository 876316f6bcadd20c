import Models

/// Which link, if any, holds an interface.
///
/// Every link in the state binds its interfaces, whatever its status: a requested or pending link
/// has claimed them, an activated or drained one uses them, a rejected or deleting one still
/// names them until the activator closes it.
extension ExecutionContext {
    /// The link (other than `except`) bound to `interface`, if any; the lowest key wins when
    /// the state is inconsistent enough to hold two.
    func link(boundTo interface: DeviceInterfaceRef, except: PublicKey? = nil) -> Link? {
        state.links.values
            .filter { $0.pubkey != except && $0.boundInterfaces.contains(interface) }
            .min { $0.pubkey < $1.pubkey }
    }
}
