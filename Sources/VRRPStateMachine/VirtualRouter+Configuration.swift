public import VRRPWire

extension VirtualRouter {
    /// Everything a virtual router is configured with: what the config loader builds from a `vrrp_instance`.
    public struct Configuration: Hashable, Sendable {
        /// The Virtual Router Identifier, 1–255 (`virtual_router_id`).
        public var virtualRouterID: UInt8
        /// The address family of the virtual addresses and adverts.
        public var family: AddressFamily
        /// The protocol version (`version`). VRRPv2 over IPv6 is keepalived's own format (no authentication data,
        /// the checksum with the IPv6 pseudo-header), not an RFC's.
        public var version: VRRPVersion
        /// The configured priority, 1–255; 255 is the address owner (`priority`).
        public var priority: UInt8
        /// Advertisement_Interval (`advert_int`): whole seconds for VRRPv2, 10 ms – 40.95 s for VRRPv3.
        public var advertisementInterval: AdvertisementInterval
        /// The virtual addresses, carried in adverts in this order (`virtual_ipaddress`). May be empty, as in
        /// keepalived: a router whose mastership only runs notify scripts (a cloud floating IP moved by an API call).
        public var virtualAddresses: [IPAddress]
        /// Addresses added and removed with the virtual ones but not advertised (`virtual_ipaddress_excluded`); of
        /// either family, as keepalived allows (the way to move IPv6 addresses with an IPv4 instance).
        public var excludedAddresses: [IPAddress]
        /// The interface's primary address: the adverts' source and the election tie-break (`mcast_src_ip`,
        /// `unicast_src_ip`, or the interface's first address). Nil while the interface has none: Fault.
        public var primaryAddress: IPAddress?
        /// The interface's name, for reports.
        public var interfaceName: String
        /// Preempt_Mode (RFC 5798 §6.1): a higher-priority backup takes over from a lower-priority master. False is
        /// keepalived's `nopreempt`. An address owner always preempts.
        public var preemptMode: Bool
        /// keepalived's `preempt_delay`: after startup, or after first hearing a lower-priority master, a backup
        /// waits this long before preempting.
        public var preemptDelay: Duration
        /// Accept_Mode (RFC 5798 §6.1): whether a master accepts packets addressed to the virtual addresses. The
        /// runtime applies it; the state machine carries it.
        public var acceptMode: Bool
        /// VRRPv2 authentication (`authentication { auth_type … }`).
        public var authentication: Authentication
        /// Gratuitous ARP / unsolicited NA schedule (keepalived's `garp_*` tunables).
        public var announcements: AnnouncementSettings
        /// keepalived's `vrrp_strict`: adverts whose address list differs from ours are discarded (unless sent by
        /// the owner, RFC 5798 §7.1) instead of counted and accepted.
        public var strictMode: Bool
        /// Unicast peers (`unicast_peer`): empty means multicast to 224.0.0.18 / ff02::12.
        public var unicastPeers: [IPAddress]
        /// With unicast peers, discard adverts from sources not in ``unicastPeers`` (keepalived `check_unicast_src`).
        public var checkUnicastSource: Bool
        /// Whether a master answers an advert of lower priority with an advert of its own at once (keepalived's
        /// default outside strict mode; `lower_prio_no_advert` / `vrrp_lower_prio_no_advert` turn it off).
        public var answerLowerPriority: Bool
        /// Whether a master that hears a better master sends one advert of its own before it becomes Backup
        /// (keepalived's `higher_prio_send_advert` / `vrrp_higher_prio_send_advert`; off by default and in strict
        /// mode).
        public var answerHigherPriority: Bool
        /// How many Master_Adver_Intervals a backup waits before it takes over, plus Skew_Time: 3 in the RFCs,
        /// keepalived's `down_timer_adverts` (1–100).
        public var downTimerAdverts: Int
        /// keepalived's `unicast_fault_no_peer`: with no ``unicastPeers`` the router stays in Fault rather than
        /// advertising to the multicast group.
        public var faultWithoutUnicastPeers: Bool
        /// Tracked scripts, interfaces, files and processes with their weights.
        public var trackedItems: [TrackedItem]

        /// A configuration with keepalived's defaults for everything not given.
        public init(
            virtualRouterID: UInt8,
            family: AddressFamily = .ipv4,
            version: VRRPVersion = .v3,
            priority: UInt8 = 100,
            advertisementInterval: AdvertisementInterval = .oneSecond,
            virtualAddresses: [IPAddress],
            excludedAddresses: [IPAddress] = [],
            primaryAddress: IPAddress?,
            interfaceName: String = "",
            preemptMode: Bool = true,
            preemptDelay: Duration = .zero,
            acceptMode: Bool = false,
            authentication: Authentication = .none,
            announcements: AnnouncementSettings = AnnouncementSettings(),
            strictMode: Bool = false,
            unicastPeers: [IPAddress] = [],
            checkUnicastSource: Bool = false,
            answerLowerPriority: Bool = true,
            answerHigherPriority: Bool = false,
            downTimerAdverts: Int = 3,
            faultWithoutUnicastPeers: Bool = false,
            trackedItems: [TrackedItem] = []
        ) {
            self.virtualRouterID = virtualRouterID
            self.family = family
            self.version = version
            self.priority = priority
            self.advertisementInterval = advertisementInterval
            self.virtualAddresses = virtualAddresses
            self.excludedAddresses = excludedAddresses
            self.primaryAddress = primaryAddress
            self.interfaceName = interfaceName
            self.preemptMode = preemptMode
            self.preemptDelay = preemptDelay
            self.acceptMode = acceptMode
            self.authentication = authentication
            self.announcements = announcements
            self.strictMode = strictMode
            self.unicastPeers = unicastPeers
            self.checkUnicastSource = checkUnicastSource
            self.answerLowerPriority = answerLowerPriority
            self.answerHigherPriority = answerHigherPriority
            self.downTimerAdverts = downTimerAdverts
            self.faultWithoutUnicastPeers = faultWithoutUnicastPeers
            self.trackedItems = trackedItems
        }

