public import VRRPWire

extension VirtualRouter {
    /// An input to the router. Events are data; the caller passes `now` alongside.
    public enum Event: Hashable, Sendable {
        /// Start the router (RFC 5798 §6.4.1). A no-op unless it is in Initialize.
        case startup
        /// Start the router with keepalived's `vrrp_startup_delay`: it starts as Backup (even the address owner),
        /// and until `until` every master-down timer it arms runs from `until` rather than from now, so it takes
        /// over no sooner than `until` + Master_Down_Interval. Adverts are received and answered meanwhile. A no-op
        /// unless it is in Initialize.
        case delayedStartup(until: VRRPInstant)
        /// Stop the router: a master sends priority 0 and removes its addresses. A no-op in Initialize.
        case shutdown
        /// A decoded advertisement arrived, with its IP source, destination and TTL / hop limit.
        case advertisementReceived(ReceivedAdvertisement)
        /// A packet for this router failed to decode; the error is counted under its MIB counter.
        case malformedPacketReceived(WireError)
        /// The interface went up or down.
        case interfaceStateChanged(isUp: Bool)
        /// The interface's primary address changed; nil when it has none (which is a fault).
        case primaryAddressChanged(IPAddress?)
        /// A tracked item changed state. Unknown names are ignored.
        case trackedItemChanged(name: String, isUp: Bool)
        /// A tracked value (keepalived's `track_file`) changed: the new number. A condition item counts it as up
        /// when it is not 0. Unknown names are ignored.
        case trackedItemValueChanged(name: String, value: Int)
        /// A reload: the new configuration is applied, keeping state and timers where the change allows.
        case configurationChanged(Configuration)
        /// A directive from the router's ``SyncGroup``.
        case syncGroup(SyncGroup.Directive)
        /// One of the router's addresses was removed from the interface by someone else. A Master falls back to
        /// Backup as keepalived does for a tracked VIP: it sends priority 0, removes its addresses and takes over
        /// again, re-adding them, once its Skew_Time passes without a better master. Ignored in other states and
        /// for addresses that are not the router's.
        case virtualAddressLost(IPAddress)
        /// Something the runtime installs with mastership besides the addresses (keepalived's `virtual_routes` and
        /// `virtual_rules`) was deleted by someone else; the text names it. A Master falls back to Backup as for a
        /// lost address; ignored in other states.
        case virtualRouteLost(String)
    }

    /// An advertisement as received: the decoded message and the IP header facts the checks need.
    public struct ReceivedAdvertisement: Hashable, Sendable {
        /// The decoded message.
        public var advertisement: Advertisement
        /// The IP source address: the sender's primary address.
        public var source: IPAddress
        /// The IP destination: the VRRP group or, with unicast peers, our address.
        public var destination: IPAddress
        /// The IPv4 TTL or IPv6 hop limit; must be 255 for multicast (RFC 5798 §7.1).
        public var hopLimit: UInt8
        /// When the packet reached the host, on the caller's clock (e.g. the socket's receive timestamp); nil when
        /// unknown, which counts as the `now` it is handled at.
        ///
        /// A Backup's master-down timer runs from here (RFC 5798 §6.4.2: reset on receipt), so the time a busy or
        /// idle node takes to get to a queued advert does not lengthen Master_Down_Interval. An arrival after
        /// `now` counts as `now`; one more than a Master_Adver_Interval before `now` counts as one interval before
        /// (a clock error in the caller must not fire the timer while the master's next advert is still due).
        public var arrivedAt: VRRPInstant?

        /// A received advertisement; the destination defaults to the family's VRRP group, the hop limit to 255.
        public init(
            _ advertisement: Advertisement,
            from source: IPAddress,
            to destination: IPAddress? = nil,
            hopLimit: UInt8 = 255,
            arrivedAt: VRRPInstant? = nil
        ) {
            self.advertisement = advertisement
            self.source = source
            switch source {
            case .ipv4: self.destination = destination ?? .ipv4(.vrrpMulticast)
            case .ipv6: self.destination = destination ?? .ipv6(.vrrpMulticast)
            }
            self.hopLimit = hopLimit
            self.arrivedAt = arrivedAt
        }

        /// Whether the destination is a multicast group.
        public var isMulticast: Bool {
            switch destination {
            case .ipv4(let address): address.isMulticast
            case .ipv6(let address): address.isMulticast
            }
        }
    }
}
