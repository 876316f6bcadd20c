import Glibc

extension NetlinkSession {
    /// Applies many route changes with few round trips: the requests (each exactly what
    /// ``replaceRoute(_:)`` or ``deleteRoute(_:)`` sends, with its own sequence number and
    /// acknowledgement) go out packed into datagrams of up to ``batchBytes`` (about 2,500 /32
    /// routes), and each datagram's acknowledgements are read, in whatever order and however
    /// split, before the next is sent.
    ///
    /// A refused change does not stop the batch: it is reported and the others go on. A delete
    /// of a route that is not there (ENOENT, ESRCH) has its result already and is not reported.
    /// Replaces cannot meet EEXIST (create + replace).
    ///
    /// - Parameter acknowledgement: ``NetlinkBatchAcknowledgement/everyRequest`` (the default)
    ///   answers every request on its own; ``NetlinkBatchAcknowledgement/errorsOnly`` clears the
    ///   requests' `NLM_F_ACK` and closes each datagram with an acknowledged no-op (faster; the
    ///   same failures are reported).
    /// - Returns: the refused changes, in batch order (empty when everything was applied).
    /// - Throws: only when the socket fails (the kernel may then hold part of the batch).
    public func applyRoutes(
        _ changes: [RouteChange], acknowledgement: NetlinkBatchAcknowledgement = .everyRequest
    ) throws(NetlinkError) -> [RouteChangeFailure] {
        guard !changes.isEmpty else { return [] }
        let requests = changes.map { Self.routeRequest($0.route, $0.netlinkChange).bytes }
        let refused = try acknowledgedBatch(requests, acknowledgement: acknowledgement) { index in
            Self.routeOperation(changes[index].route, changes[index].netlinkChange)
        }
        return refused.compactMap { index, error in
            if case .delete = changes[index], case .notFound = error { return nil }
            return RouteChangeFailure(change: changes[index], index: index, error: error)
        }
    }
}
