/// The IPvX Address(es) field of an advertisement: addresses of one family, in packet order.
public enum VirtualAddressList: Hashable, Sendable {
    /// IPv4 addresses (VRRPv2, or VRRPv3 over IPv4).
    case ipv4([IPv4Address])
    /// IPv6 addresses (VRRPv3 over IPv6).
    case ipv6([IPv6Address])

    /// The family of the list.
    @inlinable
    public var family: AddressFamily {
        switch self {
        case .ipv4: .ipv4
        case .ipv6: .ipv6
        }
    }

    /// How many addresses the list holds.
    @inlinable
    public var count: Int {
        switch self {
        case .ipv4(let list): list.count
        case .ipv6(let list): list.count
        }
    }

    /// Whether the list is empty.
    @inlinable
    public var isEmpty: Bool { count == 0 }

    /// The addresses as values of either family.
    public var addresses: [IPAddress] {
        switch self {
        case .ipv4(let list): list.map { .ipv4($0) }
        case .ipv6(let list): list.map { .ipv6($0) }
        }
    }

    /// Whether the list holds the address.
    public func contains(_ address: IPAddress) -> Bool {
        switch (self, address) {
        case (.ipv4(let list), .ipv4(let address)): list.contains(address)
        case (.ipv6(let list), .ipv6(let address)): list.contains(address)
        case (.ipv4, .ipv6), (.ipv6, .ipv4): false
        }
    }

    /// Whether two lists hold the same set of addresses, whatever their order (RFC 5798 §7.1 compares sets).
    public func sameSet(as other: VirtualAddressList) -> Bool {
        switch (self, other) {
        case (.ipv4(let a), .ipv4(let b)): Set(a) == Set(b)
        case (.ipv6(let a), .ipv6(let b)): Set(a) == Set(b)
        case (.ipv4, .ipv6), (.ipv6, .ipv4): false
        }
    }

    /// Builds a list from addresses of either family; nil when the families are mixed.
    public init?(_ addresses: [IPAddress], family: AddressFamily) {
        switch family {
        case .ipv4:
            var list: [IPv4Address] = []
            for address in addresses {
                guard case .ipv4(let v4) = address else { return nil }
                list.append(v4)
            }
            self = .ipv4(list)
        case .ipv6:
            var list: [IPv6Address] = []
            for address in addresses {
                guard case .ipv6(let v6) = address else { return nil }
                list.append(v6)
            }
            self = .ipv6(list)
        }
    }
}

/// The IP source and destination an advertisement travels between. They fix the address family and enter the
/// VRRPv3 checksum's pseudo-header (RFC 5798 §5.2.8).
public enum IPEndpoints: Hashable, Sendable {
    /// An IPv4 packet.
    case ipv4(source: IPv4Address, destination: IPv4Address)
    /// An IPv6 packet.
    case ipv6(source: IPv6Address, destination: IPv6Address)

    /// The family of the packet.
    @inlinable
    public var family: AddressFamily {
        switch self {
        case .ipv4: .ipv4
        case .ipv6: .ipv6
        }
    }

    /// The source address.
    public var source: IPAddress {
        switch self {
        case .ipv4(let source, _): .ipv4(source)
        case .ipv6(let source, _): .ipv6(source)
        }
    }

    /// The destination address.
    public var destination: IPAddress {
        switch self {
        case .ipv4(_, let destination): .ipv4(destination)
        case .ipv6(_, let destination): .ipv6(destination)
        }
    }

    /// The same source, with the family's VRRP group as destination.
    public var towardVRRPGroup: IPEndpoints {
        switch self {
        case .ipv4(let source, _): .ipv4(source: source, destination: .vrrpMulticast)
        case .ipv6(let source, _): .ipv6(source: source, destination: .vrrpMulticast)
        }
    }

    /// Multicast to the VRRP group from the given source.
    public static func multicast(from source: IPAddress) -> IPEndpoints {
        switch source {
        case .ipv4(let source): .ipv4(source: source, destination: .vrrpMulticast)
        case .ipv6(let source): .ipv6(source: source, destination: .vrrpMulticast)
        }
    }
}

/// How a checksum was computed (RFC 3768 §5.3.8, RFC 5798 §5.2.8).
public enum ChecksumVariant: Hashable, Sendable, CustomStringConvertible {
    /// VRRPv2: over the VRRP message alone.
    case version2
    /// VRRPv3 as RFC 5798 specifies: with the IPv4 or IPv6 pseudo-header.
    case pseudoHeader
    /// VRRPv3 over IPv4 without the pseudo-header, as keepalived with `v3_checksum_as_v2` and FRR with
    /// `checksum-with-ipv4-pseudoheader` off send it. Not standard; accepted on decode and reported.
    case withoutPseudoHeader

    /// VRRPv3 over IPv4 unicast with the pseudo-header computed as if the destination were 224.0.0.18, as
    /// keepalived sends it with `old_unicast_checksum` (its pre-2.0 behaviour). Not standard; accepted on decode
    /// only for a unicast destination, and reported.
    case multicastPseudoHeader

    /// keepalived's own VRRPv2 over IPv6, which no RFC defines (RFC 3768 is IPv4 only): a VRRPv2 header (auth
    /// type, Adver Int in seconds) and IPv6 addresses, no authentication data, and the checksum over the IPv6
    /// pseudo-header and the message, as the kernel fills it in for keepalived (`IPV6_CHECKSUM`). keepalived 2.2.7
    /// sends it for an IPv6 instance with `version 2` and no `vrrp_strict` (vrrp.c `vrrp_build_vrrp_v2`,
    /// `vrrp_pkt_len`). The whole format, not only the checksum, differs: decoding accepts it and reports it with
    /// this variant; encoding VRRPv2 over IPv6 needs it named.
    case keepalivedVersion2OverIPv6

    /// Whether the variant is the one the RFC of the message's version specifies.
    public var isStandard: Bool {
        switch self {
        case .version2, .pseudoHeader: true
        case .withoutPseudoHeader, .multicastPseudoHeader, .keepalivedVersion2OverIPv6: false
        }
    }

    /// `v2`, `pseudo-header`, `no-pseudo-header`, `multicast-pseudo-header`, `keepalived-v2-over-ipv6`.
    public var description: String {
        switch self {
        case .version2: "v2"
        case .pseudoHeader: "pseudo-header"
        case .withoutPseudoHeader: "no-pseudo-header"
        case .multicastPseudoHeader: "multicast-pseudo-header"
        case .keepalivedVersion2OverIPv6: "keepalived-v2-over-ipv6"
        }
    }
}
