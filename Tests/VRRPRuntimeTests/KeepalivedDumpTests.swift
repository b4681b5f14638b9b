import Foundation
import Glibc
import Logging
import Synchronization
import Testing
import VRRPConfig
import VRRPRuntime
import VRRPStateMachine
import VRRPWire

/// Our dumps against keepalived 2.2.7's for the same configuration (`Fixtures/keepalived-dumps/a.conf`, host a,
/// every instance MASTER): same sections, order, keys, indentation and spellings; the lines that legitimately
/// differ are listed below, each with its reason.
@Suite("keepalived dumps")
struct KeepalivedDumpTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/keepalived-dumps").path

    /// Reference lines we do not write: section, key prefix, reason.
    static let absent: [(section: String, key: String, reason: String)] = [
        (
            "Global definitions", "Network namespace",
            "no net_namespace support: the node runs in the namespace it is started in"
        ),
        ("Global definitions", "Default smtp_alert", "no SMTP alerts"),
        ("Global definitions", "Checkers log all failures", "checker (IPVS) half of keepalived"),
        (
            "Global definitions", "No test config before reload",
            "a reload always validates the file first; there is no such setting"
        ),
        (
            "Global definitions", "Dynamic interfaces",
            "no dynamic_interfaces setting: a missing interface is always waited for"
        ),
        ("Global definitions", "Disable local IGMP", "not configurable here"),
        ("Global definitions", "LVS flush", "checker (IPVS) half of keepalived"),
        ("Global definitions", "FIFO write vrrp states on reload", "not configurable here"),
        ("Global definitions", "Gratuitous ARP for each secondary VMAC", "use_vmac belongs to another change"),
        ("Global definitions", "Gratuitous ARP interval", "global pacing shown per instance only"),
        ("Global definitions", "Gratuitous NA interval", "global pacing shown per instance only"),
        ("Global definitions", "nftables without counters", "no nftables integration"),
        ("Global definitions", "libnftnl version", "no nftables integration"),
        ("Global definitions", "Min auto priority delay", "no realtime scheduling settings"),
        ("Global definitions", "VRRP process priority", "no process priority settings"),
        ("Global definitions", "VRRP don't swap", "no mlockall setting"),
        ("Global definitions", "VRRP realtime", "no realtime scheduling settings"),
        ("Global definitions", "Checker ", "checker (IPVS) half of keepalived"),
        ("Global definitions", "BFD ", "no BFD"),
        ("Global definitions", "SNMP", "no SNMP agent"),
        ("Global definitions", "DBus", "no D-Bus interface"),
        ("Global definitions", "vrrp_netlink_", "netlink buffer tuning is not configurable"),
        ("Global definitions", "process_monitor_rcv_bufs", "netlink buffer tuning is not configurable"),
        ("Global definitions", "lvs_netlink_", "checker (IPVS) half of keepalived"),
        ("Global definitions", "rs_init_notifies", "checker half"),
        ("Global definitions", "no_checker_emails", "checker half"),
        ("Global definitions", "rx_bufs_multiples", "receive buffers are sized by the kernel"),
        ("Global definitions", "umask", "the dumps are written 0600 whatever the umask; no umask setting"),
        ("VRRP Topology", "Wantstate", "the state machine has no separate wanted state; State is the state"),
        (
            "VRRP Topology", "Number of config faults",
            "configuration faults refuse the load instead of faulting an instance"
        ),
        (
            "VRRP Topology", "Number of track scripts init",
            "scripts start down or up (init_fail), never in an INIT limbo"
        ),
        (
            "VRRP Topology", "Read timeout",
            "the instant of keepalived's next scheduler wake-up; our timers are not exposed"
        ),
        ("VRRP Topology", "fd_in", "keepalived's socket descriptors"),
        ("VRRP Scripts", "Result", "keepalived's internal rise/fall counter; the verdict is in Status"),
        ("VRRP Scripts", "Init state", "scripts start down or up (init_fail), never in an INIT limbo"),
        ("VRRP Scripts", "State", "a script's running/idle state is not tracked (scripts section only)"),
        ("Interfaces", "Seen up", "keepalived's link debouncing internals"),
        ("Interfaces", "Delayed state change running", "keepalived's link debouncing internals"),
        ("Interfaces", "Up debounce timer", "keepalived's link debouncing internals"),
        ("Interfaces", "Down debounce timer", "keepalived's link debouncing internals"),
        ("Interfaces", "NIC netlink status update", "how keepalived learns link state; always netlink here"),
        ("Interfaces", "Reset ARP config counter", "keepalived's sysctl bookkeeping"),
        ("Interfaces", "Original arp_", "keepalived's sysctl"),
        ("Interfaces", "Original promote_secondaries", "keepalived's sysctl bookkeeping"),
        ("Interfaces", "Reset promote_secondaries counter", "keepalived's sysctl bookkeeping"),
        ("Interfaces", "Not IPv6 forwarding", "forwarding is not checked"),
    ]

    /// Reference sections we do not write.
    static let absentSections: [(section: String, reason: String)] = [
        ("VRRP Sockpool", "keepalived's socket pool (descriptors, buffer sizes); sockets are per instance here")
    ]

    /// Reference lines whose value legitimately differs, by key, with the reason.
    static let differingValues: [(key: String, reason: String)] = [
        ("Last transition", "a time: when this run's transition happened"),
        ("Timeout", "keepalived shows 0 for an unset timeout; we show the timeout in force (the interval)"),
    ]

    static func load(_ file: String) throws -> (NodeConfiguration, GlobalDefinitions) {
        let path = fixtures + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let loader = KeepalivedConfigLoader(reader: InMemoryConfigReader([path: text]), configID: "a")
        let result = loader.load(path: path)
        #expect(!result.hasErrors, "\(result.diagnostics)")
        return (try NodeConfiguration(keepalived: result.configuration), result.configuration.global)
    }

    /// The namespace keepalived saw in the reference run (host a of `capture.sh`).
    static let referenceInterfaces: [KeepalivedDump.Interface] = [
        .init(
            name: "lo", index: 1, ipv4: IPv4Address(127, 0, 0, 1), isLoopback: true, hasBroadcast: false,
            hasMulticast: false, mtu: 65536),
        .init(
            name: "eth0", index: 2, ipv4: IPv4Address(192, 0, 2, 1), ipv6: IPv6Address("fe80::5eff:fe10:1"),
            mac: MACAddress("02:00:5e:10:00:01"), broadcastMAC: .broadcast, mtu: 1500),
        .init(
            name: "eth1p", index: 3, ipv6: IPv6Address("fe80::5c8d:6dff:feaf:e605"),
            mac: MACAddress("5e:8d:6d:af:e6:05"), broadcastMAC: .broadcast, mtu: 1500),
        .init(
            name: "eth1", index: 4, ipv6: IPv6Address("fe80::f045:37ff:fe7b:ab15"),
            mac: MACAddress("f2:45:37:7b:ab:15"), broadcastMAC: .broadcast, mtu: 1500),
    ]

    /// Runs host a's configuration as an in-memory node alone on its segment until every instance is MASTER.
    static func masterNode() async throws -> (VRRPNode, NodeThread, NodeConfiguration, GlobalDefinitions) {
        let (configuration, global) = try load("a.conf")
        var logger = Logger(label: "test.dump")
        logger.logLevel = .critical
        let control = DualStackControl()
        let node = VRRPNode(
            configuration: configuration,
            environment: DualStackEnvironment(segment: InMemorySegment(), control: control),
            logger: logger)
        let thread = NodeThread(node)
        let allMaster = await OperatorTestNodes.eventually(.seconds(10)) {
            node.status.count == 3 && node.status.allSatisfy { $0.state == .master }
        }
        #expect(allMaster, "states: \(node.status.map { "\($0.name) \($0.state)" })")
        return (node, thread, configuration, global)
    }

    @Test("the data dump has keepalived's sections, order, keys and values for host a's configuration")
    func dataMatchesReference() async throws {
        let (node, thread, configuration, global) = try await Self.masterNode()
        defer { _ = thread.stop() }
        let dump = KeepalivedDump(
            configuration: configuration, global: global, statuses: node.status, checks: node.checks,
            interfaces: Self.referenceInterfaces, monotonicNow: KeepalivedDump.monotonicNanoseconds(),
            wallNow: Date(), hostName: "unused", defaultScriptUser: (0, 0))
        let reference = try String(contentsOfFile: Self.fixtures + "/a.data", encoding: .utf8)
        let ours = dump.render(.data)
        Self.expectMatches(reference: reference, ours: ours)
    }

    /// Holds `ours` to `reference`, allowing exactly the listed differences, and checks each listed reason is used.
    static func expectMatches(
        reference: String, ours: String, extraDiffering: [(key: String, reason: String)] = [],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let comparison = KeepalivedDumpComparison(reference: reference, ours: ours)
        var usedSections = Set<String>()
        for line in comparison.missing {
            if let section = absentSections.first(where: { $0.section == line.section }) {
                usedSections.insert(section.section)
                continue
            }
            let bareKey = line.key.split(separator: "[").first.map(String.init) ?? line.key
            if absent.contains(where: { $0.section == line.section && bareKey.hasPrefix($0.key) }) { continue }
            Issue.record("missing from ours: \(line)", sourceLocation: sourceLocation)
        }
        let differing = differingValues + extraDiffering
        for (referenceLine, ourLine) in comparison.differing {
            let bareKey = referenceLine.key.split(separator: "[").first.map(String.init) ?? referenceLine.key
            if differing.contains(where: { bareKey.hasPrefix($0.key) }) { continue }
            let message =
                "value differs at \(referenceLine.identity): keepalived '\(referenceLine.text)', ours '\(ourLine.text)'"
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
        for line in comparison.extra {
            Issue.record("not in keepalived's dump: \(line)", sourceLocation: sourceLocation)
        }
        for line in comparison.outOfOrder {
            Issue.record("out of keepalived's order: \(line)", sourceLocation: sourceLocation)
        }
        // No excuse is stale: we write no line an entry says we do not. And most of the reference is matched.
        let ourLines = KeepalivedDumpComparison.parse(ours)
        let stale = absent.filter { entry in
            ourLines.contains { $0.section == entry.section && $0.key.hasPrefix(entry.key) && !$0.key.isEmpty }
        }
        #expect(stale.isEmpty, "listed as absent but written: \(stale.map(\.key))", sourceLocation: sourceLocation)
        #expect(usedSections == Set(absentSections.map(\.section)), sourceLocation: sourceLocation)
        let referenceCount = KeepalivedDumpComparison.parse(reference).count
        let matched = referenceCount - comparison.missing.count
        #expect(matched * 100 >= referenceCount * 55, "only \(matched) of \(referenceCount) lines matched")
        print(
            "dump comparison: \(matched) of \(referenceCount) reference lines matched, \(comparison.missing.count) "
                + "absent (listed), \(comparison.differing.count) with a listed differing value")
    }

    /// What keepalived saw on host b of the reference run.
    static let referenceInterfacesB: [KeepalivedDump.Interface] = [
        .init(
            name: "lo", index: 1, ipv4: IPv4Address(127, 0, 0, 1), isLoopback: true, hasBroadcast: false,
            hasMulticast: false, mtu: 65536),
        .init(
            name: "eth0", index: 2, ipv4: IPv4Address(192, 0, 2, 2), ipv6: IPv6Address("fe80::5eff:fe10:2"),
            mac: MACAddress("02:00:5e:10:00:02"), broadcastMAC: .broadcast, mtu: 1500),
        .init(
            name: "eth1p", index: 3, ipv6: IPv6Address("fe80::d4cf:6dff:fedf:8a30"),
            mac: MACAddress("d6:cf:6d:df:8a:30"), broadcastMAC: .broadcast, mtu: 1500),
        .init(
            name: "eth1", index: 4, ipv6: IPv6Address("fe80::246a:c8ff:fe66:de1c"),
            mac: MACAddress("26:6a:c8:66:de:1c"), broadcastMAC: .broadcast, mtu: 1500),
    ]

    @Test("the data dump of a BACKUP (host b, a MASTER beside it) matches keepalived's, master fields included")
    func backupDataMatchesReference() async throws {
        let (configurationA, _) = try Self.load("a.conf")
        let (configurationB, globalB) = try Self.load("b.conf")
        var logger = Logger(label: "test.dump")
        logger.logLevel = .critical
        let segment = InMemorySegment()
        let nodeA = VRRPNode(
            configuration: configurationA,
            environment: DualStackEnvironment(host: "a", segment: segment, control: DualStackControl()),
            logger: logger)
        let controlB = DualStackControl(ipv4: IPv4Address(192, 0, 2, 2), ipv6: IPv6Address("fe80::5eff:fe10:2")!)
        let nodeB = VRRPNode(
            configuration: configurationB,
            environment: DualStackEnvironment(host: "b", segment: segment, control: controlB), logger: logger)
        let threadA = NodeThread(nodeA)
        let threadB = NodeThread(nodeB)
        defer {
            _ = threadB.stop()
            _ = threadA.stop()
        }
        let settled = await OperatorTestNodes.eventually(.seconds(10)) {
            nodeA.status.count == 3 && nodeA.status.allSatisfy { $0.state == .master }
                && nodeB.status.count == 3
                && nodeB.status.allSatisfy { $0.state == .backup && $0.currentMasterPriority == 150 }
        }
        #expect(settled, "b: \(nodeB.status.map { "\($0.name) \($0.state) \(String(describing: $0.currentMaster))" })")
        let dump = KeepalivedDump(
            configuration: configurationB, global: globalB, statuses: nodeB.freshStatus(), checks: nodeB.checks,
            interfaces: Self.referenceInterfacesB, monotonicNow: KeepalivedDump.monotonicNanoseconds(),
            wallNow: Date(), hostName: "unused", defaultScriptUser: (0, 0))
        let reference = try String(contentsOfFile: Self.fixtures + "/b.data", encoding: .utf8)
        let ours = dump.render(.data)
        #expect(ours.contains("   Master router = 192.0.2.1\n   Master priority = 150\n"))
        Self.expectMatches(reference: reference, ours: ours)
    }

    @Test("the statistics dump has keepalived's layout and the node's own counters")
    func statisticsLayout() async throws {
        let (node, thread, configuration, global) = try await Self.masterNode()
        defer { _ = thread.stop() }
        let statuses = node.status
        let dump = KeepalivedDump(
            configuration: configuration, global: global, statuses: statuses, monotonicNow: 0, wallNow: Date(),
            hostName: "h")
        let ours = dump.render(.statistics)
        let reference = try String(contentsOfFile: Self.fixtures + "/a.stats", encoding: .utf8)
        // Same lines once the numbers are blanked: layout, order and spelling are keepalived's.
        func blanked(_ text: String) -> [String] {
            text.split(separator: "\n").map { String($0).replacing(/: \d+$/, with: ": N") }
        }
        #expect(blanked(ours) == blanked(reference))
        // The numbers are the state machine's counters.
        let v2 = try #require(statuses.first { $0.name == "VI_V2" })
        #expect(ours.contains("VRRP Instance: VI_V2\n  Advertisements:\n    Received: 0\n"))
        #expect(ours.contains("  Became master: \(v2.statistics.masterTransitions)\n"))
        #expect(v2.statistics.masterTransitions == 1)
        #expect(v2.statistics.advertisementsSent >= 1)
    }

    @Test("the JSON dump has keepalived's keys in keepalived's order")
    func jsonKeys() async throws {
        let (node, thread, configuration, global) = try await Self.masterNode()
        defer { _ = thread.stop() }
        let dump = KeepalivedDump(
            configuration: configuration, global: global, statuses: node.status, monotonicNow: 0, wallNow: Date(),
            hostName: "h")
        let ours = dump.render(.json)
        let reference = try String(contentsOfFile: Self.fixtures + "/a.json", encoding: .utf8)
        func keys(_ text: String) -> [String] {
            text.matches(of: /"([a-z_0-9]+)":/).map { String($0.output.1) }
        }
        #expect(keys(ours) == keys(reference))
        // Values that do not depend on the run are keepalived's, byte for byte.
        for fragment in [
            #""vips":["192.0.2.100\/24 dev eth0 scope global set"],"auth_type":1,"auth_data":"secret1""#,
            #""script_backup":"'\/usr\/bin\/true' 'backup'""#, #""track_ifp":["eth1"]"#,
            #""track_script":["'\/usr\/bin\/true'"]"#, #""adver_int":0.5,"master_adver_int":0.5"#,
        ] {
            #expect(reference.contains(fragment), "reference lacks \(fragment)")
            #expect(ours.contains(fragment), "ours lacks \(fragment)")
        }
        let parsed = try JSONSerialization.jsonObject(with: Data(ours.utf8)) as? [[String: Any]]
        #expect(parsed?.count == 3)
    }

    @Test("the files go to $TMPDIR or /tmp under keepalived's names, mode 0600, replacing a planted link")
    func files() throws {
        #expect(KeepalivedDump.defaultDirectory(environment: [:]) == "/tmp")
        #expect(KeepalivedDump.defaultDirectory(environment: ["TMPDIR": ""]) == "/tmp")
        #expect(KeepalivedDump.defaultDirectory(environment: ["TMPDIR": "/var/tmp"]) == "/var/tmp")
        #expect(
            KeepalivedDump.Kind.allCases.map(\.fileName) == ["keepalived.data", "keepalived.stats", "keepalived.json"])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vrrpsw-du-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let victim = directory + "/victim"
        #expect(FileManager.default.createFile(atPath: victim, contents: Data("keep".utf8)))
        symlink(victim, directory + "/keepalived.stats")
        let (configuration, global) = try Self.load("a.conf")
        let dump = KeepalivedDump(
            configuration: configuration, global: global, statuses: [], monotonicNow: 0, wallNow: Date(),
            hostName: "h")
        let path = try dump.write(.statistics, toDirectory: directory)
        #expect(path == directory + "/keepalived.stats")
        var info = stat()
        #expect(lstat(path, &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFREG)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep")
        #expect(throws: RuntimeError.self) { try dump.write(.data, toDirectory: directory + "/missing") }
    }

    @Test("the comparison finds a missing line, a changed value, an extra line and a reordering")
    func comparisonCatchesDifferences() {
        let reference = """
            ------< VRRP Topology >------
             VRRP Instance = VI_1
               State = MASTER
               Interface = eth0
               Virtual IP (2):
                 192.0.2.1/24 dev eth0
                 192.0.2.2/24 dev eth0
            """
        let ours = """
            ------< VRRP Topology >------
             VRRP Instance = VI_1
               Interface = eth1
               State = MASTER
               Extra = 1
               Virtual IP (2):
                 192.0.2.1/24 dev eth0
            """
        let comparison = KeepalivedDumpComparison(reference: reference, ours: ours)
        #expect(comparison.missing.map(\.key) == ["Virtual IP (2)[1]"])
        #expect(comparison.differing.map(\.reference.key) == ["Interface"])
        #expect(comparison.extra.map(\.key) == ["Extra"])
        #expect(comparison.outOfOrder.map(\.key) == ["Interface"])
    }
}

