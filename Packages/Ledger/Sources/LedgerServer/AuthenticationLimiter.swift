import Models

/// Who may try to authenticate now: a pure state machine over failed attempts, fed with the
/// time, so every rule is tested without a clock or a server.
///
/// - **Per key.** ``AuthenticationLimits/maxFailures`` failures by one key within
///   ``AuthenticationLimits/failureWindow`` lock it out for ``AuthenticationLimits/keyLockout``.
///   Failures while locked are not counted, so the lockout never extends itself.
/// - **Global.** ``AuthenticationLimits/globalDistinctKeys`` distinct failing keys within
///   ``AuthenticationLimits/globalWindow`` lock out every key without standing for
///   ``AuthenticationLimits/globalLockout``. The window is not fed while locked (an attacker
///   cannot extend it) and is cleared when the lockout ends.
/// - **Standing.** Keys with standing on the ledger (the foundation, the activator, owners of
///   live entities, access-pass holders) pass both tiers and are never counted.
/// - **Memory.** A key's entry expires once its failures are out of the window and it is not
///   locked; beyond ``AuthenticationLimits/maxTrackedKeys`` the expired entries go, then the
///   oldest. The global window holds at most ``AuthenticationLimits/maxFailures`` entries per key
///   it can count, and ages from its front, so each failure costs amortised O(1).
public struct AuthenticationLimiter: Sendable {
    /// A point in time.
    public typealias Instant = ContinuousClock.Instant

    /// What a request from a key may do.
    public enum Decision: Sendable, Hashable {
        /// Go ahead.
        case allowed
        /// The key is locked out until then.
        case keyLocked(until: Instant)
        /// Keys without standing are locked out until then.
        case globallyLocked(until: Instant)
    }

    /// A lockout that began.
    public enum Lockout: Sendable, Hashable {
        /// A key locked out after that many failures.
        case key(PublicKey, failures: Int)
        /// Every key without standing locked out after that many distinct keys failed.
        case global(distinctKeys: Int)
    }

    private struct KeyState: Sendable {
        var failures: [Instant] = []
        var lockedUntil: Instant?
        var lastFailure: Instant
    }

    /// The limits.
    public let limits: AuthenticationLimits
    private var keys: [PublicKey: KeyState] = [:]
    /// When the latest key lockout ends: no key is locked after it.
    private var lastKeyLockoutEnd: Instant?
    /// The global window: failures in time order from `windowStart`, and how many each key has in it.
    private var window: [(time: Instant, key: PublicKey)] = []
    private var windowStart = 0
    private var windowCounts: [PublicKey: Int] = [:]
    private var globalLockedUntil: Instant?

    /// A limiter with nobody counted yet.
    public init(limits: AuthenticationLimits = AuthenticationLimits()) {
        self.limits = limits
    }

    /// Whether `key` may be heard at `now`.
    public mutating func check(_ key: PublicKey, standing: Bool, at now: Instant) -> Decision {
        guard !standing else { return .allowed }
        if let until = keys[key]?.lockedUntil {
            if now < until { return .keyLocked(until: until) }
            keys[key] = nil
        }
        if let until = globalLockedUntil {
            if now < until { return .globallyLocked(until: until) }
            globalLockedUntil = nil
            clearWindow()
        }
        return .allowed
    }

    /// Counts a failed attempt by `key` at `now`; returns the lockouts it began.
    public mutating func recordFailure(_ key: PublicKey, standing: Bool, at now: Instant) -> [Lockout] {
        guard !standing else { return [] }
        var lockouts: [Lockout] = []
        var state = keys[key] ?? KeyState(lastFailure: now)
        if let until = state.lockedUntil, now < until { return [] }
        state.lockedUntil = nil
        state.failures.removeAll { now - $0 >= limits.failureWindow }
        state.failures.append(now)
        state.lastFailure = now
        if state.failures.count >= limits.maxFailures {
            lockouts.append(.key(key, failures: state.failures.count))
            state.lockedUntil = now + limits.keyLockout
            lastKeyLockoutEnd = now + limits.keyLockout
            state.failures.removeAll()
        }
        keys[key] = state
        if keys.count > limits.maxTrackedKeys { trimKeys(at: now) }

        if let until = globalLockedUntil {
            if now < until { return lockouts }
            globalLockedUntil = nil
            clearWindow()
        }
        // Failures arrive in time order, so the window ages from its front: amortised O(1).
        while windowStart < window.count, now - window[windowStart].time >= limits.globalWindow {
            dropOldestFromWindow()
        }
        window.append((now, key))
        windowCounts[key, default: 0] += 1
        let distinct = windowCounts.count
        if distinct >= limits.globalDistinctKeys {
            lockouts.append(.global(distinctKeys: distinct))
            globalLockedUntil = now + limits.globalLockout
            clearWindow()
        } else {
            // At most a few failures per key that could still count, and never more than the keys tracked.
            let most = min(limits.globalDistinctKeys, limits.maxTrackedKeys) * limits.maxFailures
            while window.count - windowStart > most { dropOldestFromWindow() }
            if windowStart > 1024, windowStart * 2 > window.count {
                window.removeFirst(windowStart)
                windowStart = 0
            }
        }
        return lockouts
    }

    private mutating func dropOldestFromWindow() {
        let key = window[windowStart].key
        windowStart += 1
        let left = (windowCounts[key] ?? 1) - 1
        windowCounts[key] = left > 0 ? left : nil
    }

    private mutating func clearWindow() {
        window.removeAll()
        windowStart = 0
        windowCounts.removeAll()
    }

    /// Forgets `key`'s failures after it authenticated.
    public mutating func recordSuccess(_ key: PublicKey) {
        if let state = keys[key], state.lockedUntil == nil { keys[key] = nil }
    }

    /// Whether any key, or every key without standing, is locked out at `now`: false means no
    /// ``check(_:standing:at:)`` could refuse anyone.
    public func hasLockouts(at now: Instant) -> Bool {
        if let until = globalLockedUntil, now < until { return true }
        return lastKeyLockoutEnd.map { now < $0 } ?? false
    }

    /// How many keys are locked out at `now`.
    public func lockedKeys(at now: Instant) -> Int {
        keys.values.count { $0.lockedUntil.map { now < $0 } ?? false }
    }

    /// Whether keys without standing are locked out at `now`, and for how much longer.
    public func globalLockoutRemaining(at now: Instant) -> Duration? {
        guard let until = globalLockedUntil, now < until else { return nil }
        return until - now
    }

    /// How many keys are tracked (for the memory bound).
    public var trackedKeys: Int { keys.count }

    /// Drops expired entries, then the oldest, until at most three quarters of
    /// ``AuthenticationLimits/maxTrackedKeys`` remain.
    private mutating func trimKeys(at now: Instant) {
        let span = limits.failureWindow
        keys = keys.filter { _, state in
            if let until = state.lockedUntil { return now < until }
            return now - state.lastFailure < span
        }
        // Down to three quarters, so the next trim is a quarter of the limit away (amortised O(1)).
        let keep = max(1, limits.maxTrackedKeys * 3 / 4)
        guard keys.count > keep else { return }
        // Keep the newest; a locked key counts as new until its lockout ends.
        let ranked = keys.sorted { lhs, rhs in
            (lhs.value.lockedUntil ?? lhs.value.lastFailure) > (rhs.value.lockedUntil ?? rhs.value.lastFailure)
        }
        keys = Dictionary(uniqueKeysWithValues: ranked.prefix(keep).map { ($0.key, $0.value) })
    }
}
