/// When and how often a new master repeats gratuitous ARP / unsolicited NA (keepalived `garp_*` keywords).
/// `nil` fields take the global `vrrp_garp_*` value, then keepalived's default.
public struct GratuitousARPSettings: Hashable, Sendable {
    /// `garp_master_delay`: seconds after becoming master before the second burst (default 5).
    public var masterDelay: Duration?
    /// `garp_master_repeat`: messages per burst (default 5).
    public var masterRepeat: Int?
    /// `garp_master_refresh`: seconds between refresh bursts while master (default 0 = none).
    public var masterRefresh: Duration?
    /// `garp_master_refresh_repeat`: messages per refresh burst (default 1).
    public var masterRefreshRepeat: Int?
    /// `garp_lower_prio_delay`: seconds before re-announcing on a lower-priority advertisement.
    public var lowerPriorityDelay: Duration?
    /// `garp_lower_prio_repeat`: messages sent then.
    public var lowerPriorityRepeat: Int?
    /// `vrrp_garp_interval` / `garp_interval`: delay between gratuitous ARPs of one burst.
    public var interval: Duration?
    /// `vrrp_gna_interval` / `gna_interval`: delay between unsolicited NAs of one burst.
    public var neighborAdvertisementInterval: Duration?

    /// Nothing set.
    public init() {}
}
