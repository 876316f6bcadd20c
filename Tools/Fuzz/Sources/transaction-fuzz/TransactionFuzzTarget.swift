import FuzzSupport

/// The libFuzzer entry point: the first byte picks what the rest is (``TransactionInputKind``):
/// a signed transaction's wire form, signed message bytes, or one instruction's JSON.
@_cdecl("LLVMFuzzerTestOneInput")
public func transactionFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = LibFuzzer.bytes(data, size)
    guard let first = bytes.first else { return 0 }
    let payload = Array(bytes.dropFirst())
    switch TransactionInputKind(selector: first) {
    case .wire: TransactionChecks.wire(payload)
    case .message: TransactionChecks.message(payload)
    case .instruction: TransactionChecks.instruction(payload)
    }
    return 0
}

/// The executable's entry point (see ``LibFuzzer``).
@_cdecl("transaction_fuzz_main")
public func transactionFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    LibFuzzer.run(argc, argv) { data, size in transactionFuzzTarget(data, size) }
}
