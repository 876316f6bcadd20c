import Foundation
import Ledger

/// Opens a ledger from a location as tools take it with `--ledger`.
public enum LedgerConnection {
    /// The ledger at `location`:
    ///
    /// - `http://…` or `https://…` (any case): a ``RemoteLedger`` for that server;
    /// - anything else: the path of an existing ledger file, opened in this process as a
    ///   ``Ledger/LedgerService``. The file must exist (`doublezero-ledger init` creates one), so a
    ///   mistyped path is an error rather than a new, empty ledger.
    ///
    /// - Throws: ``Ledger/LedgerError/transport(_:)`` for an http(s) URL without a host;
    ///   ``Ledger/LedgerError/storage(_:)`` when there is no file at the path or it cannot be
    ///   opened as a ledger.
    public static func open(_ location: String) throws(LedgerError) -> any LedgerAPI {
        let trimmed = location.trimmingCharacters(in: .whitespaces)
        let lowercased = trimmed.lowercased()
        if lowercased.hasPrefix("http://") || lowercased.hasPrefix("https://") {
            return try RemoteLedger(url: trimmed)
        }
        guard FileManager.default.fileExists(atPath: location) else {
            throw .storage(
                "there is no ledger file at \(location); create one with `doublezero-ledger init --db \(location) --foundation KEY`"
            )
        }
        do {
            return try LedgerService(path: location)
        } catch {
            throw .storage(error.description)
        }
    }

    /// Closes a ledger ``open(_:)`` returned: the file of an embedded ledger, the HTTP client of a
    /// remote one (errors on the way out are not worth reporting).
    public static func close(_ ledger: any LedgerAPI) async {
        if let service = ledger as? LedgerService { await service.close() }
        if let remote = ledger as? RemoteLedger { try? await remote.shutdown() }
    }
}
