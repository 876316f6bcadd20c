import FuzzSupport

/// The libFuzzer entry point: a network built from the input (``FuzzedNetwork``), every device's
/// config derived and rendered (``RenderChecks``).
@_cdecl("LLVMFuzzerTestOneInput")
public func renderFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(LibFuzzer.bytes(data, size))
    RenderChecks.check(FuzzedNetwork(&input))
    return 0
}

/// The executable's entry point (see ``LibFuzzer``).
@_cdecl("render_fuzz_main")
public func renderFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    LibFuzzer.run(argc, argv) { data, size in renderFuzzTarget(data, size) }
}
