import CommandLineSupport
import Models

extension LedgerSession {
    /// Signs and submits `instructions`, then prints the ``MutationReport`` about `account` in `format`.
    func submit(_ instructions: [Instruction], reportingOn account: PublicKey, format: OutputFormat) async throws {
        let receipt = try await submit(instructions)
        print(try MutationReport(account: account, receipt: receipt).rendered(format), terminator: "")
    }

    /// Resolves the record of `type` that `selector` picks, signs and submits the instructions
    /// `instructions` makes for it, then prints the ``MutationReport`` about the record in `format`.
    ///
    /// - Throws: ``CommandFailure`` when there is no such record, or when the ledger refuses the change.
    func submitChange<Record: LedgerRecord>(
        to type: Record.Type, selectedBy selector: some RecordSelecting, format: OutputFormat,
        instructions: (Record) async throws -> [Instruction]
    ) async throws {
        let record = try await selector.record(Record.self, in: self)
        try await submit(try await instructions(record), reportingOn: record.pubkey, format: format)
    }
}
