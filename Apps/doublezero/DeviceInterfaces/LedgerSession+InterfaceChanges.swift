import CommandLineSupport
import Models

extension LedgerSession {
    /// Resolves the interface `selector` picks, signs and submits the instruction `instruction` makes
    /// from its device's key and its name (as the ledger stores it), then prints the
    /// ``MutationReport`` about the device in `format`.
    ///
    /// - Throws: ``CommandFailure`` when there is no such device or interface, or when the ledger
    ///   refuses the change.
    func submitChange(
        toInterface selector: InterfaceSelector, format: OutputFormat,
        instruction: (_ device: PublicKey, _ name: String) -> Instruction
    ) async throws {
        let row = try await selector.row(in: self)
        try await submit(
            [instruction(row.device.pubkey, row.interface.name)], reportingOn: row.device.pubkey, format: format)
    }
}