/// An interface control with an IPv4 and an IPv6 primary address.
final class DualStackControl: InterfaceControl, @unchecked Sendable {
    let descriptor: Int32 = -1
    let held = Mutex<Set<IPAddress>>([])
    let ipv4: IPv4Address
    let ipv6: IPv6Address

    init(ipv4: IPv4Address = IPv4Address(192, 0, 2, 1), ipv6: IPv6Address = IPv6Address("fe80::5eff:fe10:1")!) {
        self.ipv4 = ipv4
        self.ipv6 = ipv6
    }

    func add(_ address: ConfiguredAddress, on interface: String) throws {
        _ = held.withLock { $0.insert(address.address) }
    }

    func remove(_ address: ConfiguredAddress, on interface: String) throws {
        _ = held.withLock { $0.remove(address.address) }
    }

    func receiveEvents() throws -> [InterfaceEvent] { [] }
    func linkIsUp(_ interface: String) throws -> Bool? { true }
    func primaryAddress(of interface: String, family: AddressFamily) throws -> IPAddress? {
        family == .ipv4 ? .ipv4(ipv4) : .ipv6(ipv6)
    }
    func addresses(of interface: String) throws -> [IPAddress] { Array(held.withLock { $0 }) }
}

/// A node environment on an in-memory segment with a ``DualStackControl``.
struct DualStackEnvironment: NodeEnvironment, @unchecked Sendable {
    var host = "a"
    let segment: InMemorySegment
    let control: DualStackControl

