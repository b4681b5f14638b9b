/// What a frame holds, as far as VRRP cares.
public enum FramePacket: Hashable, Sendable {
    /// A VRRP advertisement that decoded and verified.
    case advertisement(ReceivedAdvertisement)
    /// An ARP packet (gratuitous ARPs announce virtual IPv4 addresses).
    case arp(ARPPacket)
    /// An ICMPv6 Neighbor Advertisement (unsolicited ones announce virtual IPv6 addresses).
    case neighborAdvertisement(ReceivedNeighborAdvertisement)
    /// Anything else.
    case other(OtherPacket)
    /// A frame that failed to decode at some layer.
    case malformed(FrameError)
}
