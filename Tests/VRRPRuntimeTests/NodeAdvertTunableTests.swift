import Glibc
import Logging
import Synchronization
import Testing
import VRRPConfig
import VRRPRuntime
import VRRPStateMachine
import VRRPWire

/// keepalived's advert tunables carried from keepalived.conf into a running node: `vrrp_startup_delay`,
/// `notify_priority_changes`, `unicast_fault_no_peer` and the router settings they become.
@Suite("keepalived's advert tunables in a node")
struct NodeAdvertTunableTests {
    static let vip = IPAddress.ipv4(IPv4Address(192, 0, 2, 100))

    func load(_ text: String) -> KeepalivedConfiguration {
        let loader = KeepalivedConfigLoader(
            reader: InMemoryConfigReader(["/etc/keepalived/keepalived.conf": text]), configID: "node")
        return loader.load(path: "/etc/keepalived/keepalived.conf").configuration
    }

    func router(priority: UInt8 = 150, tracked: [TrackedItem] = []) -> VirtualRouter.Configuration {
        VirtualRouter.Configuration(
            virtualRouterID: 51, family: .ipv4, version: .v3, priority: priority,
            advertisementInterval: AdvertisementInterval(centiseconds: 5), virtualAddresses: [Self.vip],
            primaryAddress: nil, interfaceName: "eth0", trackedItems: tracked)
    }

    func node(_ configuration: NodeConfiguration, segment: InMemorySegment) -> VRRPNode {
        var logger = Logger(label: "test.tunables")
        logger.logLevel = .critical
        let control = FakeInterfaceControl(primary: .ipv4(IPv4Address(192, 0, 2, 1)))
        return VRRPNode(
            configuration: configuration,
            environment: FakeEnvironment(host: "a", segment: segment, control: control), logger: logger)
    }

