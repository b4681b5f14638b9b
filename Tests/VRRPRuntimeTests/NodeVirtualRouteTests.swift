import Glibc
import Logging
import Synchronization
import Testing
import VIPNetlink
import VRRPConfig
import VRRPRuntime
import VRRPStateMachine
import VRRPWire

@Suite("virtual routes and rules follow mastership")
struct NodeVirtualRouteTests {
    static let vip = IPAddress.ipv4(IPv4Address(192, 0, 2, 100))
    static let route = KernelRoute(
        family: .ipv4, destination: IPAddress("192.0.2.128"), prefixLength: 25, device: "eth0", metric: 7, table: 100)
    static let otherRoute = KernelRoute(
        family: .ipv4, destination: IPAddress("192.0.2.64"), prefixLength: 26, device: "eth0", table: 100)
    static let rule = KernelRule(family: .ipv4, source: (vip, 32), table: 100, priority: 100)

    static func configuration(
        priority: UInt8, routes: [KernelRoute] = [route], untracked: Bool = false
    ) -> NodeConfiguration {
        let router = VirtualRouter.Configuration(
            virtualRouterID: 51, family: .ipv4, version: .v3, priority: priority,
            advertisementInterval: AdvertisementInterval(centiseconds: 5), virtualAddresses: [vip],
            primaryAddress: nil, interfaceName: "eth0")
        var instance = NodeConfiguration.Instance(
            name: "VI_1", interface: "eth0", router: router, routes: routes, rules: [rule])
        if untracked {
            instance.untrackedRoutes = Set(routes)
            instance.untrackedRules = [rule]
        }
        return NodeConfiguration(instances: [instance])
    }

    static func node(
        _ host: String, priority: UInt8, address: IPv4Address, segment: InMemorySegment, untracked: Bool = false
    ) -> (VRRPNode, FakeInterfaceControl) {
        let control = FakeInterfaceControl(primary: .ipv4(address))
        var logger = Logger(label: "test.\(host)")
        logger.logLevel = .critical
        let node = VRRPNode(
            configuration: configuration(priority: priority, untracked: untracked),
            environment: FakeEnvironment(host: host, segment: segment, control: control), logger: logger)
        return (node, control)
    }

    @Test("the master installs VIP, routes, rules in that order; leaving removes rules, routes, VIP; backup takes over")
    func followMastership() throws {
        let segment = InMemorySegment()
        let (nodeA, controlA) = Self.node("a", priority: 150, address: IPv4Address(192, 0, 2, 1), segment: segment)
        let (nodeB, controlB) = Self.node("b", priority: 100, address: IPv4Address(192, 0, 2, 2), segment: segment)
        let threadA = NodeThread(nodeA)
        let threadB = NodeThread(nodeB)
        defer {
            _ = threadA.stop()
            _ = threadB.stop()
        }
        #expect(eventually { nodeA.status.first?.state == .master })
        #expect(eventually { nodeB.status.first?.state == .backup })
        #expect(controlA.routes.withLock { $0 } == [Self.route])
        #expect(controlA.rules.withLock { $0 } == [Self.rule])
        #expect(controlB.routes.withLock { $0 }.isEmpty && controlB.rules.withLock { $0 }.isEmpty)
        let added = controlA.changes.withLock { $0 }.filter { $0.hasPrefix("add") }
        #expect(added == ["add address 192.0.2.100", "add route \(Self.route)", "add rule \(Self.rule)"])

        #expect(threadA.stop())
        #expect(controlA.routes.withLock { $0 }.isEmpty && controlA.rules.withLock { $0 }.isEmpty)
        let removed = controlA.changes.withLock { $0 }.filter { $0.hasPrefix("remove") }
        // Startup first removes any stale rules and routes (a killed run's), then the release: rules, routes, VIP.
        #expect(
            removed.suffix(3) == [
                "remove rule \(Self.rule)", "remove route \(Self.route)", "remove address 192.0.2.100",
            ])
        #expect(eventually { nodeB.status.first?.state == .master })
        #expect(eventually { controlB.routes.withLock { $0 } == [Self.route] })
        #expect(controlB.rules.withLock { $0 } == [Self.rule])
    }

    @Test("a reload keeps unchanged routes and rules, and swaps a changed route alone")
    func reload() throws {
        let segment = InMemorySegment()
        let (node, control) = Self.node("a", priority: 150, address: IPv4Address(192, 0, 2, 1), segment: segment)
        let thread = NodeThread(node)
        defer { _ = thread.stop() }
        #expect(eventually { node.status.first?.state == .master })
        #expect(eventually { control.rules.withLock { $0 } == [Self.rule] })
        let before = control.changes.withLock { $0 }.count

        node.reload(Self.configuration(priority: 150))
        usleep(200_000)
        #expect(control.changes.withLock { Array($0.dropFirst(before)) }.isEmpty, "an unchanged reload changed routes")

        node.reload(Self.configuration(priority: 150, routes: [Self.otherRoute]))
        #expect(eventually { control.routes.withLock { $0 } == [Self.otherRoute] })
        usleep(100_000)
        #expect(
            control.changes.withLock { Array($0.dropFirst(before)) }
                == ["remove route \(Self.route)", "add route \(Self.otherRoute)"])
        #expect(control.rules.withLock { $0 } == [Self.rule])
        #expect(node.status.first?.state == .master)
    }
}

