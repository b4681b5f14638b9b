import Glibc
import Logging
import ServiceLifecycle
import Synchronization
import Testing
import VRRPRuntime
import VRRPStateMachine
import VRRPWire

@Suite("a node over in-memory adapters")
struct NodeFailoverTests {
    static let vip = IPAddress.ipv4(IPv4Address(192, 0, 2, 100))

    func node(
        _ host: String, priority: UInt8, address: IPv4Address, segment: InMemorySegment
    )
        throws -> (VRRPNode, FakeInterfaceControl)
    {
        let router = VirtualRouter.Configuration(
            virtualRouterID: 51, family: .ipv4, version: .v3, priority: priority,
            advertisementInterval: AdvertisementInterval(centiseconds: 5), virtualAddresses: [Self.vip],
            primaryAddress: nil, interfaceName: "eth0")
        let configuration = NodeConfiguration(
            instances: [NodeConfiguration.Instance(name: "VI_1", interface: "eth0", router: router)])
        let control = FakeInterfaceControl(primary: .ipv4(address))
        var logger = Logger(label: "test.\(host)")
        logger.logLevel = .critical
        let node = VRRPNode(
            configuration: configuration,
            environment: FakeEnvironment(host: host, segment: segment, control: control), logger: logger)
        return (node, control)
    }

    @Test("the higher priority becomes master and holds the VIP; stopping it hands over to the backup")
    func electionAndHandover() throws {
        let segment = InMemorySegment()
        let (nodeA, controlA) = try node("a", priority: 150, address: IPv4Address(192, 0, 2, 1), segment: segment)
        let (nodeB, controlB) = try node("b", priority: 100, address: IPv4Address(192, 0, 2, 2), segment: segment)
        let threadA = NodeThread(nodeA)
        let threadB = NodeThread(nodeB)
        defer {
            _ = threadA.stop()
            _ = threadB.stop()
        }
        #expect(eventually { nodeA.status.first?.state == .master })
        #expect(eventually { nodeB.status.first?.state == .backup })
        #expect(controlA.held.withLock { $0 } == [Self.vip])
        #expect(controlB.held.withLock { $0 }.isEmpty)
        #expect(segment.announcements.withLock { $0.contains { $0.host == "a" && $0.address == Self.vip } })

        // A graceful stop: priority 0, VIP removed, and B takes over within Skew_Time plus scheduling slack.
        #expect(threadA.stop())
        #expect(threadA.error == nil)
        #expect(controlA.held.withLock { $0 }.isEmpty)
        let releases = segment.sent.withLock { $0.filter { $0.from == "a" && $0.advertisement.priority == 0 } }
        #expect(releases.count == 1)
        #expect(eventually { nodeB.status.first?.state == .master })
        #expect(controlB.held.withLock { $0 } == [Self.vip])
        let firstB = segment.sent.withLock { $0.first { $0.from == "b" && $0.advertisement.priority == 100 } }
        if let release = releases.first, let firstB {
            // Skew_Time for priority 100 at 50 ms: (256 − 100) × 5 cs / 256 = 30.47 ms.
            #expect(firstB.at - release.at < .milliseconds(250), "takeover took \(firstB.at - release.at)")
        }
    }

    @Test("a run that is asked to stop before it has started still returns, and a node runs only once")
    func runOnce() throws {
        let segment = InMemorySegment()
        let (node, _) = try node("c", priority: 100, address: IPv4Address(192, 0, 2, 3), segment: segment)
        let thread = NodeThread(node)
        #expect(thread.stop())
        #expect(throws: RuntimeError.self) { try node.runOnCurrentThread() }
    }
}

@Suite("a node as a swift-service-lifecycle service")
struct NodeServiceTests {
    @Test("graceful shutdown of the service group stops the node; a master releases its VIP first")
    func gracefulShutdown() async throws {
        let segment = InMemorySegment()
        let router = VirtualRouter.Configuration(
            virtualRouterID: 9, family: .ipv4, version: .v3, priority: 255,
            advertisementInterval: AdvertisementInterval(centiseconds: 5),
            virtualAddresses: [.ipv4(IPv4Address(192, 0, 2, 9))], primaryAddress: nil, interfaceName: "eth0")
        let control = FakeInterfaceControl(primary: .ipv4(IPv4Address(192, 0, 2, 9)))
        var logger = Logger(label: "test.service")
        logger.logLevel = .critical
        let node = VRRPNode(
            configuration: NodeConfiguration(
                instances: [NodeConfiguration.Instance(name: "owner", interface: "eth0", router: router)]),
            environment: FakeEnvironment(host: "s", segment: segment, control: control), logger: logger)
        let group = ServiceGroup(services: [node], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            // The owner (priority 255) is master at once.
            var changes = node.stateChanges.makeAsyncIterator()
            var sawMaster = false
            while let change = await changes.next() {
                if change.to == .master {
                    sawMaster = true
                    break
                }
            }
            #expect(sawMaster)
            #expect(control.held.withLock { $0 } == [.ipv4(IPv4Address(192, 0, 2, 9))])
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(control.held.withLock { $0 }.isEmpty)
        #expect(segment.sent.withLock { $0.last?.advertisement.priority } == 0)
    }
}
