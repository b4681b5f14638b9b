import VIPNetlink
import VRRPConfig
import VRRPStateMachine
import VRRPWire

extension NodeConfiguration {
    /// keepalived numbers rules written without a priority from 16384 downwards in file order, one count per
    /// family (`alloc_rule`: `next_rule_priority_ipv4--` / `next_rule_priority_ipv6--`).
    struct AutomaticRulePriorities {
        var ipv4: UInt32 = 16384
        var ipv6: UInt32 = 16384

        /// The next priority of `family`, counting down.
        mutating func next(_ family: AddressFamily) -> UInt32 {
            switch family {
            case .ipv4:
                defer { ipv4 = max(ipv4, 2) - 1 }
                return ipv4
            case .ipv6:
                defer { ipv6 = max(ipv6, 2) - 1 }
                return ipv6
            }
        }
    }

    /// A `virtual_routes` line as the kernel takes it (keepalived's protocol 18 unless `proto` says otherwise).
    static func kernelRoute(_ route: VirtualRoute) -> KernelRoute {
        let kind: KernelRoute.Kind =
            switch route.kind {
            case .unicast: .unicast
            case .blackhole: .blackhole
            case .unreachable: .unreachable
            case .prohibit: .prohibit
            }
        return KernelRoute(
            family: route.family, destination: route.destination, prefixLength: route.prefixLength,
            source: route.source, gateway: route.gateway, device: route.device, metric: route.metric,
            table: route.table, scope: route.scope,
            protocolNumber: route.protocolNumber ?? KernelRoute.keepalivedProtocol, kind: kind, onLink: route.onLink)
    }

    /// A `virtual_rules` line as the kernel takes it; a rule without priority takes the next automatic one of its
    /// family (keepalived's "Rule has no preference specified - setting to 16384").
    static func kernelRule(_ rule: VirtualRule, automaticPriorities: inout AutomaticRulePriorities) -> KernelRule {
        let priority = rule.priority ?? automaticPriorities.next(rule.family)
        return KernelRule(
            family: rule.family,
            source: rule.source.map { ($0, rule.sourcePrefixLength) },
            destination: rule.destination.map { ($0, rule.destinationPrefixLength) },
            table: rule.table, priority: priority, inputInterface: rule.inputInterface,
            outputInterface: rule.outputInterface,
            firewallMark: rule.firewallMark.map { ($0, rule.firewallMask) })
    }

    /// keepalived tracks the interface of every virtual route that names one and has no `no_track`, with weight 0
    /// (`add_vrrp_to_interface(vrrp, vroute->oif, 0, …, TRACK_ROUTE)`): the instance goes to FAULT while it is down.
    /// The instance's own interface and interfaces already tracked are not added again.
    static func routeInterfaceTracking(
        _ instance: VRRPInstance, interface: String, tracked: [TrackedItem]
    ) -> [TrackedItem] {
        var names = Set(tracked.map(\.name))
        var items: [TrackedItem] = []
        for route in instance.virtualRoutes where !route.noTrack {
            guard let device = route.device, device != interface else { continue }
            let name = TrackedName.interface(device)
            guard names.insert(name).inserted else { continue }
            items.append(TrackedItem(name: name, weight: 0, reverse: false, initiallyUp: true))
        }
        return items
    }

    /// The kernel routes whose configured line keepalived does not watch: `no_track`, or without `dev`
    /// ("cannot track route … with no interface specified").
    static func untracked(_ routes: [VirtualRoute], _ converted: [KernelRoute]) -> Set<KernelRoute> {
        Set(zip(routes, converted).filter { $0.0.noTrack || $0.0.device == nil }.map(\.1))
    }
}
