public import CoreMetrics
import Synchronization
import VRRPStateMachine
public import VRRPWire

/// A node's metrics through swift-metrics: names and labels follow the common keepalived exporter
/// (`keepalived_vrrp_state`, `keepalived_advertisements_received_total`, …) where it has a counterpart, and use
/// the `vrrp_` prefix for what it lacks. The list is in `docs/metrics.md`.
///
/// The node's counters are cumulative in its routers; ``update(statuses:checks:presentAddresses:monotonicNow:)``
/// turns them into counter increments (a counter that went backwards, as after a reload re-created an instance,
/// counts as restarted). Transitions come from ``record(_:)``, fed from ``VRRPNode/stateChanges`` so none is
/// lost between two updates.
public final class NodeMetrics: Sendable {
    private struct State {
        var seen: [String: UInt64] = [:]
        var pending: [StateChange] = []
        var labels: [String: Labels] = [:]
        var counters: [String: CoreMetrics.Counter] = [:]
        var gauges: [String: Gauge] = [:]
        var timers: [String: CoreMetrics.Timer] = [:]
    }

    /// The identity labels of an instance: `iname`, `intf`, `vrid`.
    struct Labels: Hashable, Sendable {
        typealias Dimensions = [(String, String)]
        var instance: String
        var interface: String
        var vrid: String
        var dimensions: Dimensions { [("iname", instance), ("intf", interface), ("vrid", vrid)] }
    }

    private let factory: any MetricsFactory
    private let state = Mutex(State())

    /// Metrics made through `factory` (for the Prometheus backend, a `PrometheusMetricsFactory`).
    public init(factory: any MetricsFactory) {
        self.factory = factory
        gauge("keepalived_up", []).record(1)
    }

    /// Counts one transition (`vrrp_transitions_total`, `keepalived_release_master_total`). A transition of an
    /// instance whose labels are not known yet (before the first
    /// ``update(statuses:checks:presentAddresses:monotonicNow:)`` that lists it) is counted by that update.
    public func record(_ change: StateChange) {
        let labels = state.withLock { state -> Labels? in
            guard let labels = state.labels[change.instance] else {
                state.pending.append(change)
                return nil
            }
            return labels
        }
        if let labels { count(change, labels: labels) }
    }

    private func count(_ change: StateChange, labels: Labels) {
        counter(
            "vrrp_transitions_total",
            labels.dimensions + [
                ("from", change.from.keepalivedName), ("to", change.to.keepalivedName), ("reason", change.reason.code),
            ]
        ).increment(by: 1)
        if change.from == .master, change.to != .master {
            counter("keepalived_release_master_total", labels.dimensions).increment(by: 1)
        }
    }

    /// Brings every gauge and counter up to date with the node's status.
    ///
    /// - Parameters:
    ///   - statuses: ``VRRPNode/status``.
    ///   - checks: ``VRRPNode/checks``.
    ///   - presentAddresses: the addresses the namespace holds (nil: unknown, `vrrp_vip_present` not updated).
    ///   - monotonicNow: CLOCK_MONOTONIC now in nanoseconds.
    public func update(
        statuses: [InstanceStatus],
        checks: [CheckReport],
        presentAddresses: Set<IPAddress>?,
        monotonicNow: Int64
    ) {
        for status in statuses {
            let labels = Labels(
                instance: status.name, interface: status.interface, vrid: String(status.virtualRouterID))
            state.withLock { $0.labels[status.name] = labels }
            updateInstance(status, labels: labels, presentAddresses: presentAddresses, monotonicNow: monotonicNow)
        }
        for check in checks { updateCheck(check) }
        let ready = state.withLock { state -> [(StateChange, Labels)] in
            let ready = state.pending.compactMap { change in state.labels[change.instance].map { (change, $0) } }
            state.pending.removeAll { state.labels[$0.instance] != nil }
            return ready
        }
        for (change, labels) in ready { count(change, labels: labels) }
    }

    private func updateInstance(
        _ status: InstanceStatus,
        labels: Labels,
        presentAddresses: Set<IPAddress>?,
        monotonicNow: Int64
    ) {
        let base = labels.dimensions
        let stateValue: Double =
            switch status.state {
            case .initialize: 0
            case .backup: 1
            case .master: 2
            case .fault: 3
            }
        for address in status.virtualAddresses {
            gauge("keepalived_vrrp_state", base + [("ip_address", address.description)])
                .record(stateValue)
            if let presentAddresses {
                gauge("vrrp_vip_present", base + [("ip_address", address.description)])
                    .record(presentAddresses.contains(address) ? 1 : 0)
            }
        }
        for candidate in [VirtualRouter.State.initialize, .backup, .master, .fault] {
            gauge("vrrp_instance_state", base + [("state", candidate.keepalivedName)])
                .record(candidate == status.state ? 1 : 0)
        }
        gauge("vrrp_base_priority", base).record(Double(status.basePriority))
        gauge("vrrp_effective_priority", base).record(Double(status.effectivePriority))
        gauge("vrrp_released", base).record(status.isReleased ? 1 : 0)
        for item in status.trackedItems where item.name != OperatorRelease.trackedItemName {
            gauge("vrrp_tracked_item_up", base + [("item", item.name)]).record(item.isUp ? 1 : 0)
            if let value = item.value {
                gauge("vrrp_tracked_file_value", base + [("item", item.name)]).record(Double(value))
            }
        }
        gauge("vrrp_master_adver_interval_seconds", base).record(Double(status.masterAdverInterval.nanoseconds) / 1e9)
        gauge("vrrp_master_down_interval_seconds", base)
            .record(Double(status.masterDownInterval.nanosecondCount) / 1e9)
        // Age of the master's last advert: 0 while this node is master (it is the master), the age while a
        // backup hears one, and -1 when no master is heard at all.
        let age: Double =
            status.state == .master
            ? 0 : status.lastMasterAdvertisement.map { Double(monotonicNow - $0) / 1e9 } ?? -1
        gauge("vrrp_master_advert_age_seconds", base).record(age)
        if let takeover = status.lastTakeover {
            if let duration = takeover.toAddressesInstalled {
                gauge("vrrp_last_takeover_seconds", base + [("phase", "addresses_installed")])
                    .record(Double(duration.nanosecondCount) / 1e9)
            }
            if let duration = takeover.toFirstAnnouncement {
                gauge("vrrp_last_takeover_seconds", base + [("phase", "first_announcement")])
                    .record(Double(duration.nanosecondCount) / 1e9)
            }
        }
        for (name, value) in Self.counterNames(status.statistics) {
            advance(name, base, to: value, key: "\(name)|\(status.name)")
        }
    }

