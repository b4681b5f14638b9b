/// An Ethernet II type field / Linux cooked protocol type (IEEE 802 numbers, IANA "IEEE 802 Numbers").
public struct EtherType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The 16-bit value.
    public var rawValue: UInt16

    /// An EtherType from its value.
    @inlinable
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// 0x0800, IPv4.
    public static let ipv4 = EtherType(rawValue: 0x0800)
    /// 0x0806, ARP.
    public static let arp = EtherType(rawValue: 0x0806)
    /// 0x86DD, IPv6.
    public static let ipv6 = EtherType(rawValue: 0x86DD)
    /// 0x8100, an IEEE 802.1Q VLAN tag follows.
    public static let vlan = EtherType(rawValue: 0x8100)
    /// 0x88A8, an IEEE 802.1ad service tag follows.
    public static let serviceVLAN = EtherType(rawValue: 0x88A8)

    /// `IPv4`, `ARP`, `IPv6`, `802.1Q`, `802.1ad` or `0xNNNN`.
    public var description: String {
        switch rawValue {
        case 0x0800: "IPv4"
        case 0x0806: "ARP"
        case 0x86DD: "IPv6"
        case 0x8100: "802.1Q"
        case 0x88A8: "802.1ad"
        default: "0x" + hex(rawValue)
        }
    }
}
