import Foundation
import Testing

/// `vrrpctl run` refuses bad scheduling arguments with a message naming the option and the value, before reading
/// its configuration or opening any socket (so these run without root).
@Suite("vrrpctl run: argument errors")
struct RunCommandTests {
    static let cases: [([String], String)] = [
        (
            ["--sched-slice", "50"],
            "--sched-slice must be 100-100000 microseconds (or 0 for the kernel's default), not 50"
        ),
        (["--sched-slice", "100001"], "--sched-slice must be 100-100000 microseconds"),
        (["--sched-slice", "-1"], "--sched-slice"),
        (["--sched-slice", "fast"], "fast"),
        (["--rt-priority", "0"], "--rt-priority must be 1-99, not 0"),
    ]

    @Test("a bad scheduling argument exits non-zero with a message naming it", arguments: cases)
    func badArgument(arguments: [String], message: String) throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: SendCommandTests.vrrpctl),
            "vrrpctl not built at \(SendCommandTests.vrrpctl)")
        let result = try SendCommandTests.run(["run", "-f", "/nonexistent/keepalived.conf"] + arguments)
        #expect(result.status == 64, "status \(result.status)")
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
    }

    @Test("the help names --sched-slice and its default")
    func help() throws {
        try #require(FileManager.default.isExecutableFile(atPath: SendCommandTests.vrrpctl))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: SendCommandTests.vrrpctl)
        process.arguments = ["run", "--help"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(output.contains("--sched-slice <microseconds>"))
        #expect(output.contains("default: 100"))
    }
}
