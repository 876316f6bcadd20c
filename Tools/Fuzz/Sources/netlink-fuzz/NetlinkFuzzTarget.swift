import FuzzSupport
import Tunnel

/// The libFuzzer entry point: runs one ``NetlinkQuery`` (first byte) with the arguments that
/// follow, through a ``NetlinkSession`` whose socket answers with the framed datagrams of the
/// rest of the input (``FuzzNetlinkSocket``): the kernel's replies are the fuzzer's to choose.
@_cdecl("LLVMFuzzerTestOneInput")
public func netlinkFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(LibFuzzer.bytes(data, size))
    let query = NetlinkQuery(&input)
    let socket = FuzzNetlinkSocket(stampsSequences: input.bool(), replies: FuzzInput(input.rest()))
    query.run(on: NetlinkSession(socket: socket))
    return 0
}

/// The executable's entry point (see ``LibFuzzer``).
@_cdecl("netlink_fuzz_main")
public func netlinkFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    LibFuzzer.run(argc, argv) { data, size in netlinkFuzzTarget(data, size) }
}
