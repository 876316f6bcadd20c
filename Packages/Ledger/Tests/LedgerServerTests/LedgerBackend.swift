import Foundation
import Ledger
import LedgerTestSupport
import Testing

/// The ledgers the server is tested against: the in-memory double and the real embedded ledger
/// on a temporary file.
enum LedgerBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case inMemory
    case sqliteFile

    var testDescription: String { rawValue }

    /// A fresh, empty ledger of this kind founded with `genesis`, and what removes it afterwards.
    func makeLedger(_ genesis: LedgerGenesis) throws -> (ledger: any LedgerAPI, cleanUp: @Sendable () async -> Void) {
        switch self {
        case .inMemory:
            return (InMemoryLedger(genesis: genesis), {})
        case .sqliteFile:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("LedgerServerTests-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let service = try LedgerService(
                path: directory.appendingPathComponent("ledger.sqlite").path, creating: genesis)
            return (
                service,
                {
                    await service.close()
                    try? FileManager.default.removeItem(at: directory)
                }
            )
        }
    }
}
