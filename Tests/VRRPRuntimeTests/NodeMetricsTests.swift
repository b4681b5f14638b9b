import Foundation
import Glibc
import Logging
import Prometheus
import Synchronization
import Testing
import VRRPRuntime
import VRRPStateMachine
import VRRPWire

@Suite("node metrics in the Prometheus text format")
struct NodeMetricsTests {
    /// The value of the series `line` starts with, e.g. `keepalived_vrrp_state{iname="VI_1",…}`.
    static func value(_ text: String, _ series: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.split(separator: " ").last ?? "")
        }
        return nil
    }

    static let labels = #"iname="VI_1",intf="eth0",vrid="51""#

    @Test("state, priorities, VIP presence, counters and transitions of a master, with keepalived exporter names")
    func masterMetrics() async throws {
        let nodes = try OperatorTestNodes()
        #expect(await OperatorTestNodes.eventually { nodes.nodeA.status.first?.state == .master })
        #expect(
            await OperatorTestNodes.eventually { (nodes.nodeA.status.first?.statistics.advertisementsSent ?? 0) >= 2 })
        let registry = PrometheusCollectorRegistry()
        let metrics = NodeMetrics(factory: PrometheusMetricsFactory(registry: registry))
        let control = nodes.controlA
        let statuses = nodes.nodeA.status
        // A transition recorded before the first update waits for its labels.
        if let change = statuses.first?.lastChange { metrics.record(change) }
        metrics.update(
            statuses: statuses, checks: nodes.nodeA.checks, presentAddresses: control.held.withLock { $0 },
            monotonicNow: OperatorTestNodes.monotonicNow())
        let text = registry.emitToString()
        let l = Self.labels
        #expect(Self.value(text, "keepalived_up") == 1)
        #expect(Self.value(text, #"keepalived_vrrp_state{\#(l),ip_address="192.0.2.100"}"#) == 2)
        #expect(Self.value(text, #"vrrp_vip_present{\#(l),ip_address="192.0.2.100"}"#) == 1)
        #expect(Self.value(text, #"vrrp_instance_state{\#(l),state="MASTER"}"#) == 1)
        #expect(Self.value(text, #"vrrp_instance_state{\#(l),state="BACKUP"}"#) == 0)
        #expect(Self.value(text, "vrrp_effective_priority{\(l)}") == 130)
        #expect(Self.value(text, "vrrp_base_priority{\(l)}") == 150)
        #expect(Self.value(text, #"vrrp_tracked_item_up{\#(l),item="script:chk_web"}"#) == 0)
        #expect(Self.value(text, "vrrp_released{\(l)}") == 0)
        #expect(Self.value(text, "vrrp_master_adver_interval_seconds{\(l)}") == 0.05)
        #expect(Self.value(text, "vrrp_master_advert_age_seconds{\(l)}") == 0)
        let sent = try #require(statuses.first?.statistics.advertisementsSent)
        #expect(Self.value(text, "keepalived_advertisements_sent_total{\(l)}") == Double(sent))
        #expect(Self.value(text, "keepalived_become_master_total{\(l)}") == 1)
        #expect(Self.value(text, "vrrp_checksum_errors_total{\(l)}") == 0)
        #expect(
            Self.value(text, #"vrrp_transitions_total{\#(l),from="BACKUP",to="MASTER",reason="master-down"}"#) == 1)
        let takeover = try #require(Self.value(text, #"vrrp_last_takeover_seconds{\#(l),phase="first_announcement"}"#))
        #expect(takeover >= 0 && takeover < 1)
        #expect(text.contains("# TYPE keepalived_advertisements_sent_total counter"))
        #expect(text.contains("# TYPE keepalived_vrrp_state gauge"))
    }

    @Test("counters follow the router's cumulative counts across updates without double counting")
    func countersAdvanceByDelta() async throws {
        let nodes = try OperatorTestNodes()
        #expect(await OperatorTestNodes.eventually { nodes.nodeA.status.first?.state == .master })
        let registry = PrometheusCollectorRegistry()
        let metrics = NodeMetrics(factory: PrometheusMetricsFactory(registry: registry))
        let series = "keepalived_advertisements_sent_total{\(Self.labels)}"
        var previous = 0.0
        for _ in 0..<3 {
            let statuses = nodes.nodeA.status
            metrics.update(
                statuses: statuses, checks: [], presentAddresses: nil, monotonicNow: OperatorTestNodes.monotonicNow())
            let value = try #require(Self.value(registry.emitToString(), series))
            #expect(value == Double(statuses.first?.statistics.advertisementsSent ?? 0))
            #expect(value >= previous)
            previous = value
            try await Task.sleep(for: .milliseconds(120))
        }
        #expect(previous >= 3)
    }

    @Test("a backup reports the age of the master's advert and no VIP; releases count as release_master")
    func backupAndRelease() async throws {
        let nodes = try OperatorTestNodes()
        #expect(await OperatorTestNodes.eventually { nodes.nodeB.status.first?.lastMasterAdvertisement != nil })
        let registry = PrometheusCollectorRegistry()
        let metrics = NodeMetrics(factory: PrometheusMetricsFactory(registry: registry))
        metrics.update(
            statuses: nodes.nodeB.status, checks: [], presentAddresses: nodes.controlB.held.withLock { $0 },
            monotonicNow: OperatorTestNodes.monotonicNow())
        let text = registry.emitToString()
        let l = Self.labels
        #expect(Self.value(text, #"keepalived_vrrp_state{\#(l),ip_address="192.0.2.100"}"#) == 1)
        #expect(Self.value(text, #"vrrp_vip_present{\#(l),ip_address="192.0.2.100"}"#) == 0)
        let age = try #require(Self.value(text, "vrrp_master_advert_age_seconds{\(l)}"))
        #expect(age >= 0 && age < 1)
        metrics.record(
            StateChange(
                instance: "VI_1", from: .master, to: .fault, reason: .fault(.trackedItem("operator:release")),
                monotonicNanoseconds: 0))
        let after = registry.emitToString()
        #expect(Self.value(after, "keepalived_release_master_total{\(l)}") == 1)
        #expect(Self.value(after, #"vrrp_transitions_total{\#(l),from="MASTER",to="FAULT",reason="fault"}"#) == 1)
    }

    @Test("check scripts: status, runs by result, and each run's duration in the histogram")
    func checks() async throws {
        let registry = PrometheusCollectorRegistry()
        let metrics = NodeMetrics(factory: PrometheusMetricsFactory(registry: registry))
        var report = CheckReport(name: "chk_web", isUp: true)
        report.successes = 2
        report.failures = 1
        report.recentRuntimesNanoseconds = [3_000_000, 4_000_000, 700_000_000]
        metrics.update(statuses: [], checks: [report], presentAddresses: nil, monotonicNow: 0)
        report.successes = 3
        report.recentRuntimesNanoseconds.append(2_000_000)
        metrics.update(statuses: [], checks: [report], presentAddresses: nil, monotonicNow: 0)
        let text = registry.emitToString()
        #expect(Self.value(text, #"keepalived_script_status{name="chk_web"}"#) == 1)
        #expect(Self.value(text, #"vrrp_script_runs_total{name="chk_web",result="success"}"#) == 3)
        #expect(Self.value(text, #"vrrp_script_runs_total{name="chk_web",result="failure"}"#) == 1)
        #expect(Self.value(text, #"vrrp_script_duration_seconds_count{name="chk_web"}"#) == 4)
        #expect(Self.value(text, #"vrrp_script_duration_seconds_bucket{name="chk_web",le="0.005"}"#) == 3)
    }

    @Test("every metric the node exports has a help line, placed before its type line")
    func helpLines() async throws {
        let nodes = try OperatorTestNodes()
        #expect(await OperatorTestNodes.eventually { nodes.nodeA.status.first?.state == .master })
        let registry = PrometheusCollectorRegistry()
        let metrics = NodeMetrics(factory: PrometheusMetricsFactory(registry: registry))
        var report = CheckReport(name: "chk_web", isUp: false)
        report.failures = 1
        report.recentRuntimesNanoseconds = [1_000_000]
        metrics.update(
            statuses: nodes.nodeA.status, checks: [report], presentAddresses: [],
            monotonicNow: OperatorTestNodes.monotonicNow())
        let text = NodeMetrics.addingHelp(to: registry.emitToString())
        let lines = text.split(separator: "\n")
        let types = lines.enumerated().filter { $0.element.hasPrefix("# TYPE ") }
        #expect(types.count >= 30)
        for (index, line) in types {
            let name = line.dropFirst(7).prefix { $0 != " " }
            #expect(index > 0 && lines[index - 1].hasPrefix("# HELP \(name) "), "no help for \(name)")
        }
    }

    @Test("the HTTP listener answers /metrics with the text format, / with a pointer, others with 404")
    func httpListener() async throws {
        var logger = Logger(label: "test.metrics")
        logger.logLevel = .critical
        let server = try MetricsServer(listenAddress: "127.0.0.1:0", logger: logger) { "keepalived_up 1.0\n" }
        server.start()
        defer { server.stop() }
        #expect(server.port != 0)
        let metrics = try Self.get("/metrics", port: server.port)
        #expect(metrics.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(metrics.contains("Content-Type: text/plain; version=0.0.4; charset=utf-8"))
        #expect(metrics.hasSuffix("\r\n\r\nkeepalived_up 1.0\n"))
        #expect(try Self.get("/", port: server.port).hasPrefix("HTTP/1.1 200 OK"))
        #expect(try Self.get("/nope", port: server.port).hasPrefix("HTTP/1.1 404 Not Found"))
        #expect(throws: RuntimeError.self) { _ = try MetricsServer(listenAddress: "localhost", logger: logger) { "" } }
        #expect(throws: RuntimeError.self) { _ = try MetricsServer(listenAddress: "1.2.3:99", logger: logger) { "" } }
    }

    /// A raw HTTP GET over loopback.
    static func get(_ path: String, port: UInt16) throws -> String {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(connected == 0)
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(descriptor, $0.baseAddress!, $0.count, 0) }
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &chunk, chunk.count)
            guard count > 0 else { break }
            response += chunk[..<count]
        }
        return String(decoding: response, as: UTF8.self)
    }
}
