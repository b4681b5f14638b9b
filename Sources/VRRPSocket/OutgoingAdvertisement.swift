public import VRRPWire

/// One advertisement to send: from a source address to each destination (the VRRP group, or unicast peers).
public struct OutgoingAdvertisement: Sendable {
    /// The advertisement.
    public var advertisement: Advertisement
    /// The source address (IP_PKTINFO / IPV6_PKTINFO; for IPv4 VRRPv3 also the checksum's pseudo-header source).
    public var source: IPAddress
    /// Where it goes: one datagram per destination.
    public var destinations: [IPAddress]

    /// An advertisement with its addressing.
    public init(_ advertisement: Advertisement, from source: IPAddress, to destinations: [IPAddress]) {
        self.advertisement = advertisement
        self.source = source
        self.destinations = destinations
    }
}
