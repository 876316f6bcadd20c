/// One of `doublezero multicast`'s role changes, applied to each named group.
enum MulticastRoleChange: String, Sendable, CaseIterable {
    case subscribe, unsubscribe, publish, unpublish

    /// The roles a group ends with, from the roles it had.
    func apply(publisher: Bool, subscriber: Bool) -> (publisher: Bool, subscriber: Bool) {
        switch self {
        case .subscribe: (publisher, true)
        case .unsubscribe: (publisher, false)
        case .publish: (true, subscriber)
        case .unpublish: (false, subscriber)
        }
    }

    /// What the result line says was done (`Subscribed to`, …).
    var pastTense: String {
        switch self {
        case .subscribe: "Subscribed to"
        case .unsubscribe: "Unsubscribed from"
        case .publish: "Publishing to"
        case .unpublish: "No longer publishing to"
        }
    }
}
