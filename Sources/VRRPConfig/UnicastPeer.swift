public import VRRPWire

/// An entry of `unicast_peer { IP [min_ttl N] [max_ttl N] }`.
public struct UnicastPeer: Hashable, Sendable {
    /// The peer's address.
    public var address: IPAddress
    /// `min_ttl`: the lowest TTL accepted from this peer.
    public var minimumTTL: UInt8?
    /// `max_ttl`: the highest TTL accepted from this peer.
    public var maximumTTL: UInt8?
    /// Where the entry is.
    public var location: SourceLocation?

    /// A peer from its parts.
    public init(address: IPAddress, minimumTTL: UInt8? = nil, maximumTTL: UInt8? = nil, location: SourceLocation? = nil)
    {
        self.address = address
        self.minimumTTL = minimumTTL
        self.maximumTTL = maximumTTL
        self.location = location
    }
}
