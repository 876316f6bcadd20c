extension ReconnectBackoff {
    /// How a ``ReconnectBackoff`` spreads each delay below its ceiling.
    public enum Jitter: Hashable, Sendable {
        /// No spread: the delay is the ceiling (one client, nothing to spread).
        case none
        /// "Equal jitter": uniformly random in `[ceiling/2, ceiling]`, so many clients of one
        /// restarted server do not all come back at the same instant.
        case equal
    }
}
