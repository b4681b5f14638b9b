import Foundation
import Glibc
import Testing
import VIPNetlink
import VRRPWire

extension LabTests {
    @Suite("VIPNetlink against the kernel")
    struct VIPNetlinkLab {
        /// `ip -j addr show dev eth0` in a namespace, as the addr_info objects.
        static func addressInfo(_ lab: NamespaceLab, host: Int, device: String = "eth0") throws -> [[String: Any]] {
            let text = try lab.ip(lab.host(host), "-j", "addr", "show", "dev", device)
            let links = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] ?? []
            return links.flatMap { $0["addr_info"] as? [[String: Any]] ?? [] }
        }

        @Test("interface lookups match ip -j link")
        func interfaceLookups() throws {
            let lab = try NamespaceLab(hostCount: 1)
            defer { lab.tearDown() }
            let netlink = try inNamespace(lab.host(1)) { try RouteNetlink() }
            let text = try lab.ip(lab.host(1), "-j", "link", "show", "dev", "eth0")
            let link = try #require(
                (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])?.first)
            let eth0 = try netlink.interface(named: "eth0")
            #expect(Int(eth0.index) == link.int("ifindex"))
            #expect(eth0.hardwareAddress?.description == lab.mac(1))
            #expect(Int(eth0.mtu) == link.int("mtu"))
            #expect(eth0.isUp)
            #expect(eth0.kind == "veth")
            #expect(try netlink.interface(index: eth0.index).name == "eth0")
            #expect(try netlink.interfaces().map(\.name).sorted() == ["eth0", "lo"])
            #expect(try netlink.primaryIPv4Address(of: "eth0") == IPv4Address(lab.ipv4(1)))
            let linkLocal = try #require(try netlink.linkLocalIPv6Address(of: "eth0"))
            #expect(linkLocal.isLinkLocal)
            let forwardingBefore = try inNamespace(lab.host(1)) { try Sysctl.isIPv6Forwarding(on: "eth0") }
            _ = try lab.exec(lab.host(1), ["sysctl", "-q", "-w", "net.ipv6.conf.eth0.forwarding=1"])
            let forwardingAfter = try inNamespace(lab.host(1)) { try Sysctl.isIPv6Forwarding(on: "eth0") }
            #expect(!forwardingBefore)
            #expect(forwardingAfter)
            let info = try Self.addressInfo(lab, host: 1)
            #expect(info.contains { $0.string("local") == linkLocal.description && $0.string("scope") == "link" })
        }

        @Test("add and delete VIPs with label, broadcast and no-DAD; idempotent; seen by ip -j addr")
        func addAndDeleteAddresses() throws {
            let lab = try NamespaceLab(hostCount: 1)
            defer { lab.tearDown() }
            let netlink = try inNamespace(lab.host(1)) { try RouteNetlink() }
            let v4 = IPAddress("192.0.2.100")!
            let v6 = IPAddress("2001:db8::100")!

            #expect(
                try netlink.addAddress(
                    v4, prefixLength: 24, to: "eth0", label: "eth0:vip", broadcast: IPv4Address("192.0.2.255")))
            #expect(try !netlink.addAddress(v4, prefixLength: 24, to: "eth0"))
            #expect(try netlink.addAddress(v6, prefixLength: 64, to: "eth0"))
            #expect(try netlink.addAddress(IPAddress("192.0.2.101")!, prefixLength: 32, to: "eth0", scope: .host))

            var info = try Self.addressInfo(lab, host: 1)
            let added4 = try #require(info.first { $0.string("local") == "192.0.2.100" })
            #expect(added4.int("prefixlen") == 24)
            #expect(added4.string("label") == "eth0:vip")
            #expect(added4.string("broadcast") == "192.0.2.255")
            let added6 = try #require(info.first { $0.string("local") == "2001:db8::100" })
            #expect(added6.int("prefixlen") == 64)
            #expect(added6["nodad"] as? Bool == true)
            #expect(added6["tentative"] == nil)
            #expect(info.first { $0.string("local") == "192.0.2.101" }?.string("scope") == "host")

            let listed = try netlink.addresses(of: "eth0")
            #expect(listed.contains { $0.address == v4 && $0.prefixLength == 24 && $0.label == "eth0:vip" })
            #expect(listed.contains { $0.address == v6 && $0.isNoDAD })

            #expect(try netlink.deleteAddress(v4, prefixLength: 24, from: "eth0"))
            #expect(try !netlink.deleteAddress(v4, prefixLength: 24, from: "eth0"))
            #expect(try netlink.deleteAddress(v6, prefixLength: 64, from: "eth0"))
            info = try Self.addressInfo(lab, host: 1)
            #expect(!info.contains { $0.string("local") == "192.0.2.100" || $0.string("local") == "2001:db8::100" })
            #expect(info.contains { $0.string("local") == lab.ipv4(1) }, "the primary address must stay")
        }

        @Test("events: our add, an operator's ip addr del, link down / up and carrier loss")
        func events() throws {
            let lab = try NamespaceLab(hostCount: 1)
            defer { lab.tearDown() }
            let (netlink, monitor) = try inNamespace(lab.host(1)) { (try RouteNetlink(), try NetlinkEventMonitor()) }
            let vip = IPAddress("192.0.2.100")!

            /// Reads events until one matches, for at most three seconds.
            func expectEvent(_ what: String, _ matches: (NetlinkEvent) -> Bool) throws -> Bool {
                let deadline = ContinuousClock.now + .seconds(3)
                while ContinuousClock.now < deadline {
                    _ = monitor.wait(milliseconds: 100)
                    for event in try monitor.events() where matches(event) { return true }
                }
                Issue.record("no \(what) event within 3 s")
                return false
            }

            try netlink.addAddress(vip, prefixLength: 24, to: "eth0")
            #expect(
                try expectEvent("address added") {
                    if case .addressAdded(let entry) = $0 { return entry.address == vip && entry.prefixLength == 24 }
                    return false
                })
            try lab.ip(lab.host(1), "addr", "del", "192.0.2.100/24", "dev", "eth0")
            #expect(
                try expectEvent("address removed") {
                    if case .addressRemoved(let entry) = $0 { return entry.address == vip }
                    return false
                })
            try lab.ip(lab.host(1), "link", "set", "eth0", "down")
            #expect(
                try expectEvent("link down") {
                    if case .linkChanged(let link) = $0 { return link.name == "eth0" && !link.isUp }
                    return false
                })
            try lab.ip(lab.host(1), "link", "set", "eth0", "up")
            #expect(
                try expectEvent("link up") {
                    if case .linkChanged(let link) = $0 { return link.name == "eth0" && link.isUp && link.hasCarrier }
                    return false
                })
            try lab.ip(lab.bridge, "link", "set", "p1", "down")
            #expect(
                try expectEvent("carrier lost") {
                    if case .linkChanged(let link) = $0 { return link.name == "eth0" && link.isUp && !link.hasCarrier }
                    return false
                })
        }

        @Test("VMAC macvlans get the virtual router MAC and the mode; sysctls as keepalived sets them")
        func virtualMAC() throws {
            let lab = try NamespaceLab(hostCount: 1)
            defer { lab.tearDown() }
            let netlink = try inNamespace(lab.host(1)) { try RouteNetlink() }
            let cases: [(String, UInt8, AddressFamily, MacvlanMode, String, IPv6AddressGenerationMode)] = [
                ("vrrp.51", 51, .ipv4, .private, "private", .none),
                ("vrrp6.52", 52, .ipv6, .bridge, "bridge", .random),
            ]
            for (name, vrid, family, mode, modeName, generation) in cases {
                let mac = MACAddress.virtualRouter(vrid, family: family)
                let created = try netlink.createMacvlan(
                    named: name, on: "eth0", hardwareAddress: mac, mode: mode, ipv6AddressGeneration: generation)
                #expect(created.hardwareAddress == mac)
                #expect(created.macvlanMode == mode)
                #expect(created.kind == "macvlan")
                #expect(created.isUp)
                // Creating it again is fine.
                #expect(
                    try netlink.createMacvlan(
                        named: name, on: "eth0", hardwareAddress: mac, mode: mode, ipv6AddressGeneration: generation
                    ).index
                        == created.index)
                let text = try lab.ip(lab.host(1), "-j", "-d", "link", "show", "dev", name)
                let link = try #require(
                    (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])?.first)
                #expect(link.string("address") == mac.description)
                let info = link["linkinfo"] as? [String: Any]
                #expect(info?["info_kind"] as? String == "macvlan")
                #expect((info?["info_data"] as? [String: Any])?["mode"] as? String == modeName)
                #expect(link.string("inet6_addr_gen_mode") == generation.description)
            }
            // With `random` (FRR's choice) the VMAC gets a link-local address that is not the EUI-64 of the MAC.
            let randomLinkLocal = try Shell.waitUntil(.seconds(3)) {
                try netlink.linkLocalIPv6Address(of: "vrrp6.52") != nil
            }
            #expect(randomLinkLocal)
            #expect(try netlink.linkLocalIPv6Address(of: "vrrp6.52") != IPv6Address("fe80::200:5eff:fe00:234"))
            #expect(try netlink.linkLocalIPv6Address(of: "vrrp.51") == nil, "`none` makes no link-local address")
            #expect(MACAddress.virtualRouter(51, family: .ipv4).description == "00:00:5e:00:01:33")

            let sysctls = VMACSysctls(vmac: "vrrp.51", parent: "eth0")
            let previous = try inNamespace(lab.host(1)) { try sysctls.apply() }
            func read(_ path: String) throws -> String {
                try lab.exec(lab.host(1), ["cat", "/proc/sys/" + path]).stdout
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
            for setting in sysctls.settings { #expect(try read(setting.path) == setting.value, "\(setting.path)") }
            try inNamespace(lab.host(1)) { try VMACSysctls.restore(previous) }
            for setting in previous { #expect(try read(setting.path) == setting.value, "\(setting.path)") }

            #expect(try netlink.deleteLink(named: "vrrp.51"))
            #expect(try !netlink.deleteLink(named: "vrrp.51"))
            #expect(try lab.exec(lab.host(1), ["ip", "link", "show", "dev", "vrrp.51"]).status != 0)
        }

        @Test("a refusal carries the kernel's extended-ack message")
        func kernelMessage() throws {
            let lab = try NamespaceLab(hostCount: 1)
            defer { lab.tearDown() }
            let netlink = try inNamespace(lab.host(1)) { try RouteNetlink() }
            let eth0 = try netlink.interface(named: "eth0")
            // rtnetlink refuses an unknown link kind with EOPNOTSUPP and an extended-ack message.
            let error = try #require(throws: NetlinkError.self) {
                try netlink.newLink(
                    named: "eth0.5", parentIndex: eth0.index, hardwareAddress: nil, kind: "vrrpsw-no-such-kind",
                    macvlanMode: nil, operation: "create link eth0.5", interface: "eth0")
            }
            #expect(error.errno == EOPNOTSUPP)
            #expect(error.kernelMessage == "Unknown device type")
            #expect(error.description.hasSuffix("kernel: Unknown device type)"))
        }
    }
}
