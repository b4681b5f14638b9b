public import VIPNetlink

/// keepalived's `static_ipaddress`, `static_routes` and `static_rules`: put in place when the node starts,
/// whatever its routers' states, put back when someone deletes a tracked one, and removed when the node stops
/// (keepalived's `start_vrrp` / `stop_vrrp` and `reinstate_static_*`).
public struct StaticEntries: Sendable {
    /// The addresses, each with its `device`.
    public var addresses: [ConfiguredAddress]
    /// The routes.
    public var routes: [KernelRoute]
    /// The rules.
    public var rules: [KernelRule]
    /// Members of ``routes`` that are not put back when deleted (`no_track`, or no `dev`, as in keepalived).
    public var untrackedRoutes: Set<KernelRoute>
    /// Members of ``rules`` that are not put back when deleted (`no_track`).
    public var untrackedRules: Set<KernelRule>

    /// Static entries from their parts; none by default.
    public init(
        addresses: [ConfiguredAddress] = [],
        routes: [KernelRoute] = [],
        rules: [KernelRule] = [],
        untrackedRoutes: Set<KernelRoute> = [],
        untrackedRules: Set<KernelRule> = []
    ) {
        self.addresses = addresses
        self.routes = routes
        self.rules = rules
        self.untrackedRoutes = untrackedRoutes
        self.untrackedRules = untrackedRules
    }

    /// Whether there is nothing to keep.
    public var isEmpty: Bool { addresses.isEmpty && routes.isEmpty && rules.isEmpty }

    /// The routes put back when deleted.
    var trackedRoutes: [KernelRoute] { routes.filter { !untrackedRoutes.contains($0) } }

    /// The rules put back when deleted.
    var trackedRules: [KernelRule] { rules.filter { !untrackedRules.contains($0) } }
}
