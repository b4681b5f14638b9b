import Glibc
import Logging
import Synchronization
import Testing
import VRRPRuntime
import VRRPSocket
import VRRPStateMachine
import VRRPWire

/// The node hands each packet's kernel arrival time to its router, so a backup's master-down timer runs from
/// when the master's advert reached the host, not from when the loop got to it.
@Suite("a node runs the master-down timer from an advert's arrival")
struct NodeArrivalTimeTests {
    static func monotonicNow() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// An advert of priority 200 from 192.0.2.9 as a socket would hand it over.
    static func packet(arrival: Int64?) throws -> ReceivedPacket {
        let advert = Advertisement(
            version: .v3, virtualRouterID: 51, priority: 200, addresses: .ipv4([IPv4Address(192, 0, 2, 100)]))
        let source = IPv4Address(192, 0, 2, 9)
        let bytes = try advert.encoded(endpoints: .ipv4(source: source, destination: .vrrpMulticast))
        return ReceivedPacket(
            source: .ipv4(source), destination: .ipv4(.vrrpMulticast), ttl: 255, interfaceIndex: 2, payload: bytes,
            arrival: arrival)
    }

    @Test("the timer and the last-advert time come from the packet's arrival; without one, from the read")
    func timerFromArrival() async throws {
        let segment = InMemorySegment()
        let router = VirtualRouter.Configuration(
            virtualRouterID: 51, family: .ipv4, version: .v3, priority: 100,
            advertisementInterval: .oneSecond, virtualAddresses: [.ipv4(IPv4Address(192, 0, 2, 100))],
            primaryAddress: nil, interfaceName: "eth0")
        let configuration = NodeConfiguration(
            instances: [NodeConfiguration.Instance(name: "VI_1", interface: "eth0", router: router)])
        var logger = Logger(label: "test.arrival")
        logger.logLevel = .critical
        let control = FakeInterfaceControl(primary: .ipv4(IPv4Address(192, 0, 2, 2)))
        let node = VRRPNode(
            configuration: configuration,
            environment: FakeEnvironment(host: "b", segment: segment, control: control), logger: logger)
        let thread = NodeThread(node)
        defer { _ = thread.stop() }
        #expect(await OperatorTestNodes.eventually { node.freshStatus().first?.state == .backup })
        let transport = try #require(segment.transports.withLock { $0.first { $0.host == "b" }?.transport })
        // Priority 100 at 1 s: Master_Down_Interval 3.609375 s.
        let masterDown: Int64 = 3_609_375_000

        let arrival = Self.monotonicNow() - 200_000_000
        transport.deliver(try Self.packet(arrival: arrival))
        #expect(await OperatorTestNodes.eventually { node.freshStatus().first?.lastMasterAdvertisement == arrival })
        let status = try #require(node.freshStatus().first)
        #expect(status.currentMaster == .ipv4(IPv4Address(192, 0, 2, 9)))
        #expect(status.masterDownTimer == arrival + masterDown)

        let delivered = Self.monotonicNow()
        transport.deliver(try Self.packet(arrival: nil))
        #expect(
            await OperatorTestNodes.eventually { (node.freshStatus().first?.lastMasterAdvertisement ?? 0) >= delivered }
        )
        let timer = try #require(node.freshStatus().first?.masterDownTimer)
        #expect(timer >= delivered + masterDown)
        #expect(node.freshStatus().first?.state == .backup)
    }
}