    func makeTransport(
        interface: String, family: AddressFamily, unicastSource: IPAddress?, unicastPeers: [IPAddress]
    ) throws -> any VRRPTransport {
        FakeTransport(host: host, segment: segment)
    }

    func makeInterfaceControl() throws -> any InterfaceControl { control }
}

@Suite("keepalived dumps: the namespace's interfaces")
struct KeepalivedDumpInterfaceTests {
    @Test("the interfaces of this namespace are read with their index, flags and addresses")
    func currentInterfaces() throws {
        let interfaces = KeepalivedDump.Interface.current()
        let loopback = try #require(interfaces.first { $0.name == "lo" })
        #expect(loopback.index > 0)
        #expect(loopback.isLoopback)
        #expect(loopback.ipv4 == IPv4Address(127, 0, 0, 1))
        #expect(loopback.ipv6 == nil, "only a link-local address is shown, and lo has none")
        #expect(loopback.mtu ?? 0 > 0)
        #expect(interfaces.map(\.index) == interfaces.map(\.index).sorted())
        for interface in interfaces where interface.mac != nil {
            #expect(interface.broadcastMAC != nil, "\(interface.name) has a MAC but no broadcast MAC")
        }
    }
}

/// vrrpctl in the reference lab (`capture.sh` with host b running vrrpctl instead of keepalived), its dumps
/// compared with keepalived's from host b. Root, keepalived and the built vrrpctl are needed; skipped otherwise.
@Suite("keepalived dumps: vrrpctl in the reference lab")
struct KeepalivedDumpLabTests {
    /// The vrrpctl binary beside the test bundle.
    static var binary: String? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("vrrpctl").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    static var missing: String? {
        if getuid() != 0 { return "needs root for network namespaces" }
        if !["/usr/sbin/keepalived", "/usr/bin/keepalived"].contains(where: FileManager.default.isExecutableFile) {
            return "needs keepalived"
        }
        if binary == nil { return "the vrrpctl binary is not built beside the tests" }
        return nil
    }

