import FuzzSupport

/// The libFuzzer entry point: the first byte picks the server and endpoint whose body the rest
/// is (``JSONBody``), and the body goes through what that endpoint does with it before acting.
@_cdecl("LLVMFuzzerTestOneInput")
public func jsonBodiesFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = LibFuzzer.bytes(data, size)
    guard let first = bytes.first else { return 0 }
    let body = Array(bytes.dropFirst())
    switch JSONBody(selector: first) {
    case .ledgerTransaction: JSONBodyChecks.ledgerTransaction(body)
    case .daemonProvision: JSONBodyChecks.daemonProvision(body)
    case .daemonRemove: JSONBodyChecks.daemonRemove(body)
    case .daemonResolveRoute: JSONBodyChecks.daemonResolveRoute(body)
    }
    return 0
}

/// The executable's entry point (see ``LibFuzzer``).
@_cdecl("json_bodies_fuzz_main")
public func jsonBodiesFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    LibFuzzer.run(argc, argv) { data, size in jsonBodiesFuzzTarget(data, size) }
}
