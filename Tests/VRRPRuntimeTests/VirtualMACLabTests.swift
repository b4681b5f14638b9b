import CVRRPShim
import Foundation
import Glibc
import Testing
import VRRPRuntime
import VRRPWire

/// The kernel environment's VMACs in a network namespace of their own (`vrrpsw-vm-rt…`, with a veth pair eth0 /
/// eth1): what `setUpVirtualMAC` makes, finds and deletes, checked with `ip -j -d link` and /proc/sys. Root only.
@Suite("use_vmac against the kernel, in a namespace", .serialized)
struct VirtualMACLabTests {
    static var missing: String? {
        if getuid() != 0 { return "needs root for network namespaces" }
        if Self.ipPath == nil { return "needs iproute2" }
        return nil
    }

    static let ipPath: String? = ["/usr/sbin/ip", "/usr/bin/ip", "/sbin/ip"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// A namespace with eth0 (02:00:5e:10:00:01, 192.0.2.1/24, IPv6 link-local without DAD) up; deleted by `close`.
    final class Namespace {
        let name = "vrrpsw-vm-rt\(getpid() % 100_000)"

        init() throws {
            _ = try? Self.ip(["netns", "del", name])
            try Self.ip(["netns", "add", name])
            try Self.ip([
                "-n", name, "link", "add", "eth0", "address", "02:00:5e:10:00:01", "type", "veth", "peer",
                "name", "eth1",
            ])
            try Self.ip([
                "netns", "exec", name, "sysctl", "-qw", "net.ipv6.conf.eth0.accept_dad=0",
                "net.ipv6.conf.eth0.dad_transmits=0", "net.ipv4.conf.eth0.arp_ignore=0",
                "net.ipv4.conf.eth0.arp_filter=0",
            ])
            try Self.ip(["-n", name, "addr", "add", "192.0.2.1/24", "dev", "eth0"])
            for link in ["lo", "eth1", "eth0"] { try Self.ip(["-n", name, "link", "set", link, "up"]) }
        }

        func close() { _ = try? Self.ip(["netns", "del", name]) }

        /// Runs `ip ARGS`; throws with its output when it fails.
        @discardableResult
        static func ip(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: VirtualMACLabTests.ipPath ?? "/usr/sbin/ip")
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw RuntimeError(operation: "ip \(arguments.joined(separator: " "))", cause: output)
            }
            return output
        }

