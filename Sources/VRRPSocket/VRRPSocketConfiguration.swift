public import VRRPWire

/// How to open a ``VRRPSocket``: the interface, the family, the groups to join and the IP options to send with.
public struct VRRPSocketConfiguration: Hashable, Sendable {
    /// The interface the socket is bound to (SO_BINDTODEVICE); it sends and receives only there.
    public var interface: String
    /// IPv4 (VRRPv2 or v3) or IPv6 (VRRPv3).
    public var family: AddressFamily
    /// Multicast groups joined on the interface, by index. Empty for a unicast-only socket.
    public var multicastGroups: [IPAddress]
    /// TTL (IPv4) or hop limit (IPv6) of sent packets; RFC 5798 §5.1.1.3 requires 255.
    public var ttl: UInt8
    /// The IPv4 TOS / IPv6 traffic class octet: 0xC0, precedence "internetwork control", as keepalived sends.
    public var trafficClass: UInt8
    /// When set, packets whose source is not in the list are dropped on receive (keepalived
    /// `vrrp_check_unicast_src`); nil accepts any source.
    public var acceptedSources: Set<IPAddress>?
    /// The IP protocol: ``IPProtocol/vrrp`` (112), or ``IPProtocol/authenticationHeader`` (51) for a socket
    /// that receives VRRPv2 `auth_type AH` packets and sends whole IPv4 packets (IP_HDRINCL, IPv4 only).
    public var ipProtocol: IPProtocol
    /// SO_RCVBUF in octets, when the default should be changed.
    public var receiveBufferSize: Int?

    /// A configuration with the RFC defaults: the family's VRRP group, TTL 255, traffic class 0xC0, protocol 112.
    public init(
        interface: String,
        family: AddressFamily,
        multicastGroups: [IPAddress]? = nil,
        ttl: UInt8 = 255,
        trafficClass: UInt8 = 0xC0,
        acceptedSources: Set<IPAddress>? = nil,
        ipProtocol: IPProtocol = .vrrp,
        receiveBufferSize: Int? = nil
    ) {
        self.interface = interface
        self.family = family
        switch family {
        case .ipv4: self.multicastGroups = multicastGroups ?? [.ipv4(.vrrpMulticast)]
        case .ipv6: self.multicastGroups = multicastGroups ?? [.ipv6(.vrrpMulticast)]
        }
        self.ttl = ttl
        self.trafficClass = trafficClass
        self.acceptedSources = acceptedSources
        self.ipProtocol = ipProtocol
        self.receiveBufferSize = receiveBufferSize
    }
}