        /// Whether this router owns the virtual addresses (priority 255).
        @inlinable
        public var isAddressOwner: Bool { priority == 255 }

        /// The virtual addresses as an advert carries them.
        public var advertisedAddresses: VirtualAddressList {
            VirtualAddressList(virtualAddresses, family: family) ?? .ipv4([])
        }

        /// Checks the configuration; the first problem found is thrown.
        public func validate() throws(ConfigurationError) {
            guard virtualRouterID != 0 else {
                throw ConfigurationError(.virtualRouterID, "virtual_router_id 0; expected 1–255")
            }
            guard priority != 0 else {
                throw ConfigurationError(.priority, "priority 0 is reserved for a master that stops (RFC 5798 §5.2.4)")
            }
            guard version == .v2 || version == .v3 else {
                throw ConfigurationError(.version, "version \(version.rawValue); expected 2 or 3")
            }
            let interval = advertisementInterval.centiseconds
            guard interval >= 1, interval <= 0xFFF || version == .v2 else {
                throw ConfigurationError(
                    .advertisementInterval, "advert_int \(advertisementInterval); expected 10ms–40.95s for VRRPv3")
            }
            if version == .v2, !advertisementInterval.isWholeSeconds {
                throw ConfigurationError(
                    .advertisementInterval, "advert_int \(advertisementInterval); VRRPv2 needs whole seconds, 1–255")
            }
            guard virtualAddresses.count <= 255 else {
                throw ConfigurationError(
                    .virtualAddresses, "\(virtualAddresses.count) virtual addresses; an advert carries at most 255")
            }
            for address in virtualAddresses where address.family != family {
                throw ConfigurationError(.virtualAddresses, "\(address) is not an \(family) address")
            }
            if let primaryAddress, primaryAddress.family != family {
                throw ConfigurationError(.primaryAddress, "primary address \(primaryAddress) is not \(family)")
            }
            for peer in unicastPeers where peer.family != family {
                throw ConfigurationError(.unicastPeers, "unicast peer \(peer) is not \(family)")
            }
            switch authentication {
            case .none: break
            case .password, .ipAuthenticationHeader:
                if version != .v2 {
                    throw ConfigurationError(.authentication, "authentication exists only in VRRPv2 (RFC 5798 §9)")
                }
                if case .ipAuthenticationHeader = authentication, family == .ipv6 {
                    throw ConfigurationError(
                        .authentication, "IPsec AH authentication is IPv4 only (RFC 2338 §5.3.6.3)")
                }
            }
            guard (1...100).contains(downTimerAdverts) else {
                throw ConfigurationError(
                    .downTimerAdverts, "down_timer_adverts \(downTimerAdverts); expected 1–100")
            }
            guard preemptDelay >= .zero else {
                throw ConfigurationError(.preemptDelay, "preempt_delay \(preemptDelay) is negative")
            }
            var names = Set<String>()
            for item in trackedItems {
                guard names.insert(item.name).inserted else {
                    throw ConfigurationError(.trackedItems, "tracked item \"\(item.name)\" appears twice")
                }
                guard (-254...254).contains(item.weight) else {
                    throw ConfigurationError(
                        .trackedItems, "tracked item \"\(item.name)\" weight \(item.weight); expected -254–254")
                }
            }
            try announcements.validate()
        }
    }

    /// VRRPv2 authentication (RFC 3768 §5.3.6; RFC 2338 for the types keepalived still supports).
    public enum Authentication: Hashable, Sendable {
        /// No authentication (type 0).
        case none
        /// `auth_type PASS`: the 8 octets are compared in constant time (type 1).
        case password(AuthenticationData)
        /// `auth_type AH`: the IPsec AH header is built and checked by the socket layer (type 2).
        case ipAuthenticationHeader

        /// The Auth Type octet sent and expected.
        public var type: AuthenticationType {
            switch self {
            case .none: .none
            case .password: .simpleText
            case .ipAuthenticationHeader: .ipAuthenticationHeader
            }
        }

        /// The 8 authentication octets sent.
        public var data: AuthenticationData {
            switch self {
            case .none, .ipAuthenticationHeader: .zero
            case .password(let data): data
            }
        }
    }
}
