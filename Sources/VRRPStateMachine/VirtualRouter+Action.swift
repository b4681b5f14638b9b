public import VRRPWire

extension VirtualRouter {
    /// An output of the router, for the caller to carry out in the order given.
    public enum Action: Hashable, Sendable {
        /// Send this advertisement (to the VRRP group, or to each unicast peer).
        case sendAdvertisement(Advertisement)
        /// Add these addresses to the interface (virtual, then excluded ones).
        case addAddresses([IPAddress])
        /// Remove these addresses from the interface.
        case removeAddresses([IPAddress])
        /// Send one gratuitous ARP for this address (RFC 5798 §6.4.1, RFC 5227).
        case sendGratuitousARP(IPv4Address)
        /// Send one unsolicited neighbour advertisement for this address (RFC 4861 §7.2.6).
        case sendNeighborAdvertisement(IPv6Address)
        /// The state changed; reported after the actions the change required.
        case stateChanged(from: State, to: State, reason: TransitionReason)
        /// A received packet was dropped, and counted.
        case discarded(DiscardReason)
        /// A reload was refused; the router runs on with its previous configuration.
        case configurationRejected(ConfigurationError)
    }

    /// Why a received packet was dropped (RFC 5798 §7.1, RFC 3768 §7.1).
    public enum DiscardReason: Hashable, Sendable, CustomStringConvertible {
        /// Decoding failed (checksum, version, length, type …).
        case malformed(WireError)
        /// A multicast advert whose TTL / hop limit is not 255.
        case hopLimit(UInt8)
        /// An advert of another version than ours.
        case versionMismatch(VRRPVersion)
        /// An advert for another VRID.
        case virtualRouterIDMismatch(UInt8)
        /// An advert of the other address family.
        case addressFamilyMismatch
        /// A VRRPv2 advert with another Auth Type.
        case authenticationTypeMismatch(AuthenticationType)
        /// A VRRPv2 advert whose password differs.
        case authenticationFailure
        /// A VRRPv2 advert with another Advertisement_Interval (RFC 3768 §7.1).
        case intervalMismatch(AdvertisementInterval)
        /// In strict mode, an advert whose addresses differ from ours and whose sender is not the owner.
        case addressListMismatch
        /// With `check_unicast_src`, an advert from a source that is not a unicast peer.
        case unknownUnicastSource(IPAddress)
        /// Our own advert, looped back.
        case ownAdvertisement

        /// A short phrase.
        public var description: String {
            switch self {
            case .malformed(let error): "malformed: \(error.code)"
            case .hopLimit(let ttl): "ttl \(ttl)"
            case .versionMismatch(let version): "version \(version)"
            case .virtualRouterIDMismatch(let vrid): "vrid \(vrid)"
            case .addressFamilyMismatch: "address family"
            case .authenticationTypeMismatch(let type): "auth type \(type)"
            case .authenticationFailure: "auth failure"
            case .intervalMismatch(let interval): "interval \(interval)"
            case .addressListMismatch: "address list"
            case .unknownUnicastSource(let source): "unknown source \(source)"
            case .ownAdvertisement: "own advert"
            }
        }
    }
}
