// SwiftPM links executables with `main` renamed to `<module>_main`, so libFuzzer's own `main` cannot be used:
// this top-level code hands the command line to libFuzzer's driver instead.

import Glibc

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

var argumentCount = CommandLine.argc
var argumentVector = CommandLine.unsafeArgv
let status = runFuzzerDriver(&argumentCount, &argumentVector) { data, size in fuzzOneInput(data, size) }
exit(status)
