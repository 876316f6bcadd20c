import Models

/// A multicast user's roles in one group, kept in step with the group's counters: the user's
/// `publishers` / `subscribers` lists name the group exactly when the group counts the user in
/// its `publisher_count` / `subscriber_count`.
enum MulticastMembership {
    /// Sets `user`'s roles in `group` to the desired states (not toggles), adding or removing the
    /// group from the user's lists and adjusting the group's counts by the difference.
    ///
    /// - Throws: ``ProgramError`` with `ArithmeticOverflow` if a group count would leave its range.
    static func set(
        publisher: Bool, subscriber: Bool, of user: inout User, in group: inout MulticastGroup
    ) throws(ProgramError) {
        try set(publisher, in: &user.publishers, count: &group.publisherCount, "publishers", of: group)
        try set(subscriber, in: &user.subscribers, count: &group.subscriberCount, "subscribers", of: group)
    }

    private static func set(
        _ wanted: Bool, in list: inout [PublicKey], count: inout UInt32, _ role: String, of group: MulticastGroup
    ) throws(ProgramError) {
        let held = list.contains(group.pubkey)
        if wanted && !held {
            try LedgerCounter.increment(&count, "the \(role) count of multicast group \(group.code)")
            list.append(group.pubkey)
        } else if !wanted && held {
            try LedgerCounter.decrement(&count, "the \(role) count of multicast group \(group.code)")
            list.removeAll { $0 == group.pubkey }
        }
    }
}
