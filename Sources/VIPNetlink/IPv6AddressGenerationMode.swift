/// How the kernel makes an interface's IPv6 link-local address (IN6_ADDR_GEN_MODE_* in <linux/if_link.h>).
///
/// A VMAC carries the same MAC on every router of a VRID, so the default EUI-64 link-local would be the same
/// address on all of them: keepalived sets `none` on its VMACs, FRR sets `random`.
public struct IPv6AddressGenerationMode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The IN6_ADDR_GEN_MODE_* value.
    public var rawValue: UInt8
    /// A mode from its value.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// 0, from the MAC address (the kernel's default).
    public static let eui64 = IPv6AddressGenerationMode(rawValue: 0)
    /// 1, no automatic link-local address (keepalived's VMACs).
    public static let none = IPv6AddressGenerationMode(rawValue: 1)
    /// 2, RFC 7217 stable privacy addresses.
    public static let stablePrivacy = IPv6AddressGenerationMode(rawValue: 2)
    /// 3, a random interface identifier (FRR's VMACs).
    public static let random = IPv6AddressGenerationMode(rawValue: 3)
    /// `eui64`, `none`, `stable_secret`, `random` (as `ip -d link` prints them) or the number.
    public var description: String {
        switch rawValue {
        case 0: "eui64"
        case 1: "none"
        case 2: "stable_secret"
        case 3: "random"
        default: "mode \(rawValue)"
        }
    }
}