    private func updateCheck(_ check: CheckReport) {
        let labels = [("name", check.name)]
        if let isUp = check.isUp { gauge("keepalived_script_status", labels).record(isUp ? 1 : 0) }
        for (result, value) in [("success", check.successes), ("failure", check.failures), ("timeout", check.timeouts)]
        {
            advance(
                "vrrp_script_runs_total", labels + [("result", result)], to: value, key: "runs|\(result)|\(check.name)")
        }
        // Each run's duration into the histogram: the runs since the last update, as far as the recent list
        // reaches back.
        let key = "durations|\(check.name)"
        let previous = state.withLock { state -> UInt64 in
            defer { state.seen[key] = check.runs }
            return state.seen[key] ?? 0
        }
        let fresh = check.runs >= previous ? Int(check.runs - previous) : Int(check.runs)
        let timer = timer("vrrp_script_duration_seconds", labels)
        for runtime in check.recentRuntimesNanoseconds.suffix(fresh) { timer.recordNanoseconds(runtime) }
    }

    /// Increments a counter by the growth of a cumulative value.
    private func advance(_ name: String, _ dimensions: [(String, String)], to value: UInt64, key: String) {
        let previous = state.withLock { state -> UInt64? in
            defer { state.seen[key] = value }
            return state.seen[key]
        }
        let delta = value >= (previous ?? 0) ? value - (previous ?? 0) : value
        let handle = counter(name, dimensions)
        if delta > 0 { handle.increment(by: Int64(clamping: delta)) }
    }

    /// The router counters' metric names: keepalived exporter names where one exists.
    static func counterNames(_ s: VirtualRouter.Statistics) -> [(String, UInt64)] {
        [
            ("keepalived_advertisements_received_total", s.advertisementsReceived),
            ("keepalived_advertisements_sent_total", s.advertisementsSent),
            ("keepalived_become_master_total", s.masterTransitions),
            ("keepalived_packet_length_errors_total", s.packetLengthErrors),
            ("keepalived_advertisements_interval_errors_total", s.advertisementIntervalErrors),
            ("keepalived_ip_ttl_errors_total", s.ipTTLErrors),
            ("keepalived_invalid_type_received_total", s.invalidTypePacketsReceived),
            ("keepalived_address_list_errors_total", s.addressListErrors),
            ("keepalived_authentication_invalid_total", s.invalidAuthType),
            ("keepalived_authentication_mismatch_total", s.authTypeMismatch),
            ("keepalived_authentication_failure_total", s.authFailures),
            ("keepalived_priority_zero_received_total", s.priorityZeroPacketsReceived),
            ("keepalived_priority_zero_sent_total", s.priorityZeroPacketsSent),
            ("vrrp_checksum_errors_total", s.checksumErrors),
            ("vrrp_version_errors_total", s.versionErrors),
            ("vrrp_vrid_errors_total", s.vrIdErrors),
            ("vrrp_protocol_errors_total", s.protocolErrors),
        ]
    }

    private static func key(_ name: String, _ dimensions: [(String, String)]) -> String {
        name + "{" + dimensions.map { "\($0.0)=\($0.1)" }.joined(separator: ",") + "}"
    }

    private func counter(_ name: String, _ dimensions: [(String, String)]) -> CoreMetrics.Counter {
        let key = Self.key(name, dimensions)
        return state.withLock { state in
            if let existing = state.counters[key] { return existing }
            let made = CoreMetrics.Counter(label: name, dimensions: dimensions, factory: factory)
            state.counters[key] = made
            return made
        }
    }

    private func gauge(_ name: String, _ dimensions: [(String, String)]) -> Gauge {
        let key = Self.key(name, dimensions)
        return state.withLock { state in
            if let existing = state.gauges[key] { return existing }
            let made = Gauge(label: name, dimensions: dimensions, factory: factory)
            state.gauges[key] = made
            return made
        }
    }

    private func timer(_ name: String, _ dimensions: [(String, String)]) -> CoreMetrics.Timer {
        let key = Self.key(name, dimensions)
        return state.withLock { state in
            if let existing = state.timers[key] { return existing }
            let made = CoreMetrics.Timer(label: name, dimensions: dimensions, factory: factory)
            state.timers[key] = made
            return made
        }
    }
}