    /// Lines whose values differ between two lab runs whatever the implementation: the veth pair eth1 / eth1p
    /// gets random MAC and link-local addresses each time.
    static let perRun: [(key: String, reason: String)] = [
        ("MAC", "eth1 / eth1p are created with random MAC addresses in each run"),
        ("IPv6 address", "eth1 / eth1p derive their link-local addresses from those random MACs"),
    ]

    @Test(
        "host b's dumps from vrrpctl match keepalived's from the same lab",
        .enabled(if: missing == nil, "\(missing ?? "")"), .timeLimit(.minutes(2)))
    func lab() async throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("vrrpsw-du-lab-\(getpid())")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: output) }
        let log = output.appendingPathComponent("capture.log")
        #expect(FileManager.default.createFile(atPath: log.path, contents: nil))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [KeepalivedDumpTests.fixtures + "/capture.sh", "vrrpsw-du-t\(getpid() % 10_000)"]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["CAPTURE_VRRPCTL": try #require(Self.binary), "CAPTURE_OUT": output.path]) { $1 }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = ContinuousClock.now + .seconds(90)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try handle.close()
        let text = try String(contentsOf: log, encoding: .utf8)
        try #require(process.terminationStatus == 0, "capture.sh failed:\n\(text)")

        func read(_ directory: String, _ name: String) throws -> String {
            try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
        }
        let ours = (
            data: try read(output.path, "b.data"), stats: try read(output.path, "b.stats"),
            json: try read(output.path, "b.json")
        )
        KeepalivedDumpTests.expectMatches(
            reference: try read(KeepalivedDumpTests.fixtures, "b.data"), ours: ours.data, extraDiffering: Self.perRun)
        // The statistics: keepalived's lines with the numbers blanked, and adverts received from a on every
        // instance (b is BACKUP behind a, as keepalived's b was).
        func blanked(_ text: String) -> [String] {
            text.split(separator: "\n").map { String($0).replacing(/: \d+$/, with: ": N") }
        }
        #expect(blanked(ours.stats) == blanked(try read(KeepalivedDumpTests.fixtures, "b.stats")))
        let received = ours.stats.matches(of: /Advertisements:\n    Received: (\d+)/).compactMap { Int($0.output.1) }
        #expect(received.count == 3 && received.allSatisfy { $0 > 0 }, "adverts received: \(received)")
        // The JSON: keepalived's keys in keepalived's order, and BACKUP under a master of priority 150.
        func keys(_ text: String) -> [String] { text.matches(of: /"([a-z_0-9]+)":/).map { String($0.output.1) } }
        #expect(keys(ours.json) == keys(try read(KeepalivedDumpTests.fixtures, "b.json")))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(ours.json.utf8)) as? [[String: Any]])
        for instance in parsed {
            let data = try #require(instance["data"] as? [String: Any])
            #expect(data["state"] as? Int == 1)
            #expect(data["master_priority"] as? Int == 150)
        }
    }
}
