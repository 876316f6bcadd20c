import ArgumentParser

/// The first word of `connect multicast`'s legacy positional form (`connect multicast publisher mg01`).
enum LegacyMulticastRole: String, CaseIterable, Sendable {
    /// Publish to the groups that follow.
    case publisher
    /// Subscribe to the groups that follow.
    case subscriber
}
