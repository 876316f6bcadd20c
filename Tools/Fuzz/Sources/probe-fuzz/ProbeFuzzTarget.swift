import FuzzSupport

/// The libFuzzer entry point: the first byte picks the packet the rest is (``ProbePacket``).
@_cdecl("LLVMFuzzerTestOneInput")
public func probeFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = LibFuzzer.bytes(data, size)
    guard let first = bytes.first else { return 0 }
    let packet = Array(bytes.dropFirst())
    switch ProbePacket(selector: first) {
    case .icmp: ProbeChecks.icmp(packet, fixingChecksum: false)
    case .icmpChecksummed: ProbeChecks.icmp(packet, fixingChecksum: true)
    case .rawICMPDatagram: ProbeChecks.rawICMPDatagram(packet)
    case .twampTest: ProbeChecks.twampTest(packet)
    case .twampReflected: ProbeChecks.twampReflected(packet)
    }
    return 0
}

/// The executable's entry point (see ``LibFuzzer``).
@_cdecl("probe_fuzz_main")
public func probeFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    LibFuzzer.run(argc, argv) { data, size in probeFuzzTarget(data, size) }
}
