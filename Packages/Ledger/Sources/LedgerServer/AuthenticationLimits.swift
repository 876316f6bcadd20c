/// The limits on failed authentication at the ledger server (after tunnel-rs's design): per
/// signing key, and across keys the ledger does not know.
public struct AuthenticationLimits: Sendable, Hashable {
    /// Failed attempts by one key within ``failureWindow`` that lock it out.
    public var maxFailures: Int
    /// The window those failures are counted in.
    public var failureWindow: Duration
    /// How long a key stays locked out.
    public var keyLockout: Duration
    /// Distinct failing keys within ``globalWindow`` that lock out every key the ledger does not know.
    public var globalDistinctKeys: Int
    /// The window those keys are counted in.
    public var globalWindow: Duration
    /// How long the global lockout lasts.
    public var globalLockout: Duration
    /// The most keys tracked at once (the oldest expire first beyond it), so a flood of random
    /// keys cannot grow memory without bound.
    public var maxTrackedKeys: Int

    /// The defaults: 5 failures in 60 s lock a key for 60 s; 10 failing keys in 10 s lock out
    /// unknown keys for 60 s; at most 10,000 keys tracked.
    public init(
        maxFailures: Int = 5, failureWindow: Duration = .seconds(60), keyLockout: Duration = .seconds(60),
        globalDistinctKeys: Int = 10, globalWindow: Duration = .seconds(10), globalLockout: Duration = .seconds(60),
        maxTrackedKeys: Int = 10_000
    ) {
        precondition(maxFailures >= 1 && globalDistinctKeys >= 1 && maxTrackedKeys >= 1)
        self.maxFailures = maxFailures
        self.failureWindow = failureWindow
        self.keyLockout = keyLockout
        self.globalDistinctKeys = globalDistinctKeys
        self.globalWindow = globalWindow
        self.globalLockout = globalLockout
        self.maxTrackedKeys = maxTrackedKeys
    }
}
