import Glibc
import HealthCheck
import Testing

@Suite("vrrp_track_process")
struct TrackedItemTests {
    @Test("process matching by name, path and parameters")
    func matching() {
        let haproxy = ProcessTable.Entry(
            pid: 10, name: "haproxy", arguments: ["/usr/sbin/haproxy", "-f", "/etc/haproxy.cfg", "-D"])
        #expect(ProcessMatcher(name: "haproxy").matches(haproxy))
        #expect(ProcessMatcher(name: "/usr/sbin/haproxy").matches(haproxy))
        #expect(!ProcessMatcher(name: "/usr/bin/haproxy").matches(haproxy))
        #expect(!ProcessMatcher(name: "nginx").matches(haproxy))
        #expect(ProcessMatcher(name: "haproxy", parameters: ["-f", "/etc/haproxy.cfg", "-D"]).matches(haproxy))
        #expect(!ProcessMatcher(name: "haproxy", parameters: ["-f", "/etc/haproxy.cfg"]).matches(haproxy))
        #expect(
            ProcessMatcher(name: "haproxy", parameters: ["-f", "/etc/haproxy.cfg"], parameterMatch: .initial)
                .matches(haproxy))
        #expect(
            ProcessMatcher(name: "haproxy", parameters: ["/etc/haproxy.cfg", "-D"], parameterMatch: .partial)
                .matches(haproxy))
        #expect(
            !ProcessMatcher(name: "haproxy", parameters: ["-D", "-f"], parameterMatch: .partial).matches(haproxy))
    }

    @Test("the live process table finds a process this test started, and not after it ends")
    func liveTable() throws {
        // A duration no other process uses marks the child: GNU sleep accepts a fraction.
        let marker = "3000.\(getpid())"
        let child = try ChildProcess(arguments: ["/bin/sleep", marker])
        let matcher = ProcessMatcher(name: "sleep", parameters: [marker])
        var seen = 0
        for _ in 0..<50 where seen == 0 {
            seen = ProcessTable.current().count(matching: matcher)
            if seen == 0 { usleep(10_000) }
        }
        #expect(seen == 1)
        child.killGroup()
        _ = try child.wait(timeout: .seconds(5))
        #expect(ProcessTable.current().count(matching: matcher) == 0)
    }
}

@Suite("script security")
struct ScriptSecurityTests {
    @Test("system programs owned by root pass")
    func systemProgram() {
        #expect(ScriptSecurity.check(program: "/bin/true") == nil)
    }

    @Test("a group- or world-writable script is refused with its path", .enabled(if: getuid() == 0, "needs root"))
    func writableScript() throws {
        let directory = "/tmp/vrrpsw-security-\(getpid())"
        mkdir(directory, 0o755)
        let script = directory + "/check.sh"
        defer {
            unlink(script)
            rmdir(directory)
        }
        let descriptor = open(script, O_WRONLY | O_CREAT | O_TRUNC, 0o755)
        #expect(descriptor >= 0)
        close(descriptor)
        chmod(script, 0o755)
        #expect(ScriptSecurity.check(program: script) == nil)
        chmod(script, 0o777)
        let violation = try #require(ScriptSecurity.check(program: script))
        #expect(violation.path == script)
        #expect(violation.cause.contains("writable"))
        chmod(script, 0o755)
        chown(script, 65534, 65534)
        #expect(ScriptSecurity.check(program: script)?.cause.contains("uid 65534") == true)
    }

    @Test("a missing script is refused as unresolvable")
    func missing() {
        #expect(ScriptSecurity.check(program: "/nonexistent/x")?.cause.contains("cannot be resolved") == true)
    }
}
