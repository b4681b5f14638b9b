import Foundation
import Testing

/// `vrrpctl send` refuses bad arguments with a message naming the option and the value, before opening any
/// socket (so these run without root).
@Suite("vrrpctl send: argument errors")
struct SendCommandTests {
    /// The built `vrrpctl`, next to the test bundle.
    static let vrrpctl: String = {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        while directory.path.contains(".xctest") { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("vrrpctl").path
    }()

    /// Runs vrrpctl with a bounded wait and returns its exit status and standard error.
    static func run(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: vrrpctl)
        process.arguments = arguments
        let errorFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("vrrpsw-ad-send-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).err")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errors = try FileHandle(forWritingTo: errorFile)
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        try? errors.close()
        let deadline = ContinuousClock.now + .seconds(20)
        while process.isRunning, ContinuousClock.now < deadline { usleep(10_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "")
    }

    static let cases: [([String], String)] = [
        (["--vrid", "0", "--address", "192.0.2.100"], "--vrid must be 1–255, got 0"),
        (["--vrid", "51", "--priority", "256", "--address", "192.0.2.100"], "--priority must be 0–255, got 256"),
        (["--vrid", "51"], "give at least one --address"),
        (["--vrid", "51", "--address", "192.0.2.300"], "--address \"192.0.2.300\" is not an IPv4 or IPv6 address"),
        (["--vrid", "51", "--address", "192.0.2.1", "--address", "2001:db8::1"], "--address values mix IPv4 and IPv6"),
        (["--vrid", "51", "--version", "2", "--address", "2001:db8::1"], "VRRPv2 is IPv4 only"),
        (["--vrid", "51", "--version", "4", "--address", "192.0.2.1"], "--version must be 2 or 3, got 4"),
        (
            ["--vrid", "51", "--version", "2", "--interval", "150ms", "--address", "192.0.2.1"],
            "--interval 150ms: VRRPv2 carries whole seconds"
        ),
        (
            ["--vrid", "51", "--interval", "15ms", "--address", "192.0.2.1"],
            "--interval 15ms is not a multiple of 10 ms"
        ),
        (["--vrid", "51", "--interval", "soon", "--address", "192.0.2.1"], "--interval \"soon\" is not a duration"),
        (["--vrid", "51", "--auth-pass", "x", "--address", "192.0.2.1"], "--auth-pass is VRRPv2 only"),
        (
            ["--vrid", "51", "--version", "2", "--auth-pass", "123456789", "--address", "192.0.2.1"],
            "--auth-pass must be 1–8 octets, got 9"
        ),
        (["--vrid", "51", "--ttl", "0", "--address", "192.0.2.1"], "--ttl must be 1–255, got 0"),
        (
            ["--vrid", "51", "--address", "192.0.2.1", "--destination", "2001:db8::2"],
            "--destination \"2001:db8::2\" is not an IPv4 address"
        ),
        (
            ["--vrid", "51", "--address", "192.0.2.1", "--source", "fe80::1"],
            "--source \"fe80::1\" is not an IPv4 address"
        ),
    ]

    @Test("a bad argument exits non-zero with a message naming it", arguments: cases)
    func badArgument(arguments: [String], message: String) throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.vrrpctl), "vrrpctl not built at \(Self.vrrpctl)")
        let result = try Self.run(["send", "-i", "eth0"] + arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
    }
}
