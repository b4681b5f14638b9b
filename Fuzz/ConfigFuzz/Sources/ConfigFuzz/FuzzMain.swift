/// libFuzzer's driver (compiler-rt), called from our own entry point.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// The executable's entry point. SwiftPM links executables with `main` aliased to `<Module>_main`, and this
/// package is compiled with `-parse-as-library`, so we provide that symbol and hand control to libFuzzer.
@_cdecl("ConfigFuzz_main")
func configFuzzMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return runFuzzerDriver(&count, &arguments) { data, size in configFuzzTestOneInput(data, size) }
}
