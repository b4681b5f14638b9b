import Glibc
import Logging
import Synchronization
import Testing
import VRRPRuntime
import VRRPStateMachine
import VRRPWire

@Suite("auth_type AH between nodes over in-memory adapters")
struct NodeAuthenticationHeaderTests {
    static let vip = IPAddress.ipv4(IPv4Address(192, 0, 2, 100))

    func node(
        _ host: String, priority: UInt8, address: IPv4Address, password: String, segment: InMemorySegment
    )
        -> VRRPNode
    {
        let router = VirtualRouter.Configuration(
            virtualRouterID: 53, family: .ipv4, version: .v2, priority: priority, advertisementInterval: .oneSecond,
            virtualAddresses: [Self.vip], primaryAddress: nil, interfaceName: "eth0",
            authentication: .ipAuthenticationHeader)
        let instance = NodeConfiguration.Instance(
            name: "VI_1", interface: "eth0", router: router,
            authenticationHeaderKey: AuthenticationData(password: password).octets)
        var logger = Logger(label: "test.\(host)")
        logger.logLevel = .critical
        return VRRPNode(
            configuration: NodeConfiguration(instances: [instance]),
            environment: FakeEnvironment(
                host: host, segment: segment, control: FakeInterfaceControl(primary: .ipv4(address))),
            logger: logger)
    }

    @Test("with one key the higher priority is master and the other stays backup, counting no failure")
    func sameKey() {
        let segment = InMemorySegment()
        let a = NodeThread(
            node("a", priority: 150, address: IPv4Address(192, 0, 2, 1), password: "s3cret", segment: segment))
        let b = NodeThread(
            node("b", priority: 100, address: IPv4Address(192, 0, 2, 2), password: "s3cret", segment: segment))
        defer {
            _ = a.stop()
            _ = b.stop()
        }
        #expect(eventually(.seconds(6)) { a.node.status.first?.state == .master })
        usleep(2_500_000)
        #expect(b.node.status.first?.state == .backup)
        #expect(b.node.status.first?.statistics.authFailures == 0)
        #expect((b.node.status.first?.statistics.advertisementsReceived ?? 0) >= 2)
        // What went on the segment is AH: VRRP auth type 2 inside.
        #expect(
            segment.sent.withLock { $0.allSatisfy { $0.advertisement.authenticationType == .ipAuthenticationHeader } })
    }

    @Test("with different keys each drops the other's adverts, counts auth failures and becomes master")
    func differentKeys() {
        let segment = InMemorySegment()
        let a = NodeThread(
            node("a", priority: 150, address: IPv4Address(192, 0, 2, 1), password: "alpha1", segment: segment))
        let b = NodeThread(
            node("b", priority: 100, address: IPv4Address(192, 0, 2, 2), password: "bravo2", segment: segment))
        defer {
            _ = a.stop()
            _ = b.stop()
        }
        #expect(
            eventually(.seconds(6)) {
                a.node.status.first?.state == .master && b.node.status.first?.state == .master
            })
        #expect(eventually(.seconds(3)) { (b.node.status.first?.statistics.authFailures ?? 0) >= 1 })
        #expect(eventually(.seconds(3)) { (a.node.status.first?.statistics.authFailures ?? 0) >= 1 })
        #expect(b.node.status.first?.statistics.advertisementsReceived == 0)
    }
}
