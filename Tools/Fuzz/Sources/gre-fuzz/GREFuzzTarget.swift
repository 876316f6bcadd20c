import FuzzSupport

/// The libFuzzer entry point: a batch of received GRE/IPv4 packets (``GREBatch``) through the
/// userspace datapath's receive path, as its decapsulation loop runs it.
@_cdecl("LLVMFuzzerTestOneInput")
public func greFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(LibFuzzer.bytes(data, size))
    GREBatch(&input).decapsulate()
    return 0
}

/// The executable's entry point (see ``LibFuzzer``).
@_cdecl("gre_fuzz_main")
public func greFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    LibFuzzer.run(argc, argv) { data, size in greFuzzTarget(data, size) }
}
