/// A frame that holds neither VRRP, ARP nor a Neighbor Advertisement: what it is, as far as it was decoded.
public struct OtherPacket: Hashable, Sendable, CustomStringConvertible {
    /// The payload's EtherType, when the link layer was decoded.
    public var etherType: EtherType?
    /// The IP facts, when the frame carried IP.
    public var ip: IPPacketInfo?
    /// The IP protocol (after any extension headers), when the frame carried IP.
    public var ipProtocol: IPProtocol?
    /// A short phrase naming what the frame holds, e.g. `IPv4 protocol 6`, `EtherType 0x88cc`.
    public var summary: String

    /// A frame from its facts.
    public init(summary: String, etherType: EtherType? = nil, ip: IPPacketInfo? = nil, ipProtocol: IPProtocol? = nil) {
        self.etherType = etherType
        self.ip = ip
        self.ipProtocol = ipProtocol
        self.summary = summary
    }

    /// The summary.
    public var description: String { summary }
}
