import BGPWire

/// The libFuzzer entry point: decodes the input as one BGP message, in both AS widths.
///
/// Every input must either decode or throw a ``BGPMessageError`` whose NOTIFICATION code is
/// one of RFC 4271's 1 (header), 2 (OPEN) or 3 (UPDATE); anything else — a trap, another
/// error, an unexpected code — is a finding. A decoded message that can be re-encoded must
/// decode back to itself (the re-encoding may legitimately fail, for example when several
/// capability parameters merged into one no longer fit 255 octets).
@_cdecl("LLVMFuzzerTestOneInput")
public func bgpDecoderFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for options in [BGPCodecOptions.fourOctet, .twoOctet] {
        do {
            let message = try BGPMessageDecoder.decode(bytes, options: options)
            if let encoded = try? BGPMessageEncoder.encode(message, options: options) {
                let again = try BGPMessageDecoder.decode(encoded, options: options)
                precondition(again == message, "round trip changed the message: \(message) -> \(again)")
            }
        } catch {
            precondition((1...3).contains(error.notification.code), "unexpected NOTIFICATION \(error)")
        }
    }
    return 0
}

/// libFuzzer's driver (from the `-sanitize=fuzzer` runtime), run by ``bgpFuzzMain(_:_:)``.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// The executable's entry point: SwiftPM links `main` to `<module>_main`, and with
/// `-parse-as-library` there is no generated one, so this hands the command line to libFuzzer.
@_cdecl("bgp_fuzz_main")
public func bgpFuzzMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in bgpDecoderFuzzTarget(data, size) }
}
