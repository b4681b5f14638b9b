/// The two address families VRRP runs over.
public enum AddressFamily: Hashable, Sendable, CustomStringConvertible {
    /// IPv4: VRRPv2 or VRRPv3 (RFC 3768, RFC 5798).
    case ipv4
    /// IPv6: VRRPv3 only (RFC 5798).
    case ipv6

    /// The length of one address of this family in octets.
    @inlinable
    public var addressLength: Int {
        switch self {
        case .ipv4: 4
        case .ipv6: 16
        }
    }

    /// `IPv4` or `IPv6`.
    public var description: String {
        switch self {
        case .ipv4: "IPv4"
        case .ipv6: "IPv6"
        }
    }
}

/// An address of either family.
public enum IPAddress: Hashable, Sendable, Comparable {
    /// An IPv4 address.
    case ipv4(IPv4Address)
    /// An IPv6 address.
    case ipv6(IPv6Address)

    /// The address's family.
    @inlinable
    public var family: AddressFamily {
        switch self {
        case .ipv4: .ipv4
        case .ipv6: .ipv6
        }
    }

    /// Orders IPv4 before IPv6, then numerically.
    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        switch (lhs, rhs) {
        case (.ipv4(let a), .ipv4(let b)): a < b
        case (.ipv6(let a), .ipv6(let b)): a < b
        case (.ipv4, .ipv6): true
        case (.ipv6, .ipv4): false
        }
    }
}

extension IPAddress: LosslessStringConvertible, CustomStringConvertible {
    /// Parses either family's text form.
    public init?(_ text: String) {
        if let v4 = IPv4Address(text) {
            self = .ipv4(v4)
        } else if let v6 = IPv6Address(text) {
            self = .ipv6(v6)
        } else {
            return nil
        }
    }

    /// The family's canonical text form.
    public var description: String {
        switch self {
        case .ipv4(let address): address.description
        case .ipv6(let address): address.description
        }
    }
}
