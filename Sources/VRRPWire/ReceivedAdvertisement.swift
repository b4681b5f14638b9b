/// A VRRP advertisement decoded from a frame, with the IP facts it arrived with.
public struct ReceivedAdvertisement: Hashable, Sendable {
    /// The IP header facts (source, destination, TTL / hop limit, Authentication Header).
    public var ip: IPPacketInfo
    /// The advertisement and its checksum facts.
    public var decoded: DecodedAdvertisement

    /// A received advertisement from its parts.
    public init(ip: IPPacketInfo, decoded: DecodedAdvertisement) {
        self.ip = ip
        self.decoded = decoded
    }

    /// The advertisement.
    @inlinable
    public var advertisement: Advertisement { decoded.advertisement }

    /// How the sender computed the checksum.
    @inlinable
    public var checksumVariant: ChecksumVariant { decoded.checksumVariant }
}
