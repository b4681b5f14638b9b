/// An ICMPv6 Neighbor Advertisement decoded from a frame, with its IPv6 header.
public struct ReceivedNeighborAdvertisement: Hashable, Sendable {
    /// The IPv6 header facts.
    public var ip: IPPacketInfo
    /// The message.
    public var message: NeighborAdvertisement

    /// A received message from its parts.
    public init(ip: IPPacketInfo, message: NeighborAdvertisement) {
        self.ip = ip
        self.message = message
    }
}
