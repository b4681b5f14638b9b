/// When a new master announces its virtual addresses with gratuitous ARP (IPv4) or unsolicited neighbour
/// advertisements (IPv6): keepalived's `garp_*` tunables, with keepalived's defaults.
///
/// On becoming master: a burst of ``masterRepeat`` rounds at once, a second burst of ``masterRepeat`` rounds after
/// ``masterDelay`` (none when it is zero), and, when ``masterRefresh`` is set, ``masterRefreshRepeat`` rounds every
/// ``masterRefresh`` while master. A round is one message per virtual address; consecutive messages are spaced by
/// ``messageInterval`` (`vrrp_garp_interval` for IPv4, `vrrp_gna_interval` for IPv6; zero sends them together).
public struct AnnouncementSettings: Hashable, Sendable {
    /// `garp_master_repeat`: rounds in each burst (default 5).
    public var masterRepeat: Int
    /// `garp_master_delay`: delay of the second burst (default 5 s; zero means no second burst).
    public var masterDelay: Duration
    /// `garp_master_refresh`: period of refresh rounds while master (nil, the default, means none).
    public var masterRefresh: Duration?
    /// `garp_master_refresh_repeat`: rounds in each refresh (default 1).
    public var masterRefreshRepeat: Int
    /// `vrrp_garp_interval` / `vrrp_gna_interval`: spacing between consecutive messages (default 0).
    public var messageInterval: Duration

    /// Settings with keepalived's defaults for anything not given.
    public init(
        masterRepeat: Int = 5,
        masterDelay: Duration = .seconds(5),
        masterRefresh: Duration? = nil,
        masterRefreshRepeat: Int = 1,
        messageInterval: Duration = .zero
    ) {
        self.masterRepeat = masterRepeat
        self.masterDelay = masterDelay
        self.masterRefresh = masterRefresh
        self.masterRefreshRepeat = masterRefreshRepeat
        self.messageInterval = messageInterval
    }

    /// Checks the ranges keepalived accepts.
    public func validate() throws(ConfigurationError) {
        guard (1...255).contains(masterRepeat) else {
            throw ConfigurationError(.announcements, "garp_master_repeat \(masterRepeat); expected 1–255")
        }
        guard (1...255).contains(masterRefreshRepeat) else {
            throw ConfigurationError(
                .announcements, "garp_master_refresh_repeat \(masterRefreshRepeat); expected 1–255")
        }
        guard masterDelay >= .zero, messageInterval >= .zero else {
            throw ConfigurationError(.announcements, "garp_master_delay and garp intervals must not be negative")
        }
        if let masterRefresh, masterRefresh <= .zero {
            throw ConfigurationError(.announcements, "garp_master_refresh \(masterRefresh) must be positive")
        }
    }
}
