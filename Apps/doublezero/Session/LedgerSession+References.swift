import CommandLineSupport
import Ledger
import Models

extension LedgerSession {
    /// The record a person named with `reference`: its code (exact, else ignoring case) for kinds
    /// with codes, or its base58 public key.
    ///
    /// - Throws: ``CommandFailure`` such as `no exchange with code 'xyz' (known: xlax, xewr)`.
    func record<Record: LedgerRecord>(_ type: Record.Type, reference: String) async throws -> Record {
        let noun = Record.kind.noun
        guard Record.hasCodes else {
            guard let key = PublicKey(base58: reference) else {
                throw CommandFailure(
                    "'\(reference)' is not a public key; a \(noun) is named by its public key (base58)")
            }
            guard let record = try await record(Record.self, at: key) else {
                throw CommandFailure("no \(noun) with public key \(key)")
            }
            return record
        }
        let records = try await records(Record.self)
        if let match = records.first(where: { $0.lookupCode == reference })
            ?? records.first(where: { $0.lookupCode?.lowercased() == reference.lowercased() })
        {
            return match
        }
        if let key = PublicKey(base58: reference), let match = records.first(where: { $0.pubkey == key }) {
            return match
        }
        let known = records.compactMap(\.lookupCode).sorted()
        throw CommandFailure(
            "no \(noun) with code '\(reference)' (known: \(known.isEmpty ? "none yet" : known.joined(separator: ", ")))"
        )
    }

    /// The key of the record named by `reference` (see ``record(_:reference:)``).
    func key<Record: LedgerRecord>(of type: Record.Type, reference: String) async throws -> PublicKey {
        try await record(Record.self, reference: reference).pubkey
    }

    /// The key of the record named by `reference`, or nil when there is none (a flag left out).
    func key<Record: LedgerRecord>(of type: Record.Type, referenceIfGiven reference: String?) async throws
        -> PublicKey?
    {
        guard let reference else { return nil }
        return try await key(of: Record.self, reference: reference)
    }

    /// The keys of the records named by `references`, in order.
    func keys<Record: LedgerRecord>(of type: Record.Type, references: [String]) async throws -> [PublicKey] {
        var keys: [PublicKey] = []
        for reference in references { keys.append(try await key(of: Record.self, reference: reference)) }
        return keys
    }

    /// The key `reference` stands for: the key file's public key for `me`.
    func publicKey(_ reference: KeyReference) throws -> PublicKey {
        switch reference {
        case .me: try keypair().publicKey
        case .key(let key): key
        }
    }
}
