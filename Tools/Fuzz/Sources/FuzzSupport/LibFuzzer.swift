/// libFuzzer's driver, for executables that bring their own `main`.
///
/// SwiftPM links an executable's `main` to `<module>_main`, so the `main` of libFuzzer's runtime
/// (`-sanitize=fuzzer`) is never used: each fuzz target defines `<module>_main` with `@_cdecl`
/// (the targets build with `-parse-as-library`, so none is generated) and hands its command line
/// and its test function to ``run(_:_:_:)``.
public enum LibFuzzer {
    /// A test function: the input's bytes and count; returns 0 (libFuzzer's convention).
    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>, Int) -> CInt

    /// Runs libFuzzer with the command line `argc`/`argv` on `testOneInput`; returns its exit status.
    public static func run(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ testOneInput: TestOneInput
    ) -> CInt {
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments, testOneInput)
    }

    /// The bytes of one input, copied.
    public static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data, count: size))
    }
}

/// libFuzzer's driver entry (from the `-sanitize=fuzzer` runtime).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: LibFuzzer.TestOneInput
) -> CInt
