/// What the reconciler does to one service class to bring it from what runs to what the ledger
/// wants (`reference/client.md` §2.13). Pure: ``init(running:wanted:)`` decides, the reconciler acts.
public enum ServicePlan: Sendable, Hashable {
    /// Nothing runs and nothing is wanted, or what runs is what is wanted.
    case keep
    /// Build the wanted service.
    case provision(ServiceRequest)
    /// Only the multicast groups changed: apply them to the running service in place.
    case updateGroups(ServiceRequest)
    /// Anything else changed: tear the running service down and build the wanted one, under one lock.
    case rebuild(ServiceRequest)
    /// Tear the running service down.
    case remove

    /// The plan that brings `running` to `wanted`.
    public init(running: ServiceRequest?, wanted: ServiceRequest?) {
        switch (running, wanted) {
        case (nil, nil): self = .keep
        case (nil, let wanted?): self = .provision(wanted)
        case (_?, nil): self = .remove
        case (let running?, let wanted?):
            if running.isSameService(as: wanted) {
                self = .keep
            } else if running.isSameInfrastructure(as: wanted) {
                self = .updateGroups(wanted)
            } else {
                self = .rebuild(wanted)
            }
        }
    }
}
