/// What ``TunnelSetReconciler/apply(_:)`` did to one tunnel.
public enum TunnelOutcome: Hashable, Sendable {
    /// Created, with this datapath.
    case added(TunnelDatapathKind)
    /// Already as desired; not touched.
    case unchanged
    /// Its spec changed: removed and created again.
    case replaced(TunnelDatapathKind)
    /// No longer desired: removed.
    case removed
    /// This tunnel failed (and was left absent); the others are unaffected.
    case failed(TunnelProvisioningError)
}
