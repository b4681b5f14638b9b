import Glibc
import Logging
import Synchronization
import Testing
import VRRPConfig
import VRRPRuntime
import VRRPStateMachine
import VRRPWire

/// A node running a keepalived.conf unicast instance without `interface`: it runs on the default interface, waits
/// in FAULT while that interface does not exist and becomes master once it appears.
@Suite("A node on the default interface")
struct NodeDefaultInterfaceTests {
    static let text = """
        global_defs {
            default_interface lan0
        }
        vrrp_instance VI_1 {
            virtual_router_id 51
            priority 150
            version 3
            advert_int 0.05
            unicast_src_ip 192.0.2.1
            unicast_peer {
                192.0.2.2
            }
            virtual_ipaddress {
                192.0.2.100/24
            }
        }
        """

    func settle(_ node: VRRPNode, until condition: (VirtualRouter.State?) -> Bool) -> VirtualRouter.State? {
        for _ in 0..<300 {
            if condition(node.status.first?.state) { break }
            usleep(10_000)
        }
        return node.status.first?.state
    }

    @Test("missing at start: FAULT on lan0 without the VIP; lan0 appears: MASTER with the VIP")
    func missingThenPresent() throws {
        let loader = KeepalivedConfigLoader(reader: InMemoryConfigReader(["/k.conf": Self.text]), configID: "a")
        let configuration = try NodeConfiguration(keepalived: loader.load(path: "/k.conf").configuration)
        #expect(configuration.instances.map(\.interface) == ["lan0"])
        let control = FakeInterfaceControl(primary: .ipv4(IPv4Address(192, 0, 2, 1)))
        control.linkUp.withLock { $0 = nil }
        var logger = Logger(label: "test.default-interface")
        logger.logLevel = .critical
        let node = VRRPNode(
            configuration: configuration,
            environment: FakeEnvironment(host: "a", segment: InMemorySegment(), control: control), logger: logger)
        let thread = NodeThread(node)
        defer { _ = thread.stop() }
        #expect(settle(node) { $0 == .fault } == .fault)
        usleep(300_000)  // several Master_Down_Intervals (0.15 s + skew): still FAULT, no VIP
        #expect(node.status.first?.state == .fault)
        #expect(control.held.withLock { $0.isEmpty })
        #expect(control.askedLinks.withLock { $0.contains("lan0") && !$0.contains("eth0") })

        control.linkUp.withLock { $0 = true }
        control.inject(.link(interface: "lan0", isUp: true))
        #expect(settle(node) { $0 == .master } == .master)
        #expect(control.held.withLock { $0 } == [.ipv4(IPv4Address(192, 0, 2, 100))])
    }
}
