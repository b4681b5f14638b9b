/// Why a frame could not be decoded: the layer that failed, the ``WireError`` with its code, and the IP facts
/// and VRRP header fields that were readable before the failure.
public struct FrameError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The protocol layers a frame is decoded through.
    public enum Layer: Hashable, Sendable, CustomStringConvertible {
        /// Ethernet, 802.1Q or a Linux cooked header.
        case link
        /// The IPv4 header.
        case ipv4
        /// The IPv6 header and its extension headers.
        case ipv6
        /// The IP Authentication Header.
        case authenticationHeader
        /// The VRRP message.
        case vrrp
        /// The ARP packet.
        case arp
        /// The ICMPv6 Neighbor Advertisement.
        case icmpv6

        /// `link`, `IPv4`, `IPv6`, `AH`, `VRRP`, `ARP`, `ICMPv6`.
        public var description: String {
            switch self {
            case .link: "link"
            case .ipv4: "IPv4"
            case .ipv6: "IPv6"
            case .authenticationHeader: "AH"
            case .vrrp: "VRRP"
            case .arp: "ARP"
            case .icmpv6: "ICMPv6"
            }
        }
    }

    /// The layer that failed.
    public var layer: Layer
    /// The error, with its code, reason and offset within the layer.
    public var error: WireError
    /// The IP facts, when the IP header decoded.
    public var ip: IPPacketInfo?
    /// The VRID octet of a VRRP message that failed to decode, when at least 2 octets were present.
    public var virtualRouterID: UInt8?

    /// An error from its parts.
    public init(layer: Layer, error: WireError, ip: IPPacketInfo? = nil, virtualRouterID: UInt8? = nil) {
        self.layer = layer
        self.error = error
        self.ip = ip
        self.virtualRouterID = virtualRouterID
    }

    /// The error's code.
    @inlinable
    public var code: WireError.Code { error.code }

    /// `VRRP badChecksum: reason (at offset N)`.
    public var description: String { "\(layer) \(error)" }
}
