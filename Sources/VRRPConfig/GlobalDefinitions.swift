public import VRRPWire

/// The VRRP part of `global_defs` (SMTP keys are kept too, for notify mail).
public struct GlobalDefinitions: Hashable, Sendable {
    /// `router_id`.
    public var routerID: String?
    /// `vrrp_version` (default 2).
    public var vrrpVersion: VRRPVersion = .v2
    /// `vrrp_strict`.
    public var strict: Bool = false
    /// `vrrp_skip_check_adv_addr`.
    public var skipCheckAdvertisementAddresses: Bool = false
    /// `vrrp_check_unicast_src`.
    public var checkUnicastSource: Bool = false
    /// `vrrp_lower_prio_no_advert [BOOL]`: the default of every instance's `lower_prio_no_advert`.
    public var lowerPriorityNoAdvert: Bool = false
    /// `vrrp_higher_prio_send_advert [BOOL]`: the default of every instance's `higher_prio_send_advert`.
    public var higherPrioritySendAdvert: Bool = false
    /// `vrrp_down_timer_adverts N` (1–100): the default of every instance's `down_timer_adverts`.
    public var downTimerAdverts: Int = 3
    /// `vrrp_notify_priority_changes [BOOL]`: the default of every instance's `notify_priority_changes`.
    public var notifyPriorityChanges: Bool = false
    /// `vrrp_startup_delay SECONDS` (0.001–4294.967295): at its first start the node waits that long, its
    /// instances in BACKUP listening, before any master-down timer may expire.
    public var startupDelay: Duration = .zero
    /// `vrrp_mcast_group4` (default 224.0.0.18).
    public var multicastGroup4: IPv4Address = .vrrpMulticast
    /// `vrrp_mcast_group6` (default ff02::12).
    public var multicastGroup6: IPv6Address = .vrrpMulticast
    /// `vrrp_garp_*` / `vrrp_gna_*` defaults for every instance.
    public var gratuitousARP = GratuitousARPSettings()
    /// `enable_script_security`.
    public var enableScriptSecurity: Bool = false
    /// `script_user USER [GROUP]`.
    public var scriptUser: String?
    /// The group of `script_user`.
    public var scriptGroup: String?
    /// `max_auto_priority [N]`.
    public var maxAutoPriority: Int?
    /// `vrrp_rt_priority N` (1-99): run the VRRP loop under SCHED_RR at this priority; nil: the normal scheduler.
    public var realtimePriority: Int?
    /// `vrrp_no_swap`: lock the process's memory (mlockall).
    public var lockMemory: Bool = false
    /// `notify_fifo` / `vrrp_notify_fifo` path.
    public var notifyFIFO: String?
    /// `vrrp_notify_fifo_script` / `notify_fifo_script`.
    public var notifyFIFOScript: String?
    /// `default_interface` as written; ``defaultInterfaceName`` applies keepalived's default.
    public var defaultInterface: String?
    /// `notification_email` addresses.
    public var notificationEmails: [String] = []
    /// `notification_email_from`.
    public var notificationEmailFrom: String?
    /// `smtp_server` (address or name, optional port).
    public var smtpServer: String?
    /// `smtp_connect_timeout` in seconds.
    public var smtpConnectTimeout: Int?

    /// The default interface in effect: `default_interface`, else keepalived's `eth0` (its DFLT_INT). It takes
    /// static addresses and routes without `dev`, and here also a unicast instance without `interface`.
    public var defaultInterfaceName: String { defaultInterface ?? "eth0" }

    /// Defaults.
    public init() {}
}
