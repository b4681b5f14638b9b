import Glibc
import HealthCheck
import Testing

@Suite("running check processes")
struct ChildProcessTests {
    @Test("exit statuses come back exactly")
    func exitStatus() throws {
        #expect(try ChildProcess.run(arguments: ["true"], timeout: .seconds(10)).outcome == .exited(0))
        #expect(try ChildProcess.run(arguments: ["false"], timeout: .seconds(10)).outcome == .exited(1))
        let shell = try ScriptCommand("exit 7; true")
        #expect(try ChildProcess.run(arguments: shell.arguments, timeout: .seconds(10)).outcome == .exited(7))
    }

    @Test("a missing program is a spawn error naming it")
    func missing() {
        #expect {
            _ = try ChildProcess(arguments: ["/nonexistent/check-script"])
        } throws: { error in
            let error = error as? ProcessError
            return error?.errno == ENOENT && error?.program == "/nonexistent/check-script"
                && error?.operation == "spawn"
        }
        #expect(throws: ProcessError.self) { _ = try ChildProcess(arguments: ["no-such-program-anywhere"]) }
    }

    @Test("a hanging check is timed out and its whole process group ends, grandchildren included")
    func timeoutKillsGroup() throws {
        // The shell starts a grandchild sleeper, records its pid, and waits: both must be gone after the timeout.
        let pidFile = "/tmp/vrrpsw-healthcheck-\(getpid())-grandchild"
        defer { unlink(pidFile) }
        let start = ContinuousClock.now
        let result = try ChildProcess.run(
            arguments: ["/bin/sh", "-c", "sleep 30 & echo $! > \(pidFile); wait"], timeout: .milliseconds(300))
        let elapsed = ContinuousClock.now - start
        #expect(result.timedOut)
        #expect(result.outcome == .signaled(SIGTERM))
        #expect(elapsed < .seconds(5))
        let text = try #require(readSmallFile(pidFile))
        let grandchild = try #require(Int32(text.trimmingSuffix()))
        // Poll briefly: the kernel delivers the group signal at once, but reaping by init may lag.
        var alive = true
        for _ in 0..<100 where alive {
            alive = isRunning(grandchild)
            if alive { usleep(10_000) }
        }
        #expect(!alive, "grandchild \(grandchild) survived the group kill")
    }

    @Test("a check runs as the configured user", .enabled(if: getuid() == 0, "needs root to change user"))
    func runsAsUser() throws {
        let command = try ScriptCommand("test $(id -u) -eq 65534")
        let result = try ChildProcess.run(arguments: command.arguments, timeout: .seconds(10), user: (65534, 65534))
        #expect(result.outcome == .exited(0))
    }

    private func readSmallFile(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 64)
        guard fgets(&buffer, 64, file) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether a process exists and is not a zombie (state field of /proc/PID/stat, as LAB-NOTES advises).
    private func isRunning(_ pid: Int32) -> Bool {
        guard let stat = readSmallFile("/proc/\(pid)/stat") else { return false }
        guard let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(close, offsetBy: 2)...].first
        return state != "Z" && state != "X"
    }
}

extension String {
    fileprivate func trimmingSuffix() -> String {
        var text = self
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
