/// The IP-level facts of a received packet that the VRRP receive checks need (RFC 5798 §7.1): the header with
/// its addresses and TTL / hop limit, and the Authentication Header when one preceded the payload.
public struct IPPacketInfo: Hashable, Sendable {
    /// The IP header.
    public var header: IPHeader
    /// The Authentication Header between the IP header and the payload, if any.
    public var authenticationHeader: AuthenticationHeader?

    /// Facts from their parts.
    public init(header: IPHeader, authenticationHeader: AuthenticationHeader? = nil) {
        self.header = header
        self.authenticationHeader = authenticationHeader
    }

    /// The source and destination addresses.
    @inlinable
    public var endpoints: IPEndpoints { header.endpoints }

    /// The IPv4 TTL or IPv6 hop limit.
    @inlinable
    public var hopLimit: UInt8 { header.hopLimit }

    /// Whether the payload came behind an IP Authentication Header.
    @inlinable
    public var viaAuthenticationHeader: Bool { authenticationHeader != nil }
}
