import Foundation
import Glibc
import Testing
import VIPNetlink
import VRRPWire

extension LabTests {
    @Suite("VIPNetlink routes and rules against the kernel")
    struct VIPNetlinkRouteLab {
        /// `ip -j ARGS` in a namespace, as objects.
        static func json(_ lab: NamespaceLab, _ arguments: String...) throws -> [[String: Any]] {
            let text = try lab.exec(lab.host(1), ["ip", "-j"] + arguments).stdout
            return try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] ?? []
        }

        @Test("add and delete routes: gateway, table, metric, src, types, IPv6; idempotent; seen by ip -j route")
        func routes() throws {
            let lab = try NamespaceLab(hostCount: 1)
            defer { lab.tearDown() }
            let netlink = try inNamespace(lab.host(1)) { try RouteNetlink() }
            let viaGateway = KernelRoute(
                family: .ipv4, destination: IPAddress("192.0.2.128"), prefixLength: 25,
                source: IPAddress("192.0.2.1"), gateway: IPAddress("192.0.2.254"), device: "eth0", metric: 7,
                table: 100)
            let onLink = KernelRoute(
                family: .ipv4, destination: IPAddress("192.0.2.64"), prefixLength: 26, device: "eth0", table: 100)
            let blackhole = KernelRoute(
                family: .ipv4, destination: IPAddress("192.0.2.200"), prefixLength: 32, table: 100, kind: .blackhole)
            let v6 = KernelRoute(
                family: .ipv6, destination: IPAddress("2001:db8::"), prefixLength: 64, device: "eth0", metric: 9,
                table: 100)
            let defaultRoute = KernelRoute(
                family: .ipv4, destination: nil, prefixLength: 0, gateway: IPAddress("192.0.2.254"), table: 101)
            for route in [viaGateway, onLink, blackhole, v6, defaultRoute] {
                #expect(try netlink.addRoute(route), "first add of \(route)")
                #expect(try !netlink.addRoute(route), "second add of \(route) is a no-op")
            }
            let table = try Self.json(lab, "route", "show", "table", "100")
            let gatewayEntry = try #require(table.first { $0.string("dst") == "192.0.2.128/25" })
            #expect(gatewayEntry.string("gateway") == "192.0.2.254")
            #expect(gatewayEntry.string("dev") == "eth0")
            #expect(gatewayEntry.int("metric") == 7)
            #expect(gatewayEntry.string("prefsrc") == "192.0.2.1")
            #expect(gatewayEntry.string("protocol") == "keepalived")
            let linkEntry = try #require(table.first { $0.string("dst") == "192.0.2.64/26" })
            // No scope given: global, as keepalived installs it (ip -j omits a global scope).
            #expect(linkEntry.string("scope") == nil)
            let holeEntry = try #require(table.first { $0.string("dst") == "192.0.2.200" })
            #expect(holeEntry.string("type") == "blackhole")
            let v6Table = try Self.json(lab, "-6", "route", "show", "table", "100")
            #expect(v6Table.contains { $0.string("dst") == "2001:db8::/64" && $0.int("metric") == 9 })
            let defaults = try Self.json(lab, "route", "show", "table", "101")
            #expect(defaults.contains { $0.string("dst") == "default" && $0.string("gateway") == "192.0.2.254" })

            for route in [viaGateway, onLink, blackhole, v6, defaultRoute] {
                #expect(try netlink.deleteRoute(route), "first delete of \(route)")
                #expect(try !netlink.deleteRoute(route), "second delete of \(route) is a no-op")
            }
            #expect(try Self.json(lab, "route", "show", "table", "100").isEmpty)
            // An operator's route to the same place (protocol boot) is not keepalived's: deleting ours leaves it.
            _ = try lab.exec(lab.host(1), ["ip", "route", "add", "192.0.2.64/26", "dev", "eth0", "table", "100"])
            #expect(try !netlink.deleteRoute(onLink))
            #expect(
                try Self.json(lab, "route", "show", "table", "100").contains { $0.string("dst") == "192.0.2.64/26" })
            _ = try lab.exec(lab.host(1), ["ip", "route", "del", "192.0.2.64/26", "dev", "eth0", "table", "100"])
            #expect(try Self.json(lab, "-6", "route", "show", "table", "100").isEmpty)
            #expect(try Self.json(lab, "route", "show", "table", "101").isEmpty)
            let main = try Self.json(lab, "route", "show")
            #expect(main.contains { $0.string("dst") == "192.0.2.0/24" }, "the connected route must stay")
        }

        @Test("route errors name the route and the cause")
        func routeErrors() throws {
            let lab = try NamespaceLab(hostCount: 1)
            defer { lab.tearDown() }
            let netlink = try inNamespace(lab.host(1)) { try RouteNetlink() }
            let offLink = KernelRoute(
                family: .ipv4, destination: IPAddress("192.0.2.128"), prefixLength: 25,
                gateway: IPAddress("2001:db8::1"))
            #expect {
                try netlink.addRoute(offLink)
            } throws: { error in
                "\(error)".contains("add route 192.0.2.128/25 via 2001:db8::1") && "\(error)".contains("is not IPv4")
            }
            let missingDevice = KernelRoute(
                family: .ipv4, destination: IPAddress("192.0.2.128"), prefixLength: 25, device: "eth9")
            #expect {
                try netlink.addRoute(missingDevice)
            } throws: { error in
                "\(error)".contains("add route 192.0.2.128/25 dev eth9")
                    && "\(error)".contains("no interface named eth9")
            }
            let unreachableGateway = KernelRoute(
                family: .ipv4, destination: IPAddress("192.0.2.128"), prefixLength: 25,
                gateway: IPAddress("203.0.113.1"), device: "eth0")
            #expect {
                try netlink.addRoute(unreachableGateway)
            } throws: { error in
                guard let error = error as? NetlinkError else { return false }
                return error.errno == ENETUNREACH && error.operation.contains("via 203.0.113.1")
            }
        }

        @Test("add and delete rules: from, to, iif, oif, fwmark, priority; idempotent; seen by ip -j rule")
        func rules() throws {
            let lab = try NamespaceLab(hostCount: 1)
            defer { lab.tearDown() }
            let netlink = try inNamespace(lab.host(1)) { try RouteNetlink() }
            let fromVIP = KernelRule(
                family: .ipv4, source: (IPAddress("192.0.2.100")!, 32), table: 100, priority: 100)
            let detailed = KernelRule(
                family: .ipv4, destination: (IPAddress("192.0.2.128")!, 25), table: 1000, priority: 101,
                inputInterface: "eth0", outputInterface: "lo", firewallMark: (0x10, 0xff))
            let v6 = KernelRule(family: .ipv6, source: (IPAddress("2001:db8::100")!, 128), table: 100, priority: 102)
            for rule in [fromVIP, detailed, v6] {
                #expect(try netlink.addRule(rule), "first add of \(rule)")
                #expect(try !netlink.addRule(rule), "second add of \(rule) is a no-op")
            }
            let listed = try Self.json(lab, "rule", "show")
            let first = try #require(listed.first { $0.int("priority") == 100 })
            #expect(first.string("src") == "192.0.2.100" && first.string("table") == "100")
            #expect(first.string("protocol") == "keepalived")
            let second = try #require(listed.first { $0.int("priority") == 101 })
            #expect(second.string("dst") == "192.0.2.128" && second.int("dstlen") == 25)
            #expect(second.string("iif") == "eth0" && second.string("oif") == "lo")
            #expect(second.string("fwmark") == "0x10" && second.string("fwmask") == "0xff")
            #expect(second.string("table") == "1000")
            let listed6 = try Self.json(lab, "-6", "rule", "show")
            #expect(listed6.contains { $0.int("priority") == 102 && $0.string("src") == "2001:db8::100" })
            for rule in [fromVIP, detailed, v6] {
                #expect(try netlink.deleteRule(rule), "first delete of \(rule)")
                #expect(try !netlink.deleteRule(rule), "second delete of \(rule) is a no-op")
            }
            // An operator's rule that looks the same but is not keepalived's is never deleted.
            _ = try lab.exec(lab.host(1), ["ip", "rule", "add", "from", "192.0.2.100", "table", "100", "pref", "100"])
            #expect(try !netlink.deleteRule(fromVIP))
            #expect(try Self.json(lab, "rule", "show").contains { $0.int("priority") == 100 })
            _ = try lab.exec(lab.host(1), ["ip", "rule", "del", "pref", "100"])
            let after = try Self.json(lab, "rule", "show")
            #expect(!after.contains { [100, 101].contains($0.int("priority")) })
            #expect(after.contains { $0.string("table") == "main" }, "the kernel's own rules must stay")
            #expect(!(try Self.json(lab, "-6", "rule", "show")).contains { $0.int("priority") == 102 })
        }
    }
}
