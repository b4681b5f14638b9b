/// IP protocol numbers (IANA "Assigned Internet Protocol Numbers") that VRRP traffic uses.
public struct IPProtocol: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The protocol number.
    public var rawValue: UInt8

    /// A protocol from its number.
    @inlinable
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// 112, VRRP (RFC 5798 §5.1.1.4).
    public static let vrrp = IPProtocol(rawValue: 112)
    /// 51, IP Authentication Header (RFC 4302), which carries VRRPv2 with `auth_type AH`.
    public static let authenticationHeader = IPProtocol(rawValue: 51)
    /// 58, ICMPv6.
    public static let icmpv6 = IPProtocol(rawValue: 58)

    /// `VRRP`, `AH`, `ICMPv6` or the number.
    public var description: String {
        switch rawValue {
        case 112: "VRRP"
        case 51: "AH"
        case 58: "ICMPv6"
        default: "\(rawValue)"
        }
    }
}
