import Foundation
import Glibc
import Logging
import Synchronization
import VRRPRuntime
import VRRPStateMachine
import VRRPWire

/// Two in-memory nodes for the operations tests: a (priority 150, one tracked script of weight −20 that starts
/// down, so effective 130) and b (priority 100), both VRRPv3 at 50 ms on VRID 51 with one VIP.
final class OperatorTestNodes: @unchecked Sendable {
    static let vip = IPAddress.ipv4(IPv4Address(192, 0, 2, 100))
    let segment = InMemorySegment()
    let nodeA: VRRPNode
    let nodeB: VRRPNode
    let controlA: FakeInterfaceControl
    let controlB: FakeInterfaceControl
    let threadA: NodeThread
    let threadB: NodeThread

    init() throws {
        (nodeA, controlA) = Self.node(
            "a", priority: 150, address: IPv4Address(192, 0, 2, 1), segment: segment,
            tracked: [TrackedItem(name: TrackedName.script("chk_web"), weight: -20, initiallyUp: false)])
        (nodeB, controlB) = Self.node("b", priority: 100, address: IPv4Address(192, 0, 2, 2), segment: segment)
        threadA = NodeThread(nodeA)
        threadB = NodeThread(nodeB)
    }

    deinit {
        _ = threadA.stop()
        _ = threadB.stop()
    }

    /// The configuration of one test node.
    static func configuration(priority: UInt8, tracked: [TrackedItem] = []) -> NodeConfiguration {
        var router = VirtualRouter.Configuration(
            virtualRouterID: 51, family: .ipv4, version: .v3, priority: priority,
            advertisementInterval: AdvertisementInterval(centiseconds: 5), virtualAddresses: [vip],
            primaryAddress: nil, interfaceName: "eth0")
        router.trackedItems = tracked
        return NodeConfiguration(
            instances: [NodeConfiguration.Instance(name: "VI_1", interface: "eth0", router: router)])
    }

    static func node(
        _ host: String, priority: UInt8, address: IPv4Address, segment: InMemorySegment, tracked: [TrackedItem] = []
    ) -> (VRRPNode, FakeInterfaceControl) {
        let configuration = configuration(priority: priority, tracked: tracked)
        let control = FakeInterfaceControl(primary: .ipv4(address))
        var logger = Logger(label: "test.\(host)")
        logger.logLevel = .critical
        let node = VRRPNode(
            configuration: configuration,
            environment: FakeEnvironment(host: host, segment: segment, control: control), logger: logger)
        return (node, control)
    }

    /// Polls a condition every 5 ms for at most `timeout`, sleeping without holding a thread of the shared pool
    /// (tests run in parallel on few cores).
    static func eventually(_ timeout: Duration = .seconds(3), _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return condition()
    }

    /// The status document of a node, with the fake interface's addresses as the kernel's view.
    static func document(_ node: VRRPNode, _ control: FakeInterfaceControl) -> StatusDocument {
        StatusDocument(
            statuses: node.status, presentAddresses: control.held.withLock { $0 },
            monotonicNow: monotonicNow(), wallNow: Date(), pid: Int(getpid()))
    }

    static func monotonicNow() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    /// A unique socket path under /tmp (short enough for sun_path).
    static func socketPath(_ tag: String) -> String {
        "/tmp/vrrpsw-op-\(tag)-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock"
    }
}
