/// The typed model of one node's keepalived.conf (with its includes), keepalived's defaults applied.
public struct KeepalivedConfiguration: Hashable, Sendable {
    /// The VRRP part of `global_defs`.
    public var global = GlobalDefinitions()
    /// `vrrp_script` blocks, in file order.
    public var scripts: [VRRPScriptDefinition] = []
    /// `track_file` / `vrrp_track_file` blocks.
    public var trackFiles: [TrackFileDefinition] = []
    /// `vrrp_track_process` blocks.
    public var trackProcesses: [TrackProcessDefinition] = []
    /// `vrrp_instance` blocks.
    public var instances: [VRRPInstance] = []
    /// `vrrp_sync_group` blocks.
    public var syncGroups: [SyncGroup] = []
    /// `static_ipaddress`: addresses put on their `dev` at startup whatever the VRRP state, put back when someone
    /// deletes one (unless `no_track`), removed when the node stops.
    public var staticAddresses: [VirtualAddress] = []
    /// `static_routes`: routes kept in place like the static addresses.
    public var staticRoutes: [VirtualRoute] = []
    /// `static_rules`: policy rules kept in place like the static addresses.
    public var staticRules: [VirtualRule] = []
    /// How many load-balancing (LVS) top-level blocks were parsed and ignored.
    public var ignoredLoadBalancingBlocks: Int = 0

    /// An empty configuration.
    public init() {}

    /// The script named `name`.
    public func script(named name: String) -> VRRPScriptDefinition? { scripts.first { $0.name == name } }
    /// The instance named `name`.
    public func instance(named name: String) -> VRRPInstance? { instances.first { $0.name == name } }
}
