import Foundation
import Glibc
import Logging
import Prometheus
import Synchronization
import Testing
import VRRPRuntime
import VRRPStateMachine
import VRRPWire

@Suite("track_file in a running node over in-memory adapters")
struct NodeTrackFileTests {
    static let vip = IPAddress.ipv4(IPv4Address(192, 0, 2, 100))

    func makeDirectory() throws -> String {
        var template = Array("/tmp/vrrpsw-tf-node-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        return try #require(made.map { String(cString: $0) })
    }

    func write(_ path: String, _ text: String) throws {
        // Written beside the file and renamed over it: the way a careful writer updates it.
        let staging = path + ".new"
        let descriptor = open(staging, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(descriptor >= 0)
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        try #require(written == bytes.count)
        try #require(rename(staging, path) == 0)
    }

    func configuration(priority: UInt8, weight: Int, file: NodeConfiguration.TrackedFile) -> NodeConfiguration {
        let router = VirtualRouter.Configuration(
            virtualRouterID: 51, family: .ipv4, version: .v3, priority: priority,
            advertisementInterval: AdvertisementInterval(centiseconds: 5), virtualAddresses: [Self.vip],
            primaryAddress: nil, interfaceName: "eth0",
            trackedItems: [TrackedItem(valueNamed: TrackedName.file(file.name), weight: weight)])
        return NodeConfiguration(
            instances: [NodeConfiguration.Instance(name: "VI_1", interface: "eth0", router: router)], files: [file])
    }

    func node(
        priority: UInt8, weight: Int, file: NodeConfiguration.TrackedFile, segment: InMemorySegment
    ) throws -> VRRPNode {
        let configuration = configuration(priority: priority, weight: weight, file: file)
        var logger = Logger(label: "test.trackfile")
        logger.logLevel = .critical
        let control = FakeInterfaceControl(primary: .ipv4(IPv4Address(192, 0, 2, 1)))
        return VRRPNode(
            configuration: configuration,
            environment: FakeEnvironment(host: "a", segment: segment, control: control), logger: logger)
    }

    @Test("init_file at startup, then 6 × −10 takes 60 off the advertised priority; deleting restores it")
    func priorityFollowsTheFile() throws {
        let directory = try makeDirectory()
        let path = directory + "/maint"
        defer {
            unlink(path)
            rmdir(directory)
        }
        let segment = InMemorySegment()
        let node = try node(
            priority: 150, weight: -10,
            file: NodeConfiguration.TrackedFile(name: "maint", path: path, initialValue: 2), segment: segment)
        let thread = NodeThread(node)
        defer { _ = thread.stop() }

        // init_file wrote 2 before the router started: 150 − 20.
        #expect(eventually { node.status.first?.state == .master })
        #expect(node.status.first?.effectivePriority == 130)
        let item = try #require(node.status.first?.trackedItems.first)
        #expect(item.name == "file:maint" && item.value == 2 && item.contribution == -20 && item.isUp)

        try write(path, "6\n")
        #expect(eventually { node.status.first?.effectivePriority == 90 })
        #expect(eventually { segment.sent.withLock { $0.last?.advertisement.priority == 90 } })
        #expect(node.status.first?.trackedItems.first?.value == 6)
        let document = StatusDocument(
            statuses: node.status, presentAddresses: nil, monotonicNow: OperatorTestNodes.monotonicNow(),
            wallNow: Date(), pid: 1)
        let shown = try #require(document.instances.first?.priority.trackedItems.first)
        #expect(shown.name == "file:maint" && shown.value == 6 && shown.contribution == -60 && shown.up)
        let text = document.renderText()
        #expect(text.contains("  -60  file:maint (value 6 × weight -10)"), "\(text)")
        #expect(text.contains("=  90  effective"), "\(text)")
        let registry = PrometheusCollectorRegistry()
        let metrics = NodeMetrics(factory: PrometheusMetricsFactory(registry: registry))
        metrics.update(
            statuses: node.status, checks: [], presentAddresses: nil, monotonicNow: OperatorTestNodes.monotonicNow())
        let series = #"{iname="VI_1",intf="eth0",vrid="51",item="file:maint"}"#
        let exposition = registry.emitToString()
        #expect(NodeMetricsTests.value(exposition, "vrrp_tracked_file_value" + series) == 6)
        #expect(NodeMetricsTests.value(exposition, "vrrp_tracked_item_up" + series) == 1)

        #expect(unlink(path) == 0)
        #expect(eventually { node.status.first?.effectivePriority == 150 })
        #expect(eventually { segment.sent.withLock { $0.last?.advertisement.priority == 150 } })
    }

    @Test("weight 0: a non-zero value is FAULT and the VIP goes; 0 brings the instance back")
    func weightZeroFault() throws {
        let directory = try makeDirectory()
        let path = directory + "/down"
        defer {
            unlink(path)
            rmdir(directory)
        }
        let segment = InMemorySegment()
        let node = try node(
            priority: 100, weight: 0, file: NodeConfiguration.TrackedFile(name: "down", path: path), segment: segment)
        let thread = NodeThread(node)
        defer { _ = thread.stop() }
        #expect(eventually { node.status.first?.state == .master })
        try write(path, "1")
        #expect(eventually { node.status.first?.state == .fault })
        #expect(node.status.first?.faultCauses == [.trackedItem("file:down")])
        #expect(node.status.first?.trackedItems.first?.isUp == false)
        try write(path, "0")
        #expect(eventually { node.status.first?.state == .master })
    }

    @Test("a reload keeps the value and applies a new weight; a reload naming another file watches that one")
    func reload() throws {
        let directory = try makeDirectory()
        let first = directory + "/first"
        let second = directory + "/second"
        defer {
            unlink(first)
            unlink(second)
            rmdir(directory)
        }
        try write(first, "6")
        try write(second, "2")
        let segment = InMemorySegment()
        let file = NodeConfiguration.TrackedFile(name: "maint", path: first)
        let node = try node(priority: 150, weight: -10, file: file, segment: segment)
        let thread = NodeThread(node)
        defer { _ = thread.stop() }
        #expect(eventually { node.status.first?.state == .master && node.status.first?.effectivePriority == 90 })

        node.reload(configuration(priority: 150, weight: -20, file: file))
        #expect(eventually { node.status.first?.effectivePriority == 30 })
        #expect(node.status.first?.state == .master)

        let moved = NodeConfiguration.TrackedFile(name: "maint", path: second)
        node.reload(configuration(priority: 150, weight: -20, file: moved))
        #expect(eventually { node.status.first?.effectivePriority == 110 })  // 150 − 2 × 20
        try write(first, "1")  // no longer watched
        try write(second, "3")
        #expect(eventually { node.status.first?.effectivePriority == 90 })
        #expect(node.status.first?.trackedItems.first?.value == 3)
    }
}