    func makeDirectory() throws -> String {
        var template = Array("/tmp/vrrpsw-kw-node-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        return try #require(made.map { String(cString: $0) })
    }

    @Test("keepalived.conf tunables become the router's settings, the node's delay and the fifo switch")
    func conversion() throws {
        let config = load(
            """
            global_defs {
                vrrp_startup_delay 1.5
                vrrp_lower_prio_no_advert
                vrrp_notify_priority_changes
                vrrp_check_unicast_src
            }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                higher_prio_send_advert
                down_timer_adverts 4
                unicast_fault_no_peer
                unicast_src_ip 192.0.2.1
                virtual_ipaddress { 192.0.2.100/24 }
            }
            vrrp_instance VI_2 {
                interface eth0
                virtual_router_id 52
                lower_prio_no_advert false
                notify_priority_changes off
                virtual_ipaddress { 192.0.2.101/24 }
            }
            """)
        let node = try NodeConfiguration(keepalived: config)
        #expect(node.startupDelay == .milliseconds(1500))
        let first = node.instances[0]
        #expect(!first.router.answerLowerPriority && first.router.answerHigherPriority)
        #expect(first.router.downTimerAdverts == 4)
        #expect(first.router.faultWithoutUnicastPeers && first.router.checkUnicastSource)
        #expect(first.notifyPriorityChanges)
        let second = node.instances[1]
        #expect(second.router.answerLowerPriority && !second.router.answerHigherPriority)
        #expect(second.router.downTimerAdverts == 3 && !second.router.faultWithoutUnicastPeers)
        #expect(!second.notifyPriorityChanges)
        // Without the keywords: keepalived's defaults, and vrrp_strict alone stops answering lower priorities.
        let plain = try NodeConfiguration(
            keepalived: load(
                "vrrp_instance V {\n interface eth0\n virtual_router_id 9\n"
                    + " virtual_ipaddress { 192.0.2.9/24 }\n}\n"))
        #expect(plain.startupDelay == .zero && plain.instances[0].router.answerLowerPriority)
        let strict = try NodeConfiguration(
            keepalived: load(
                "global_defs {\n vrrp_strict\n}\nvrrp_instance V {\n"
                    + " interface eth0\n virtual_router_id 9\n virtual_ipaddress { 192.0.2.9/24 }\n}\n"))
        #expect(!strict.instances[0].router.answerLowerPriority)
    }

    @Test("vrrp_startup_delay: alone on the segment, the node advertises no sooner than delay + Master_Down_Interval")
    func startupDelay() throws {
        var configuration = NodeConfiguration(
            instances: [NodeConfiguration.Instance(name: "VI_1", interface: "eth0", router: router())])
        configuration.startupDelay = .milliseconds(400)
        let segment = InMemorySegment()
        let node = node(configuration, segment: segment)
        let started = ContinuousClock.now
        let thread = NodeThread(node)
        defer { _ = thread.stop() }
        #expect(eventually { node.status.first?.state == .backup })
        #expect(eventually { node.status.first?.state == .master })
        let first = try #require(segment.sent.withLock { $0.first { $0.from == "a" } })
        // Master_Down_Interval at priority 150, 50 ms: 150 ms + (106 × 5 cs) / 256 = 170.7 ms.
        #expect(first.at - started >= .milliseconds(570), "first advert after \(first.at - started)")
    }

    @Test("notify_priority_changes: each effective-priority change writes keepalived's fifo line, and only then")
    // Also: state lines carry the effective priority and the fifo stays open between lines, as keepalived's.
    func priorityChangesToFIFO() throws {
        let directory = try makeDirectory()
        let fifo = directory + "/fifo"
        let trackFile = directory + "/maint"
        defer {
            unlink(fifo)
            unlink(trackFile)
            rmdir(directory)
        }
        try #require(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        func readLines() -> [String] {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
            guard count > 0 else { return [] }
            return String(decoding: buffer[..<count], as: UTF8.self).split(separator: "\n").map(String.init)
        }
        let file = NodeConfiguration.TrackedFile(name: "maint", path: trackFile, initialValue: 2)
        let tracked = [TrackedItem(valueNamed: TrackedName.file("maint"), weight: -10)]
        var instance = NodeConfiguration.Instance(name: "VI_1", interface: "eth0", router: router(tracked: tracked))
        instance.notifyPriorityChanges = true
        var quiet = NodeConfiguration.Instance(
            name: "VI_2", interface: "eth0",
            router: VirtualRouter.Configuration(
                virtualRouterID: 52, family: .ipv4, version: .v3, priority: 100,
                advertisementInterval: AdvertisementInterval(centiseconds: 5),
                virtualAddresses: [.ipv4(IPv4Address(192, 0, 2, 101))], primaryAddress: nil, interfaceName: "eth0",
                trackedItems: tracked))
        quiet.notifyPriorityChanges = false
        let configuration = NodeConfiguration(instances: [instance, quiet], notifyFIFO: fifo, files: [file])
        let segment = InMemorySegment()
        let node = node(configuration, segment: segment)
        let thread = NodeThread(node)
        defer { _ = thread.stop() }
        #expect(eventually { node.status.count == 2 && node.status.allSatisfy { $0.state == .master } })
        var lines = readLines()
        // State lines carry the effective priority, as keepalived's: 150 − 2 × 10.
        #expect(lines.contains("INSTANCE \"VI_1\" MASTER 130"), "\(lines)")
        // The node holds the fifo open between lines: a reader sees no end-of-file, only "nothing yet".
        var byte: UInt8 = 0
        #expect(read(reader, &byte, 1) == -1 && errno == EAGAIN)
        #expect(!lines.contains { $0.contains("PRIORITY") }, "no priority line before any change: \(lines)")

        let staging = trackFile + ".new"
        let descriptor = open(staging, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(descriptor >= 0)
        _ = write(descriptor, "3\n", 2)
        close(descriptor)
        try #require(rename(staging, trackFile) == 0)
        #expect(eventually { node.status.first?.effectivePriority == 120 })
        #expect(
            eventually {
                lines += readLines()
                return lines.contains("INSTANCE \"VI_1\" MASTER_PRIORITY 120")
            })
        usleep(100_000)
        lines += readLines()
        #expect(!lines.contains { $0.contains("\"VI_2\"") && $0.contains("PRIORITY") }, "\(lines)")
        #expect(lines.filter { $0.contains("PRIORITY") }.count == 1, "\(lines)")
    }

    @Test("unicast_fault_no_peer: the node holds the instance in FAULT and sends nothing")
    func faultWithoutPeers() throws {
        var settings = router()
        settings.faultWithoutUnicastPeers = true
        let segment = InMemorySegment()
        let node = node(
            NodeConfiguration(instances: [NodeConfiguration.Instance(name: "VI_1", interface: "eth0", router: settings)]
            ),
            segment: segment)
        let thread = NodeThread(node)
        defer { _ = thread.stop() }
        #expect(eventually { node.status.first?.state == .fault })
        usleep(400_000)
        #expect(node.status.first?.state == .fault)
        #expect(node.status.first?.faultCauses == [.noUnicastPeers])
        #expect(segment.sent.withLock { $0.isEmpty })
    }
}
