public import VRRPWire

/// A `vrrp_instance` block with keepalived's defaults applied: everything the runtime needs to run one
/// virtual router.
public struct VRRPInstance: Hashable, Sendable {
    /// The instance name (`vrrp_instance NAME`).
    public var name: String
    /// Where the block starts.
    public var location: SourceLocation?
    /// `state` (default BACKUP).
    public var initialState: InitialState = .backup
    /// `interface`; `nil` when the file omits it, which keepalived allows only for a unicast instance with
    /// `unicast_src_ip` (see ``runningInterface(defaultInterface:)``).
    public var interface: String?
    /// `vrf`: the VRF device a unicast instance without `interface` sends and receives in (keepalived binds its
    /// sockets to it); vrrpctl does not provide it.
    public var vrf: String?
    /// `virtual_router_id` (1–255); `nil` when missing or invalid.
    public var virtualRouterID: UInt8?
    /// `priority` (1–255, default 100).
    public var priority: UInt8 = 100
    /// `advert_int` (default 1 s), already rounded to what `version` carries.
    public var advertisementInterval: AdvertisementInterval = .oneSecond
    /// The protocol version in effect: `version`, else global `vrrp_version`, forced to v3 for IPv6.
    public var version: VRRPVersion = .v2
    /// The address family, decided by the first virtual address (`native_ipv6` forces IPv6).
    public var family: AddressFamily = .ipv4
    /// `authentication` (honoured for VRRPv2 outside strict mode only).
    public var authentication: InstanceAuthentication?
    /// `virtual_ipaddress`: the addresses carried in advertisements.
    public var virtualAddresses: [VirtualAddress] = []
    /// `virtual_ipaddress_excluded`: addresses moved with mastership but not advertised.
    public var excludedVirtualAddresses: [VirtualAddress] = []
    /// `virtual_routes`: routes installed with the virtual addresses while MASTER.
    public var virtualRoutes: [VirtualRoute] = []
    /// `virtual_rules`: policy routing rules installed with the virtual addresses while MASTER.
    public var virtualRules: [VirtualRule] = []
    /// `mcast_src_ip` / `unicast_src_ip`: the source address of advertisements.
    public var sourceAddress: IPAddress?
    /// `mcast_dst_ip`: a multicast group other than the global one.
    public var multicastGroup: IPAddress?
    /// `unicast_peer`: when non-empty, advertisements go to these addresses instead of the multicast group.
    public var unicastPeers: [UnicastPeer] = []
    /// `unicast_ttl`.
    public var unicastTTL: UInt8?
    /// `nopreempt` clears it; RFC 5798 Preempt_Mode.
    public var preempt: Bool = true
    /// `preempt_delay` (0–1000 s).
    public var preemptDelay: Duration = .zero
    /// `accept` / `no_accept`: RFC 5798 Accept_Mode; `nil` means keepalived's default (off, on when strict is off
    /// and the address is owned).
    public var acceptMode: Bool?
    /// `track_script` entries.
    public var trackScripts: [TrackReference] = []
    /// `track_interface` entries.
    public var trackInterfaces: [TrackReference] = []
    /// `track_file` entries.
    public var trackFiles: [TrackReference] = []
    /// `track_process` entries.
    public var trackProcesses: [TrackReference] = []
    /// `notify_*` scripts.
    public var notify = NotifyScripts()
    /// `garp_*` settings of this instance.
    public var gratuitousARP = GratuitousARPSettings()
    /// `use_vmac [NAME]`: run on a macvlan with the virtual MAC; the associated name if given.
    public var useVMAC: VMACSetting?
    /// `vmac_xmit_base`: send from the base interface rather than the macvlan.
    public var vmacTransmitBase: Bool = false
    /// `strict_mode` (or global `vrrp_strict`): RFC-strict behaviour.
    public var strictMode: Bool = false
    /// `skip_check_adv_addr` (or the global setting).
    public var skipCheckAdvertisementAddresses: Bool = false
    /// `dont_track_primary`: the instance's own interface going down does not fault it.
    public var dontTrackPrimary: Bool = false
    /// `lower_prio_no_advert`, else global `vrrp_lower_prio_no_advert`; always on in strict mode: a master does not
    /// answer an advert of lower priority with one of its own.
    public var lowerPriorityNoAdvert: Bool = false
    /// `higher_prio_send_advert`, else global `vrrp_higher_prio_send_advert`; always off in strict mode: a master
    /// that hears a higher priority sends one advert before it becomes backup.
    public var higherPrioritySendAdvert: Bool = false
    /// `down_timer_adverts` (1–100), else global `vrrp_down_timer_adverts`; 3 in strict mode: the adverts a
    /// backup misses before it takes over (Master_Down_Interval = N × Master_Adver_Interval + Skew_Time).
    public var downTimerAdverts: Int = 3
    /// `unicast_fault_no_peer`: without unicast peers the instance stays in FAULT instead of going multicast.
    public var unicastFaultNoPeer: Bool = false
    /// `check_unicast_src`, or global `vrrp_check_unicast_src`: unicast adverts from a source that is not a peer
    /// are dropped.
    public var checkUnicastSource: Bool = false
    /// `notify_priority_changes`, else global `vrrp_notify_priority_changes`: each change of the effective
    /// priority writes `INSTANCE "NAME" MASTER_PRIORITY|BACKUP_PRIORITY N` to the notify fifo.
    public var notifyPriorityChanges: Bool = false
    /// `debug`, `lvs_sync_daemon_interface` and other accepted keywords without VRRP effect, by name.
    public var ignoredKeywords: [String] = []

    /// An instance named `name` with keepalived's defaults.
    public init(name: String, location: SourceLocation? = nil) {
        self.name = name
        self.location = location
    }

    /// Whether advertisements go to unicast peers rather than the multicast group.
    public var isUnicast: Bool { !unicastPeers.isEmpty }
}
