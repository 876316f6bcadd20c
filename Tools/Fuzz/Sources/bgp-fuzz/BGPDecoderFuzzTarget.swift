import BGPWire
import FuzzSupport

/// The libFuzzer entry point: decodes the input as one BGP message, in both AS widths.
///
/// Every input must either decode or throw a ``BGPMessageError`` whose NOTIFICATION code is
/// one of RFC 4271's 1 (header), 2 (OPEN) or 3 (UPDATE); anything else — a trap, another
/// error, an unexpected code — is a finding. A decoded message that can be re-encoded must
/// decode back to itself (the re-encoding may legitimately fail, for example when several
/// capability parameters merged into one no longer fit 255 octets).
@_cdecl("LLVMFuzzerTestOneInput")
public func bgpDecoderFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = LibFuzzer.bytes(data, size)
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

/// The executable's entry point (see ``LibFuzzer``).
@_cdecl("bgp_fuzz_main")
public func bgpFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    LibFuzzer.run(argc, argv) { data, size in bgpDecoderFuzzTarget(data, size) }
}