@Suite("a virtual route or rule deleted behind the master's back")
struct NodeVirtualRouteLostTests {
    typealias Setup = NodeVirtualRouteTests
    /// The route as the kernel reports its deletion: scope, protocol and metric filled in.
    static let reported = KernelRoute(
        family: .ipv4, destination: IPAddress("192.0.2.128"), prefixLength: 25, device: "eth0", metric: 7, table: 100,
        scope: 253)

    /// A lone master with its routes and rules in place, and the lab to drive it.
    static func master(untracked: Bool = false) -> (VRRPNode, FakeInterfaceControl, NodeThread) {
        let (node, control) = Setup.node(
            "a", priority: 150, address: IPv4Address(192, 0, 2, 1), segment: InMemorySegment(), untracked: untracked)
        let thread = NodeThread(node)
        #expect(eventually { node.status.first?.state == .master })
        #expect(eventually { control.rules.withLock { $0 } == [Setup.rule] })
        return (node, control, thread)
    }

    @Test("deleted route: the master goes to BACKUP (rules, routes, VIP off), then takes over again and reinstalls")
    func routeDeleted() throws {
        let (node, control, thread) = Self.master()
        defer { _ = thread.stop() }
        #expect(control.watched.withLock { $0.routes == [.ipv4] && $0.rules == [.ipv4] })
        let before = control.changes.withLock { $0 }.count
        control.routes.withLock { $0.removeAll() }
        control.inject(.routeRemoved(Self.reported))
        #expect(eventually { node.status.first?.lastChange?.to == .backup })
        let change = try #require(node.status.first?.lastChange)
        #expect(change.reason == .virtualRouteLost("route \(Setup.route)"))
        // Alone on the segment, it is master again after a master-down interval, with everything back in order.
        #expect(eventually { control.rules.withLock { $0 } == [Setup.rule] })
        #expect(node.status.first?.state == .master)
        #expect(control.routes.withLock { $0 } == [Setup.route])
        #expect(
            control.changes.withLock { Array($0.dropFirst(before)) } == [
                "remove rule \(Setup.rule)", "remove route \(Setup.route)", "remove address 192.0.2.100",
                "add address 192.0.2.100", "add route \(Setup.route)", "add rule \(Setup.rule)",
            ])
    }

    @Test("deleted rule: the master goes to BACKUP, naming the rule")
    func ruleDeleted() throws {
        let (node, control, thread) = Self.master()
        defer { _ = thread.stop() }
        control.rules.withLock { $0.removeAll() }
        control.inject(.ruleRemoved(Setup.rule))
        #expect(eventually { node.status.first?.lastChange?.to == .backup })
        #expect(node.status.first?.lastChange?.reason == .virtualRouteLost("rule \(Setup.rule)"))
    }

    @Test("events lost: the master reads the kernel; with everything there it stays, with a route gone it steps down")
    func eventsLost() throws {
        let (node, control, thread) = Self.master()
        defer { _ = thread.stop() }
        let before = control.changes.withLock { $0 }.count
        control.inject(.eventsLost)
        usleep(150_000)
        #expect(node.status.first?.state == .master)
        #expect(control.changes.withLock { $0 }.count == before)
        control.routes.withLock { $0.removeAll() }
        control.inject(.eventsLost)
        #expect(eventually { node.status.first?.lastChange?.to == .backup })
        #expect(node.status.first?.lastChange?.reason == .virtualRouteLost("route \(Setup.route)"))
    }

    @Test("no_track entries, another route, or a route the kernel still holds leave the master alone")
    func ignored() throws {
        let (node, control, thread) = Self.master()
        defer { _ = thread.stop() }
        let before = control.changes.withLock { $0 }.count
        var other = Self.reported
        other.metric = 8
        control.inject(.routeRemoved(other))
        // Still in the kernel (a reload swapped it for one with the same key): nothing was lost.
        control.inject(.routeRemoved(Self.reported))
        var otherRule = Setup.rule
        otherRule.priority = 200
        control.inject(.ruleRemoved(otherRule))
        usleep(200_000)
        #expect(node.status.first?.state == .master)
        #expect(control.changes.withLock { $0 }.count == before)

        let (untrackedNode, untrackedControl, untrackedThread) = Self.master(untracked: true)
        defer { _ = untrackedThread.stop() }
        #expect(untrackedControl.watched.withLock { $0.routes.isEmpty && $0.rules.isEmpty })
        untrackedControl.routes.withLock { $0.removeAll() }
        untrackedControl.rules.withLock { $0.removeAll() }
        untrackedControl.inject(.routeRemoved(Self.reported))
        untrackedControl.inject(.ruleRemoved(Setup.rule))
        usleep(200_000)
        #expect(untrackedNode.status.first?.state == .master)
        #expect(untrackedNode.status.first?.lastChange?.reason != .virtualRouteLost("route \(Setup.route)"))
    }
}

