import FuzzSupport
import Models
import PIMWire

/// The libFuzzer entry point: the rest of the input after a flags byte is one PIM message
/// (from its header on, as doublezerod reads it from a raw IP socket of protocol 103).
///
/// With the flags byte's low bit set, the checksum field is first made right (over the first 8
/// octets for a Register, the whole message otherwise), so mutations reach the body decoders;
/// either way ``PIMWire/PIMMessage/decode(_:)`` must decode or throw a ``PIMWire/PIMDecodingError``
/// whose offset lies in the message, and what decodes must re-encode to bytes that decode the same.
@_cdecl("LLVMFuzzerTestOneInput")
public func pimFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(LibFuzzer.bytes(data, size))
    let fixesChecksum = input.bool()
    var bytes = input.rest()
    if fixesChecksum { fixChecksum(&bytes) }
    switch Result(catching: { () throws(PIMDecodingError) in try PIMMessage.decode(bytes) }) {
    case .success(let message):
        let again = Result { () throws(PIMDecodingError) in try PIMMessage.decode(message.encoded()) }
        precondition(again == .success(message), "round trip changed \(message): \(again)")
    case .failure(let error):
        precondition((0...bytes.count).contains(error.offset), "offset outside the message: \(error)")
        _ = error.description
    }
    return 0
}

/// Writes the checksum a sender would: over the whole message, or a Register's first 8 octets.
private func fixChecksum(_ bytes: inout [UInt8]) {
    guard bytes.count >= PIMWireFormat.headerLength else { return }
    let isRegister = bytes[0] & 0x0F == 1
    guard !isRegister || bytes.count >= PIMWireFormat.registerChecksumLength else { return }
    bytes[2] = 0
    bytes[3] = 0
    let checksum = InternetChecksum.checksum(
        bytes.prefix(isRegister ? PIMWireFormat.registerChecksumLength : bytes.count))
    bytes[2] = UInt8(checksum >> 8)
    bytes[3] = UInt8(checksum & 0xFF)
}

/// The executable's entry point (see ``LibFuzzer``).
@_cdecl("pim_fuzz_main")
public func pimFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    LibFuzzer.run(argc, argv) { data, size in pimFuzzTarget(data, size) }
}
