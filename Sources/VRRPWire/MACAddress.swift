/// A 48-bit IEEE 802 MAC address; text form `aa:bb:cc:dd:ee:ff`.
public struct MACAddress: Hashable, Sendable, Comparable {
    /// The six octets as the low 48 bits, the first octet most significant.
    public var value: UInt64

    /// An address from its 48-bit value (higher bits are dropped).
    @inlinable
    public init(_ value: UInt64) { self.value = value & 0xFFFF_FFFF_FFFF }

    /// An address from six octets.
    public init<Bytes: Collection>(octets: Bytes) where Bytes.Element == UInt8 {
        precondition(octets.count == 6, "a MAC address has 6 octets")
        var value: UInt64 = 0
        for byte in octets { value = value << 8 | UInt64(byte) }
        self.value = value
    }

    /// ff:ff:ff:ff:ff:ff.
    public static let broadcast = MACAddress(0xFFFF_FFFF_FFFF)
    /// 00:00:00:00:00:00.
    public static let zero = MACAddress(0)

    /// The VRRP virtual router MAC address (RFC 5798 §7.3): 00-00-5E-00-01-{VRID} for IPv4,
    /// 00-00-5E-00-02-{VRID} for IPv6.
    public static func virtualRouter(_ vrid: UInt8, family: AddressFamily) -> MACAddress {
        switch family {
        case .ipv4: MACAddress(0x0000_5E00_0100 | UInt64(vrid))
        case .ipv6: MACAddress(0x0000_5E00_0200 | UInt64(vrid))
        }
    }

    /// The Ethernet multicast address for an IPv4 group (RFC 1112 §6.4).
    public static func multicast(_ group: IPv4Address) -> MACAddress {
        MACAddress(0x0100_5E00_0000 | UInt64(group.value & 0x7F_FFFF))
    }

    /// The Ethernet multicast address for an IPv6 group (RFC 2464 §7).
    public static func multicast(_ group: IPv6Address) -> MACAddress {
        MACAddress(0x3333_0000_0000 | (group.low & 0xFFFF_FFFF))
    }

    /// The six octets.
    public var octets: [UInt8] {
        (0..<6).map { UInt8(truncatingIfNeeded: value >> (40 - 8 * UInt64($0))) }
    }

    /// Whether the group bit (the least significant bit of the first octet) is set.
    @inlinable
    public var isMulticast: Bool { (value >> 40) & 1 == 1 }

    /// Appends the six octets.
    @inlinable
    public func write(into buffer: inout [UInt8]) {
        var shift: UInt64 = 40
        while true {
            buffer.append(UInt8(truncatingIfNeeded: value >> shift))
            if shift == 0 { break }
            shift -= 8
        }
    }

    public static func < (lhs: MACAddress, rhs: MACAddress) -> Bool { lhs.value < rhs.value }
}

extension MACAddress: LosslessStringConvertible, CustomStringConvertible {
    /// Parses six hexadecimal octets separated by `:` or `-` (one or two digits each).
    public init?(_ text: String) {
        let separator: Character = text.contains("-") ? "-" : ":"
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 6 else { return nil }
        var value: UInt64 = 0
        for part in parts {
            guard (1...2).contains(part.count), let octet = UInt8(part, radix: 16) else { return nil }
            value = value << 8 | UInt64(octet)
        }
        self.value = value
    }

    /// Lower-case, colon-separated, two digits an octet.
    public var description: String {
        octets.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined(separator: ":")
    }
}

extension ArraySlice<UInt8> {
    @inlinable
    package func macAddress(at offset: Int) -> MACAddress {
        MACAddress(UInt64(uint16(at: offset)) << 32 | UInt64(uint32(at: offset + 2)))
    }
}
