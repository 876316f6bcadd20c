import Models

extension LedgerAPI {
    /// The log's last sequence number, as ``head()`` reports it (the default of the
    /// ``LedgerAPI/headSequence()`` requirement).
    public func headSequence() async throws(LedgerError) -> UInt64 {
        try await head().sequence
    }

    /// Every entity of `kinds`, read as of one log position: the head sequence, the entities,
    /// then the head again, retried while the head moved (at most `attempts` reads). The
    /// sequence returned is the head before the read that was kept; after the last attempt a
    /// moving head only means that some entries following it are already reflected, which
    /// applying whole entity values again makes harmless.
    public func consistentEntities(of kinds: [EntityKind], attempts: Int = 5) async throws(LedgerError)
        -> (entities: [Entity], sequence: UInt64)
    {
        var attempt = 0
        while true {
            attempt += 1
            let before = try await headSequence()
            var entities: [Entity] = []
            for kind in kinds { entities += try await self.entities(of: kind, matching: .all) }
            if try await headSequence() == before || attempt >= attempts { return (entities, before) }
        }
    }
}