        /// `ip -j -d link show dev NAME` as a dictionary; nil when there is no such link.
        func link(_ device: String) -> [String: Any]? {
            guard let text = try? Self.ip(["-n", name, "-j", "-d", "link", "show", "dev", device]) else { return nil }
            return (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])?.first
        }

        func sysctl(_ path: String) -> String {
            ((try? Self.ip(["netns", "exec", name, "cat", "/proc/sys/" + path])) ?? "")
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }

        func addresses(_ device: String) -> String {
            (try? Self.ip(["-n", name, "-o", "addr", "show", "dev", device])) ?? ""
        }

        /// Runs `body` on a thread that joined the namespace (setns): /proc/sys and new sockets are the namespace's.
        func inside<T>(_ body: @escaping () throws -> T) throws -> T {
            let path = "/var/run/netns/\(name)"
            let box = ResultBox<T>(body)
            let done = DispatchSemaphore(value: 0)
            let thread = Thread {
                defer { done.signal() }
                guard vrrp_shim_enter_network_namespace(path) == 0 else {
                    box.result = .failure(RuntimeError(operation: "setns \(path)", errno: errno, cause: "failed"))
                    return
                }
                box.result = Result { try box.body() }
            }
            thread.start()
            done.wait()
            guard let result = box.result else {
                throw RuntimeError(operation: "run in \(name)", cause: "no result")
            }
            return try result.get()
        }
    }

    /// A result handed from the namespace thread back.
    final class ResultBox<T>: @unchecked Sendable {
        let body: () throws -> T
        var result: Result<T, any Error>?
        init(_ body: @escaping () throws -> T) { self.body = body }
    }

    @Test(
        "an IPv4 VMAC: private macvlan, virtual MAC, no IPv6, keepalived's sysctls; reused, replaced, deleted",
        .enabled(if: missing == nil, "\(missing ?? "")"))
    func ipv4() throws {
        let lab = try Namespace()
        defer { lab.close() }
        let control = try lab.inside { try KernelEnvironment().makeInterfaceControl() }
        let vmac = VirtualMACInterface(name: "vrrp.51", parent: "eth0", virtualRouterID: 51, family: .ipv4)
        #expect(try lab.inside { try control.setUpVirtualMAC(vmac) } == .created)
        #expect(try lab.inside { try control.setUpVirtualMAC(vmac) } == .reused)
        let link = try #require(lab.link("vrrp.51"))
        #expect(link["address"] as? String == "00:00:5e:00:01:33")
        let info = link["linkinfo"] as? [String: Any]
        #expect(info?["info_kind"] as? String == "macvlan")
        #expect((info?["info_data"] as? [String: Any])?["mode"] as? String == "private")
        #expect(link["link"] as? String == "eth0")
        #expect(link["inet6_addr_gen_mode"] as? String == "none")
        #expect((link["flags"] as? [String])?.contains("UP") == true)
        for (path, value) in [
            ("net/ipv4/conf/vrrp.51/arp_ignore", "1"), ("net/ipv4/conf/vrrp.51/accept_local", "1"),
            ("net/ipv4/conf/vrrp.51/rp_filter", "0"), ("net/ipv4/conf/vrrp.51/promote_secondaries", "1"),
            ("net/ipv6/conf/vrrp.51/disable_ipv6", "1"), ("net/ipv4/conf/eth0/arp_ignore", "1"),
            ("net/ipv4/conf/eth0/arp_filter", "1"),
        ] {
            #expect(lab.sysctl(path) == value, "\(path)")
        }

        // A macvlan of that name with another MAC (another VRID's) is deleted and made again.
        let other = VirtualMACInterface(name: "vrrp.51", parent: "eth0", virtualRouterID: 52, family: .ipv4)
        #expect(try lab.inside { try control.inspectVirtualMAC(other) } == .otherMacvlan)
        #expect(try lab.inside { try control.inspectVirtualMAC(vmac) } == .matching)
        #expect(try lab.inside { try control.setUpVirtualMAC(other) } == .replaced)
        #expect(lab.link("vrrp.51")?["address"] as? String == "00:00:5e:00:01:34")
        #expect(lab.link("vrrp.51")?["ifindex"] as? Int != link["ifindex"] as? Int)

        // Deleting the last VMAC of eth0 puts eth0's ARP sysctls back as they were before the first one.
        try lab.inside { try control.tearDownVirtualMAC(other) }
        #expect(lab.link("vrrp.51") == nil)
        #expect(lab.sysctl("net/ipv4/conf/eth0/arp_ignore") == "0")
        #expect(lab.sysctl("net/ipv4/conf/eth0/arp_filter") == "0")
    }

    @Test(
        "an IPv6 VMAC carries the parent's link-local address and answers no ARP; eth0 restored after the last VMAC",
        .enabled(if: missing == nil, "\(missing ?? "")"))
    func ipv6() throws {
        let lab = try Namespace()
        defer { lab.close() }
        let control = try lab.inside { try KernelEnvironment().makeInterfaceControl() }
        let v4 = VirtualMACInterface(name: "vrrp.51", parent: "eth0", virtualRouterID: 51, family: .ipv4)
        let v6 = VirtualMACInterface(name: "vrrp6.51", parent: "eth0", virtualRouterID: 51, family: .ipv6)
        #expect(try lab.inside { try control.setUpVirtualMAC(v4) } == .created)
        #expect(try lab.inside { try control.setUpVirtualMAC(v6) } == .created)
        #expect(lab.link("vrrp6.51")?["address"] as? String == "00:00:5e:00:02:33")
        #expect(lab.sysctl("net/ipv6/conf/vrrp6.51/disable_ipv6") == "0")
        #expect(lab.sysctl("net/ipv4/conf/vrrp6.51/arp_ignore") == "1")
        // eth0's EUI-64 link-local address (02:00:5e:10:00:01 → fe80::5eff:fe10:1), copied onto the VMAC.
        #expect(lab.addresses("eth0").contains("inet6 fe80::5eff:fe10:1/64"))
        #expect(lab.addresses("vrrp6.51").contains("inet6 fe80::5eff:fe10:1/64"))
        try lab.inside { try control.tearDownVirtualMAC(v4) }
        #expect(lab.link("vrrp.51") == nil)
        #expect(lab.sysctl("net/ipv4/conf/eth0/arp_ignore") == "0", "vrrp.51 was eth0's only IPv4 VMAC")
        try lab.inside { try control.tearDownVirtualMAC(v6) }
        #expect(lab.link("vrrp6.51") == nil)
        #expect(try lab.inside { try control.inspectVirtualMAC(v6) } == .absent)
    }

    @Test(
        "two IPv4 VMACs on one parent: its sysctls come back only when the last goes",
        .enabled(if: missing == nil, "\(missing ?? "")"))
    func sharedParent() throws {
        let lab = try Namespace()
        defer { lab.close() }
        let control = try lab.inside { try KernelEnvironment().makeInterfaceControl() }
        let first = VirtualMACInterface(name: "vrrp.51", parent: "eth0", virtualRouterID: 51, family: .ipv4)
        let second = VirtualMACInterface(name: "vrrp.52", parent: "eth0", virtualRouterID: 52, family: .ipv4)
        _ = try lab.inside { try control.setUpVirtualMAC(first) }
        _ = try lab.inside { try control.setUpVirtualMAC(second) }
        try lab.inside { try control.tearDownVirtualMAC(first) }
        #expect(lab.sysctl("net/ipv4/conf/eth0/arp_ignore") == "1", "vrrp.52 still needs it")
        try lab.inside { try control.tearDownVirtualMAC(second) }
        #expect(lab.sysctl("net/ipv4/conf/eth0/arp_ignore") == "0")
        #expect(lab.sysctl("net/ipv4/conf/eth0/arp_filter") == "0")
    }

    @Test(
        "refusals name the interface: an interface that is not a macvlan, a parent that cannot have one",
        .enabled(if: missing == nil, "\(missing ?? "")"))
    func refusals() throws {
        let lab = try Namespace()
        defer { lab.close() }
        let errors = try lab.inside { () -> [String] in
            let control = try KernelEnvironment().makeInterfaceControl()
            var errors: [String] = []
            for vmac in [
                VirtualMACInterface(name: "eth1", parent: "eth0", virtualRouterID: 51, family: .ipv4),
                VirtualMACInterface(name: "vrrp.52", parent: "lo", virtualRouterID: 52, family: .ipv4),
                VirtualMACInterface(name: "vrrp.53", parent: "eth9", virtualRouterID: 53, family: .ipv4),
            ] {
                do {
                    _ = try control.setUpVirtualMAC(vmac)
                    errors.append("no error")
                } catch {
                    errors.append("\(error)")
                }
            }
            return errors
        }
        #expect(errors[0].contains("eth1") && errors[0].contains("not a macvlan"), "\(errors[0])")
        #expect(errors[1].contains("vrrp.52") && errors[1].contains("lo"), "\(errors[1])")
        #expect(errors[2].contains("eth9"), "\(errors[2])")
        #expect(lab.link("vrrp.52") == nil)
        #expect(lab.link("eth1")?["linkinfo"].map { ($0 as? [String: Any])?["info_kind"] as? String } == "veth")
    }
}
