public import FoundationEssentials
public import Prometheus
public import VRRPWire

extension NodeMetrics {
    /// Metrics for a node in a Prometheus registry of their own, and the text one scrape returns: each scrape
    /// first brings the metrics up to date with the node (status, checks, virtual addresses checked in the
    /// kernel at that moment).
    public static func prometheus(
        for node: VRRPNode,
        presentAddresses: @escaping @Sendable () -> Set<IPAddress>? = ControlHandler.kernelAddresses
    ) -> (metrics: NodeMetrics, registry: PrometheusCollectorRegistry, render: @Sendable () -> String) {
        let registry = PrometheusCollectorRegistry()
        let metrics = NodeMetrics(factory: PrometheusMetricsFactory(registry: registry))
        let render: @Sendable () -> String = {
            metrics.update(
                statuses: node.status, checks: node.checks, presentAddresses: presentAddresses(),
                monotonicNow: MonotonicClock.nanoseconds())
            return NodeMetrics.addingHelp(to: registry.emitToString())
        }
        return (metrics, registry, render)
    }

    /// Counts every transition of the node as it happens, until the node's stream ends. The node's
    /// ``VRRPNode/stateChanges`` stream has one consumer: this takes it.
    public func follow(_ node: VRRPNode) {
        Task.detached { [self] in
            for await change in node.stateChanges { self.record(change) }
        }
    }
}
