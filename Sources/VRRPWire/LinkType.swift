/// A capture's link-layer header type: the `LINKTYPE_*` / `DLT_*` number of a pcap file or live capture
/// (tcpdump.org "Link-layer header types").
public struct LinkType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The link type number.
    public var rawValue: UInt32

    /// A link type from its number.
    @inlinable
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// 1, Ethernet II with an optional IEEE 802.1Q tag (`LINKTYPE_ETHERNET`).
    public static let ethernet = LinkType(rawValue: 1)
    /// 12, raw IPv4 or IPv6 as libpcap reports it on Linux (`DLT_RAW`).
    public static let rawDLT = LinkType(rawValue: 12)
    /// 101, raw IPv4 or IPv6 as stored in files (`LINKTYPE_RAW`).
    public static let raw = LinkType(rawValue: 101)
    /// 113, Linux cooked capture v1 (`LINKTYPE_LINUX_SLL`), what `tcpdump -i any` wrote before libpcap 1.10.
    public static let linuxSLL = LinkType(rawValue: 113)
    /// 228, raw IPv4 (`LINKTYPE_IPV4`).
    public static let ipv4 = LinkType(rawValue: 228)
    /// 229, raw IPv6 (`LINKTYPE_IPV6`).
    public static let ipv6 = LinkType(rawValue: 229)
    /// 276, Linux cooked capture v2 (`LINKTYPE_LINUX_SLL2`).
    public static let linuxSLL2 = LinkType(rawValue: 276)

    /// `ethernet`, `linux-sll`, `linux-sll2`, `raw`, `ipv4`, `ipv6` or `linktype N`.
    public var description: String {
        switch rawValue {
        case 1: "ethernet"
        case 12, 101: "raw"
        case 113: "linux-sll"
        case 228: "ipv4"
        case 229: "ipv6"
        case 276: "linux-sll2"
        default: "linktype \(rawValue)"
        }
    }
}
