import Foundation

/// Why a lab command failed.
struct LabError: Error, CustomStringConvertible {
    var command: [String]
    var result: CommandResult
    var description: String {
        "`\(command.joined(separator: " "))` exited \(result.status)\(result.timedOut ? " (timed out)" : ""): "
            + result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A bridge namespace and a few host namespaces joined by veth pairs: 192.0.2.0/24 and 2001:db8::/64 only.
///
/// Host `n` (1-based) has `eth0` with MAC 02:00:5e:10:00:0n, 192.0.2.n/24 and 2001:db8::n/64 (no DAD), and its
/// link-local address. The bridge has multicast snooping, STP and forward delay off, and br_netfilter disabled.
/// Every namespace name starts with `vrrpsw-ad-t` and the test process's ID. ``tearDown()`` (also run on release)
/// deletes them all; labs left by a crashed run (whose process is gone) are deleted when the next lab is built.
final class NamespaceLab: @unchecked Sendable {
    /// The prefix of every namespace name this test target creates; `VRRPSW_LAB_PREFIX` overrides it (11
    /// characters, starting with `vrrpsw-`) so parallel runs of different people stay apart.
    static let prefix: String = {
        let override = ProcessInfo.processInfo.environment["VRRPSW_LAB_PREFIX"] ?? ""
        return override.hasPrefix("vrrpsw-") && override.count <= 11 ? override : "vrrpsw-ad-t"
    }()

    /// This lab's namespace prefix, e.g. `vrrpsw-ad-t3f2a`.
    let tag: String
    /// The bridge namespace.
    let bridge: String
    /// The host namespaces, host 1 first.
    let hosts: [String]
    /// A directory for this lab's files (configs, captures).
    let directory: URL
    private var tornDown = false

    /// Builds the lab; on any failure what was built is torn down and the error rethrown.
    init(hostCount: Int = 3) throws {
        Self.removeStale()
        // The process ID in the name lets a later run tell a crashed run's leftovers from a live run's lab.
        let tag = Self.prefix + "\(getpid())x" + String(UInt16.random(in: 0x1000...0xFFFF), radix: 16)
        self.tag = tag
        bridge = tag + "-br"
        hosts = (1...hostCount).map { "\(tag)-h\($0)" }
        directory = Shell.scratch.appendingPathComponent(tag)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            try build()
        } catch {
            tearDown()
            throw error
        }
    }

    deinit { tearDown() }

    /// Host `n`'s namespace (1-based).
    func host(_ number: Int) -> String { hosts[number - 1] }

    /// Host `n`'s MAC address.
    func mac(_ number: Int) -> String { String(format: "02:00:5e:10:00:%02x", number) }

    /// Host `n`'s IPv4 address.
    func ipv4(_ number: Int) -> String { "192.0.2.\(number)" }

    /// Host `n`'s global IPv6 address.
    func ipv6(_ number: Int) -> String { "2001:db8::\(number)" }

    /// Runs `ip -n NAMESPACE arguments…` and returns its standard output; throws on failure.
    @discardableResult
    func ip(_ namespace: String, _ arguments: String...) throws -> String {
        try check(["ip", "-n", namespace] + arguments)
    }

    /// Runs a command inside a namespace (`ip netns exec`) and returns its result.
    func exec(_ namespace: String, _ arguments: [String], timeout: Duration = .seconds(20)) throws -> CommandResult {
        try Shell.run(["ip", "netns", "exec", namespace] + arguments, timeout: timeout)
    }

    /// Starts a command inside a namespace in the background.
    func start(_ namespace: String, _ arguments: [String]) throws -> BackgroundProcess {
        try Shell.start(["ip", "netns", "exec", namespace] + arguments)
    }

    /// Deletes every namespace of the lab and its directory. Safe to call more than once.
    func tearDown() {
        guard !tornDown else { return }
        tornDown = true
        for namespace in hosts + [bridge] {
            _ = try? Shell.run(["ip", "netns", "delete", namespace], timeout: .seconds(10))
        }
        try? FileManager.default.removeItem(at: directory)
    }

    @discardableResult
    private func check(_ command: [String]) throws -> String {
        let result = try Shell.run(command)
        guard result.status == 0, !result.timedOut else { throw LabError(command: command, result: result) }
        return result.stdout
    }

    private func sysctl(_ namespace: String, _ settings: [String]) throws {
        try check(["ip", "netns", "exec", namespace, "sysctl", "-q", "-w"] + settings)
    }

    private func build() throws {
        for namespace in [bridge] + hosts { try check(["ip", "netns", "add", namespace]) }
        try ip(
            bridge, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0", "stp_state", "0",
            "forward_delay", "0")
        // br_netfilter is loaded on these machines: keep iptables out of bridged traffic.
        _ = try? Shell.run([
            "ip", "netns", "exec", bridge, "sysctl", "-q", "-w",
            "net.bridge.bridge-nf-call-iptables=0", "net.bridge.bridge-nf-call-ip6tables=0",
            "net.bridge.bridge-nf-call-arptables=0",
        ])
        try ip(bridge, "link", "set", "br0", "up")
        for (offset, namespace) in hosts.enumerated() {
            let number = offset + 1
            let port = "p\(number)"
            try check([
                "ip", "link", "add", "eth0", "netns", namespace, "address", mac(number), "type", "veth",
                "peer", "name", port, "netns", bridge,
            ])
            try ip(bridge, "link", "set", port, "master", "br0")
            try ip(bridge, "link", "set", port, "up")
            try sysctl(
                namespace,
                [
                    "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0",
                    "net.ipv6.conf.eth0.accept_dad=0", "net.ipv6.conf.all.dad_transmits=0",
                    "net.ipv6.conf.default.dad_transmits=0", "net.ipv6.conf.eth0.dad_transmits=0",
                    "net.ipv6.conf.all.accept_ra=0", "net.ipv6.conf.eth0.accept_ra=0",
                    "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0",
                    "net.ipv4.conf.eth0.rp_filter=0",
                ])
            try ip(namespace, "link", "set", "lo", "up")
            try ip(namespace, "addr", "add", "\(ipv4(number))/24", "dev", "eth0")
            try ip(namespace, "addr", "add", "\(ipv6(number))/64", "dev", "eth0", "nodad")
            try ip(namespace, "link", "set", "eth0", "up")
        }
        // Bounded wait for every host's link-local address to be usable (not tentative).
        for namespace in hosts {
            let ready = try Shell.waitUntil(.seconds(5)) {
                let text = try ip(namespace, "-6", "addr", "show", "dev", "eth0", "scope", "link")
                return text.contains("fe80") && !text.contains("tentative")
            }
            if !ready {
                throw LabError(
                    command: ["ip", "-n", namespace, "-6", "addr"],
                    result: CommandResult(status: 1, stdout: "", stderr: "link-local address not ready", timedOut: true)
                )
            }
        }
    }

    /// Deletes namespaces left behind by test processes that no longer run (only this target's prefix, and only
    /// names that carry a process ID: other processes, e.g. another helper's test run, may be using theirs).
    private static func removeStale() {
        guard let result = try? Shell.run(["ip", "netns", "list"], timeout: .seconds(5)) else { return }
        for line in result.stdout.split(separator: "\n") {
            let name = line.split(separator: " ").first.map(String.init) ?? ""
            guard name.hasPrefix(prefix) else { continue }
            let digits = name.dropFirst(prefix.count).prefix { $0.isNumber }
            guard let pid = Int32(digits), pid != getpid(), kill(pid, 0) == -1, errno == ESRCH else { continue }
            _ = try? Shell.run(["ip", "netns", "delete", name], timeout: .seconds(10))
        }
    }
}
