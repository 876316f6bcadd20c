extension LogEntry {
    /// The entry's size as the log stores it: the signed message, the signature and the
    /// change list JSON. What a follower's backlog is measured in (``FollowerBacklogLimit``).
    public var byteCount: Int {
        transaction.messageBytes.count + transaction.signature.count + encodedChanges.json.count
    }
}

extension StoredLogRow {
    /// The row's size, as ``LogEntry/byteCount`` measures the entry it stores.
    public var byteCount: Int { message.count + signature.count + changes.count }
}
