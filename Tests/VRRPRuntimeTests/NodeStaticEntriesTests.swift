import Glibc
import Logging
import Synchronization
import Testing
import VIPNetlink
import VRRPConfig
import VRRPRuntime
import VRRPStateMachine
import VRRPWire

@Suite("static addresses, routes and rules stay in place while the node runs")
struct NodeStaticEntriesTests {
    typealias Setup = NodeVirtualRouteTests
    static let address = ConfiguredAddress(IPAddress("192.0.2.50")!, prefixLength: 24, device: "eth0")
    static let untrackedAddress = ConfiguredAddress(
        IPAddress("192.0.2.51")!, prefixLength: 24, device: "eth0", noTrack: true)
    static let route = KernelRoute(
        family: .ipv4, destination: IPAddress("192.0.2.192"), prefixLength: 26, device: "eth0", table: 100)
    static let rule = KernelRule(family: .ipv4, source: (IPAddress("192.0.2.50")!, 32), table: 100, priority: 200)
    static let entries = StaticEntries(addresses: [address, untrackedAddress], routes: [route], rules: [rule])

    /// A node at priority 100 whose instance a better master keeps in BACKUP, with the static entries; the
    /// master's thread comes last, for the test to stop once it is done.
    static func backupNode(
        _ entries: StaticEntries = entries
    ) -> (VRRPNode, FakeInterfaceControl, NodeThread, NodeThread) {
        let segment = InMemorySegment()
        let (master, _) = Setup.node("m", priority: 150, address: IPv4Address(192, 0, 2, 9), segment: segment)
        let masterThread = NodeThread(master)
        #expect(eventually { master.status.first?.state == .master })
        let control = FakeInterfaceControl(primary: .ipv4(IPv4Address(192, 0, 2, 1)))
        var configuration = Setup.configuration(priority: 100, routes: [])
        configuration.staticEntries = entries
        var logger = Logger(label: "test.static")
        logger.logLevel = .critical
        let node = VRRPNode(
            configuration: configuration,
            environment: FakeEnvironment(host: "a", segment: segment, control: control), logger: logger)
        let thread = NodeThread(node)
        #expect(eventually { node.status.first?.state == .backup })
        return (node, control, thread, masterThread)
    }

    @Test("installed at startup in BACKUP, addresses first and rules last; removed at stop, rules first")
    func startAndStop() throws {
        let (_, control, thread, masterThread) = Self.backupNode()
        defer { _ = masterThread.stop() }
        #expect(control.held.withLock { $0 } == [Self.address.address, Self.untrackedAddress.address])
        #expect(control.routes.withLock { $0 } == [Self.route] && control.rules.withLock { $0 } == [Self.rule])
        #expect(
            control.changes.withLock { $0 }.filter { $0.hasPrefix("add") } == [
                "add address 192.0.2.50", "add address 192.0.2.51", "add route \(Self.route)", "add rule \(Self.rule)",
            ])
        #expect(thread.stop())
        #expect(control.held.withLock { $0 }.isEmpty)
        #expect(control.routes.withLock { $0 }.isEmpty && control.rules.withLock { $0 }.isEmpty)
        #expect(
            control.changes.withLock { $0 }.suffix(4) == [
                "remove rule \(Self.rule)", "remove route \(Self.route)", "remove address 192.0.2.50",
                "remove address 192.0.2.51",
            ])
    }

    @Test("deleted by someone: tracked entries go back at once, no_track ones stay gone; the instance stays BACKUP")
    func reinstated() throws {
        let (node, control, thread, masterThread) = Self.backupNode()
        defer {
            _ = thread.stop()
            _ = masterThread.stop()
        }
        control.held.withLock { $0.removeAll() }
        control.routes.withLock { $0.removeAll() }
        control.rules.withLock { $0.removeAll() }
        control.inject(.addressRemoved(interface: "eth0", address: Self.address.address))
        control.inject(.addressRemoved(interface: "eth0", address: Self.untrackedAddress.address))
        control.inject(.routeRemoved(Self.route))
        control.inject(.ruleRemoved(Self.rule))
        #expect(eventually { control.rules.withLock { $0 } == [Self.rule] })
        #expect(control.held.withLock { $0 } == [Self.address.address])
        #expect(control.routes.withLock { $0 } == [Self.route])
        #expect(node.status.first?.state == .backup)
        // The same address deleted from another interface is not ours.
        control.held.withLock { $0.removeAll() }
        control.inject(.addressRemoved(interface: "eth1", address: Self.address.address))
        usleep(100_000)
        #expect(control.held.withLock { $0 }.isEmpty)
    }

    @Test("events lost: missing tracked static entries go back without waiting for an event; no_track ones do not")
    func eventsLost() throws {
        let (_, control, thread, masterThread) = Self.backupNode()
        defer {
            _ = thread.stop()
            _ = masterThread.stop()
        }
        control.held.withLock { $0.removeAll() }
        control.rules.withLock { $0.removeAll() }
        control.inject(.eventsLost)
        #expect(eventually { control.rules.withLock { $0 } == [Self.rule] })
        #expect(control.held.withLock { $0 } == [Self.address.address])
    }

    @Test("a reload removes what the file dropped and installs what it added, leaving the rest alone")
    func reload() throws {
        let (node, control, thread, masterThread) = Self.backupNode()
        defer {
            _ = thread.stop()
            _ = masterThread.stop()
        }
        let before = control.changes.withLock { $0 }.count
        let other = ConfiguredAddress(IPAddress("192.0.2.52")!, prefixLength: 24, device: "eth0")
        var configuration = Setup.configuration(priority: 100, routes: [])
        configuration.staticEntries = StaticEntries(addresses: [Self.address, other], routes: [Self.route])
        node.reload(configuration)
        #expect(eventually { control.held.withLock { $0 }.contains(other.address) })
        usleep(100_000)
        #expect(
            control.changes.withLock { Array($0.dropFirst(before)) } == [
                "remove rule \(Self.rule)", "remove address 192.0.2.51", "add address 192.0.2.52",
            ])
        // The instance has no virtual routes: IPv4 routes are watched for the static one.
        #expect(control.watched.withLock { $0.routes } == [.ipv4])
    }

    @Test("from keepalived.conf: addresses with their dev, routes without dev untracked, rules numbered first")
    func conversion() throws {
        let text = """
            static_ipaddress {
                192.0.2.50/24 dev eth0 scope link
            }
            static_routes {
                192.0.2.192/26 dev eth0 table 100
                192.0.2.128/26 via 192.0.2.254 table 100
            }
            static_rules {
                from 192.0.2.50 table 100
            }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                virtual_ipaddress { 192.0.2.100/24 }
                virtual_rules { from 192.0.2.100 table 101 }
            }
            """
        let loader = KeepalivedConfigLoader(
            reader: InMemoryConfigReader(["/etc/keepalived/keepalived.conf": text]), configID: "node")
        let node = try NodeConfiguration(keepalived: loader.load(path: "/etc/keepalived/keepalived.conf").configuration)
        let entries = node.staticEntries
        #expect(entries.addresses.map(\.device) == ["eth0"] && entries.addresses.first?.scope == 253)
        #expect(entries.routes.count == 2)
        #expect(entries.untrackedRoutes.map(\.destination) == [IPAddress("192.0.2.128")])
        #expect(entries.rules.map(\.priority) == [16384])
        #expect(node.instances.first?.rules.map(\.priority) == [16383])
        #expect(
            !NodeConfiguration.unsupportedFeatures(
                in: loader.load(path: "/etc/keepalived/keepalived.conf")
                    .configuration
            ).contains { $0.contains("static") })
    }
}
