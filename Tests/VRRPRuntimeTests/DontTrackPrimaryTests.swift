import Glibc
import Logging
import Synchronization
import Testing
import VRRPConfig
import VRRPRuntime
import VRRPStateMachine
import VRRPWire

@Suite("dont_track_primary: the instance's own link state")
struct DontTrackPrimaryTests {
    func node(tracksInterface: Bool, control: FakeInterfaceControl) -> VRRPNode {
        let router = VirtualRouter.Configuration(
            virtualRouterID: 51, family: .ipv4, version: .v3, priority: 150,
            advertisementInterval: AdvertisementInterval(centiseconds: 5),
            virtualAddresses: [.ipv4(IPv4Address(192, 0, 2, 100))], primaryAddress: nil, interfaceName: "eth0")
        var instance = NodeConfiguration.Instance(name: "VI_1", interface: "eth0", router: router)
        instance.tracksInterface = tracksInterface
        var logger = Logger(label: "test.dont-track-primary")
        logger.logLevel = .critical
        return VRRPNode(
            configuration: NodeConfiguration(instances: [instance]),
            environment: FakeEnvironment(host: "a", segment: InMemorySegment(), control: control), logger: logger)
    }

    func settle(_ node: VRRPNode, until condition: (VirtualRouter.State?) -> Bool) -> VirtualRouter.State? {
        for _ in 0..<300 {
            if condition(node.status.first?.state) { break }
            usleep(10_000)
        }
        return node.status.first?.state
    }

    @Test("with its link down, a tracking instance is in Fault and a dont_track_primary one becomes master")
    func linkDown() {
        let control = FakeInterfaceControl(primary: .ipv4(IPv4Address(192, 0, 2, 1)))
        control.linkUp.withLock { $0 = false }
        let tracking = node(tracksInterface: true, control: control)
        let trackingThread = NodeThread(tracking)
        #expect(settle(tracking) { $0 == .fault } == .fault)
        _ = trackingThread.stop()

        let ignoring = node(tracksInterface: false, control: control)
        let ignoringThread = NodeThread(ignoring)
        defer { _ = ignoringThread.stop() }
        #expect(settle(ignoring) { $0 == .master } == .master)
        #expect(ignoring.status.first?.faultCauses.isEmpty == true)
    }

    @Test("keepalived's dont_track_primary converts to an instance that ignores its link state")
    func conversion() throws {
        let text = """
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                priority 150
                dont_track_primary
                virtual_ipaddress { 192.0.2.100 }
            }
            vrrp_instance VI_2 {
                interface eth0
                virtual_router_id 52
                priority 150
                virtual_ipaddress { 192.0.2.101 }
            }
            """
        let loader = KeepalivedConfigLoader(reader: InMemoryConfigReader(["/k.conf": text]), configID: "a")
        let node = try NodeConfiguration(keepalived: loader.load(path: "/k.conf").configuration)
        #expect(node.instances.map(\.tracksInterface) == [false, true])
    }
}