@Suite("virtual_routes and virtual_rules to kernel routes and rules")
struct KeepalivedRouteConversionTests {
    @Test(
        "routes keep every core field, take keepalived's protocol; rules without priority count from 16384 per family")
    func conversion() throws {
        let text = """
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                virtual_ipaddress { 192.0.2.100/24 }
                virtual_routes {
                    192.0.2.128/25 src 192.0.2.100 via 192.0.2.254 dev eth0 metric 7 table 100 scope link onlink
                    blackhole 192.0.2.200/32 proto static
                    default6 via 2001:db8::1 dev eth0 table local
                }
                virtual_rules {
                    from 192.0.2.100 table 100
                    to 192.0.2.0/25 fwmark 7/0xff iif eth0 oif eth1 table 101 priority 9
                }
            }
            vrrp_instance VI_2 {
                interface eth0
                virtual_router_id 52
                virtual_ipaddress { 192.0.2.101/24 }
                virtual_rules {
                    from 192.0.2.101 table 102
                    from 2001:db8::101 table 102
                }
            }
            """
        let loader = KeepalivedConfigLoader(
            reader: InMemoryConfigReader(["/etc/keepalived/keepalived.conf": text]), configID: "node")
        let result = loader.load(path: "/etc/keepalived/keepalived.conf")
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty)
        let node = try NodeConfiguration(keepalived: result.configuration)
        let first = try #require(node.instances.first)
        #expect(
            first.routes == [
                KernelRoute(
                    family: .ipv4, destination: IPAddress("192.0.2.128"), prefixLength: 25,
                    source: IPAddress("192.0.2.100"), gateway: IPAddress("192.0.2.254"), device: "eth0", metric: 7,
                    table: 100, scope: 253, protocolNumber: 18, kind: .unicast, onLink: true),
                KernelRoute(
                    family: .ipv4, destination: IPAddress("192.0.2.200"), prefixLength: 32, protocolNumber: 4,
                    kind: .blackhole),
                KernelRoute(
                    family: .ipv6, destination: nil, prefixLength: 0, gateway: IPAddress("2001:db8::1"),
                    device: "eth0", table: 255),
            ])
        #expect(
            first.rules == [
                KernelRule(family: .ipv4, source: (IPAddress("192.0.2.100")!, 32), table: 100, priority: 16384),
                KernelRule(
                    family: .ipv4, destination: (IPAddress("192.0.2.0")!, 25), table: 101, priority: 9,
                    inputInterface: "eth0", outputInterface: "eth1", firewallMark: (7, 0xff)),
            ])
        // One count per family: the second IPv4 rule without priority gets 16383, the first IPv6 one 16384.
        #expect(node.instances.last?.rules.map(\.priority) == [16383, 16384])
        // The blackhole has no dev: keepalived cannot watch it, so it is untracked; the others are tracked.
        #expect(first.untrackedRoutes.map(\.destination) == [IPAddress("192.0.2.200")])
        #expect(first.untrackedRules.isEmpty)
        let warnings = NodeConfiguration.unsupportedFeatures(in: result.configuration)
        #expect(!warnings.contains { $0.contains("virtual route") }, "deletions are watched now: \(warnings)")
    }

    @Test("no_track routes and rules are named as untracked; the others are tracked")
    func untracked() throws {
        let text = """
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                virtual_ipaddress { 192.0.2.100/24 }
                virtual_routes {
                    192.0.2.128/25 dev eth0 no_track
                    192.0.2.64/26 dev eth0
                }
                virtual_rules {
                    from 192.0.2.100 table 100 no_track
                    from 192.0.2.101 table 101
                }
            }
            """
        let loader = KeepalivedConfigLoader(
            reader: InMemoryConfigReader(["/etc/keepalived/keepalived.conf": text]), configID: "node")
        let node = try NodeConfiguration(keepalived: loader.load(path: "/etc/keepalived/keepalived.conf").configuration)
        let instance = try #require(node.instances.first)
        #expect(instance.untrackedRoutes.map(\.destination) == [IPAddress("192.0.2.128")])
        #expect(instance.untrackedRules.map(\.table) == [100])
        #expect(instance.routes.count == 2 && instance.rules.count == 2)
    }

    @Test("a route's dev is tracked with weight 0 unless no_track, once, and never the instance's own interface")
    func routeInterfacesTracked() throws {
        let text = """
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                virtual_ipaddress { 192.0.2.100/24 }
                track_interface { eth3 weight -10 }
                virtual_routes {
                    192.0.2.128/25 dev eth0
                    192.0.2.64/26 dev eth1
                    192.0.2.32/27 dev eth1 metric 5
                    192.0.2.16/28 dev eth2 no_track
                    192.0.2.8/29 dev eth3
                }
            }
            """
        let loader = KeepalivedConfigLoader(
            reader: InMemoryConfigReader(["/etc/keepalived/keepalived.conf": text]), configID: "node")
        let node = try NodeConfiguration(keepalived: loader.load(path: "/etc/keepalived/keepalived.conf").configuration)
        let items = try #require(node.instances.first).router.trackedItems
        #expect(items.map(\.name) == ["interface:eth3", "interface:eth1"])
        #expect(items.first { $0.name == "interface:eth1" }?.weight == 0)
        #expect(items.first { $0.name == "interface:eth3" }?.weight == -10)
    }
}
