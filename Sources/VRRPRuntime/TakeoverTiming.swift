/// The instants of one takeover on the node's CLOCK_MONOTONIC: the state machine's decision to become master,
/// the virtual addresses installed in the kernel, the first gratuitous ARP / unsolicited NA sent.
public struct TakeoverTiming: Hashable, Sendable {
    /// When the router decided to become master (the loop iteration that handled the event or timer).
    public var decidedAt: Int64
    /// When the netlink calls that install the virtual addresses returned.
    public var addressesInstalledAt: Int64?
    /// When the first gratuitous ARP or Neighbor Advertisement left.
    public var firstAnnouncementAt: Int64?

    /// A takeover decided at `decidedAt`.
    public init(decidedAt: Int64, addressesInstalledAt: Int64? = nil, firstAnnouncementAt: Int64? = nil) {
        self.decidedAt = decidedAt
        self.addressesInstalledAt = addressesInstalledAt
        self.firstAnnouncementAt = firstAnnouncementAt
    }

    /// Decision → addresses installed.
    public var toAddressesInstalled: Duration? { addressesInstalledAt.map { .nanoseconds($0 - decidedAt) } }

    /// Decision → first announcement.
    public var toFirstAnnouncement: Duration? { firstAnnouncementAt.map { .nanoseconds($0 - decidedAt) } }
}
