/// What a ``BGPRouteInstaller`` has done so far.
public struct BGPRouteInstallerCounts: Hashable, Sendable {
    /// Routes in the kernel now, as far as the installer's writes go.
    public var installed: Int
    /// Route changes the kernel refused since the start.
    public var failures: Int
    /// Netlink batches written since the start (one per burst of events).
    public var batches: Int
    /// Route changes the kernel applied since the start (replaces and deletes).
    public var applied: Int

    /// Counts with these values.
    public init(installed: Int = 0, failures: Int = 0, batches: Int = 0, applied: Int = 0) {
        self.installed = installed
        self.failures = failures
        self.batches = batches
        self.applied = applied
    }
}
