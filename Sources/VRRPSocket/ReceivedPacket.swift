public import VRRPWire

/// One VRRP packet taken from a ``VRRPSocket``: the IP facts the state machine checks and the VRRP message.
public struct ReceivedPacket: Hashable, Sendable {
    /// The IP source address.
    public var source: IPAddress
    /// The IP destination address (the group for multicast, our address for unicast).
    public var destination: IPAddress
    /// The TTL (IPv4) or hop limit (IPv6) the packet arrived with; RFC 5798 §7.1 requires 255.
    public var ttl: UInt8
    /// The index of the interface it arrived on.
    public var interfaceIndex: Int32
    /// The IP protocol it was carried in: VRRP, or AH for a VRRPv2 `auth_type AH` packet.
    public var ipProtocol: IPProtocol
    /// The IP Authentication Header (RFC 4302) that preceded the message, for protocol 51; empty otherwise.
    public var authenticationHeader: [UInt8]
    /// The VRRP message: the IP payload without the IPv4 header (and without the AH header, if any).
    public var payload: [UInt8]
    /// The IPv4 header as received, kept for protocol 51 only (the AH ICV covers it); empty otherwise.
    public var ipHeader: [UInt8]
    /// When the kernel received the packet, on CLOCK_MONOTONIC in nanoseconds (the socket's SO_TIMESTAMPNS
    /// stamp, moved from the realtime clock); nil when the kernel gave none.
    public var arrival: Int64?

    /// A packet from its parts.
    public init(
        source: IPAddress,
        destination: IPAddress,
        ttl: UInt8,
        interfaceIndex: Int32,
        ipProtocol: IPProtocol = .vrrp,
        authenticationHeader: [UInt8] = [],
        payload: [UInt8],
        ipHeader: [UInt8] = [],
        arrival: Int64? = nil
    ) {
        self.source = source
        self.destination = destination
        self.ttl = ttl
        self.interfaceIndex = interfaceIndex
        self.ipProtocol = ipProtocol
        self.authenticationHeader = authenticationHeader
        self.payload = payload
        self.ipHeader = ipHeader
        self.arrival = arrival
    }

    /// The source and destination as VRRPWire endpoints, or nil when their families differ.
    public var endpoints: IPEndpoints? {
        switch (source, destination) {
        case (.ipv4(let source), .ipv4(let destination)): .ipv4(source: source, destination: destination)
        case (.ipv6(let source), .ipv6(let destination)): .ipv6(source: source, destination: destination)
        case (.ipv4, .ipv6), (.ipv6, .ipv4): nil
        }
    }

    /// Decodes the payload as an advertisement, verifying its checksum against the endpoints.
    public func decode() throws(WireError) -> DecodedAdvertisement {
        guard let endpoints else {
            throw WireError(.addressFamilyMismatch, "source \(source) and destination \(destination) differ in family")
        }
        return try Advertisement.decode(payload[...], endpoints: endpoints)
    }
}
