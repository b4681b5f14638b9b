import Foundation
import Glibc
import Testing

/// `Scripts/ops-lab.sh` with the built vrrpctl: two nodes in network namespaces, each with a control socket and
/// a metrics listener; status and metrics are checked against the kernel's view through release, restore and a
/// stop of the master. Root only (namespaces), skipped otherwise.
@Suite("vrrpctl status and metrics against the kernel, in namespaces")
struct OpsLabTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The vrrpctl binary beside the test bundle.
    static var binary: String? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("vrrpctl").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    static var missing: String? {
        if getuid() != 0 { return "needs root for network namespaces" }
        for tool in ["/usr/bin/jq", "/usr/bin/curl"] where !FileManager.default.isExecutableFile(atPath: tool) {
            return "needs \(tool)"
        }
        if !FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip")
            && !FileManager.default.isExecutableFile(atPath: "/usr/bin/ip")
        {
            return "needs iproute2"
        }
        if binary == nil { return "the vrrpctl binary is not built beside the tests" }
        return nil
    }

    @Test(
        "status --json and /metrics agree with the kernel before and after failovers",
        .enabled(if: missing == nil, "\(missing ?? "")"), .timeLimit(.minutes(2)))
    func lab() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            Self.repository.appendingPathComponent("Scripts/ops-lab.sh").path, try #require(Self.binary),
            "vrrpsw-op-t\(getpid() % 10_000)",
        ]
        // Output to a file and an asynchronous wait: the test holds no thread of the shared pool for the minute.
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("vrrpsw-op-lab-\(getpid()).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = ContinuousClock.now + .seconds(110)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try handle.close()
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(process.terminationStatus == 0, "ops-lab.sh failed:\n\(text)")
        #expect(text.contains("ok: election: a holds 192.0.2.100 (kernel, status, metrics agree)"))
        #expect(text.contains("ok: after release of a: b holds 192.0.2.100"))
        #expect(text.contains("ok: after stop of a: b holds 192.0.2.100"))
        #expect(text.hasSuffix("PASS\n"), "\(text)")
    }
}
