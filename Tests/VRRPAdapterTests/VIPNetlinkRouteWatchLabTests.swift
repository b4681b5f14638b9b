import Glibc
import Testing
import VIPNetlink
import VRRPWire

extension LabTests {
    @Suite("VIPNetlink lists routes and rules and reports their deletion")
    struct VIPNetlinkRouteWatchLab {
        static let route = KernelRoute(
            family: .ipv4, destination: IPAddress("192.0.2.128"), prefixLength: 25, gateway: IPAddress("192.0.2.254"),
            device: "eth0", metric: 7, table: 100)
        static let route6 = KernelRoute(
            family: .ipv6, destination: IPAddress("2001:db8::"), prefixLength: 64, device: "eth0", table: 100)
        static let rule = KernelRule(
            family: .ipv4, source: (IPAddress("192.0.2.100")!, 32), table: 100, priority: 100,
            firewallMark: (0x10, nil))

        /// Reads the monitor's events for at most two seconds, until `stop` says enough.
        static func collect(
            _ monitor: NetlinkEventMonitor, until stop: ([NetlinkEvent]) -> Bool
        ) throws
            -> [NetlinkEvent]
        {
            var events: [NetlinkEvent] = []
            let deadline = ContinuousClock.now + .seconds(2)
            while ContinuousClock.now < deadline, !stop(events) {
                _ = monitor.wait(milliseconds: 50)
                events += try monitor.events()
            }
            return events
        }

        @Test("listed routes and rules match what was added, with the kernel's defaults filled in")
        func listing() throws {
            let lab = try NamespaceLab(hostCount: 1)
            defer { lab.tearDown() }
            let netlink = try inNamespace(lab.host(1)) { try RouteNetlink() }
            try netlink.addRoute(Self.route)
            try netlink.addRoute(Self.route6)
            try netlink.addRule(Self.rule)
            let routes = try netlink.routes(family: .ipv4)
            let listed = try #require(routes.first { Self.route.matches($0) })
            #expect(listed.device == "eth0" && listed.gateway == IPAddress("192.0.2.254"))
            #expect(listed.protocolNumber == KernelRoute.keepalivedProtocol && listed.scope == 0)
            // The IPv6 route was added without a metric: the kernel reports 1024, which a nil metric stands for.
            let routes6 = try netlink.routes(family: .ipv6)
            #expect(routes6.first { Self.route6.matches($0) }?.metric == 1024)
            // Another metric, table or device is another route.
            var other = Self.route
            other.metric = 8
            #expect(!routes.contains { other.matches($0) })
            other = Self.route
            other.device = "lo"
            #expect(!routes.contains { other.matches($0) })
            let rules = try netlink.rules(family: .ipv4)
            let listedRule = try #require(rules.first { Self.rule.matches($0) })
            // No mask given is all bits, as the kernel reports it.
            #expect(listedRule.firewallMark?.mark == 0x10 && listedRule.firewallMark?.mask == 0xffff_ffff)
            #expect(rules.contains { $0.priority == 32766 && $0.table == 254 }, "the kernel's main rule is listed")
        }

        @Test("a watched route or rule deleted by ip is reported once with what identifies it; unwatched, nothing")
        func deletions() throws {
            let lab = try NamespaceLab(hostCount: 1)
            defer { lab.tearDown() }
            let (netlink, monitor) = try inNamespace(lab.host(1)) { (try RouteNetlink(), try NetlinkEventMonitor()) }
            try netlink.addRoute(Self.route)
            try netlink.addRule(Self.rule)
            try monitor.watchRoutes([.ipv4])
            try monitor.watchRules([.ipv4])
            let eth0 = try netlink.interface(named: "eth0").index

            try lab.ip(lab.host(1), "route", "del", "192.0.2.128/25", "table", "100")
            let removed = try Self.collect(monitor) {
                $0.contains { if case .routeRemoved = $0 { return true } else { return false } }
            }
            let routes = removed.compactMap { event -> KernelRoute? in
                guard case .routeRemoved(var route, let index) = event, index == eth0 else { return nil }
                route.device = "eth0"
                return route
            }
            #expect(routes.count == 1 && routes.allSatisfy { Self.route.matches($0) }, "\(removed)")

            try lab.ip(lab.host(1), "rule", "del", "pref", "100")
            let removedRules = try Self.collect(monitor) {
                $0.contains { if case .ruleRemoved = $0 { return true } else { return false } }
            }
            #expect(
                removedRules.contains {
                    guard case .ruleRemoved(let rule, let protocolNumber) = $0 else { return false }
                    return Self.rule.matches(rule) && protocolNumber == KernelRoute.keepalivedProtocol
                }, "\(removedRules)")

            // Adding is not reported; once the groups are left, deleting is not either.
            try netlink.addRoute(Self.route)
            try monitor.watchRoutes([])
            try monitor.watchRules([])
            try netlink.addRule(Self.rule)
            try lab.ip(lab.host(1), "route", "del", "192.0.2.128/25", "table", "100")
            try lab.ip(lab.host(1), "rule", "del", "pref", "100")
            let quiet = try Self.collect(monitor) { _ in false }
            #expect(
                !quiet.contains {
                    switch $0 {
                    case .routeRemoved, .ruleRemoved: true
                    case .linkChanged, .linkRemoved, .addressAdded, .addressRemoved, .overrun: false
                    }
                }, "\(quiet)")
        }
    }
}
