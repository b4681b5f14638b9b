/// An IPv4 address as a 32-bit value in host order; the text form is dotted decimal.
public struct IPv4Address: Hashable, Sendable, Comparable {
    /// The address as a number, most significant octet first (192.0.2.1 is 0xC000_0201).
    public var value: UInt32

    /// An address from its numeric value.
    @inlinable
    public init(_ value: UInt32) {
        self.value = value
    }

    /// An address from its four octets, most significant first.
    @inlinable
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        self.value = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// The four octets in network order.
    @inlinable
    public var octets: [UInt8] {
        [
            UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
            UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value),
        ]
    }

    /// 0.0.0.0.
    public static let any = IPv4Address(0)
    /// 224.0.0.18, the VRRP multicast group (RFC 5798 §5.1.1.2).
    public static let vrrpMulticast = IPv4Address(224, 0, 0, 18)
    /// 255.255.255.255.
    public static let broadcast = IPv4Address(0xFFFF_FFFF)

    /// Whether the address is in 224.0.0.0/4.
    @inlinable
    public var isMulticast: Bool { value >> 28 == 0xE }

    @inlinable
    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool { lhs.value < rhs.value }

    /// Appends the four octets in network order.
    @inlinable
    public func write(into buffer: inout [UInt8]) {
        buffer.append(UInt8(truncatingIfNeeded: value >> 24))
        buffer.append(UInt8(truncatingIfNeeded: value >> 16))
        buffer.append(UInt8(truncatingIfNeeded: value >> 8))
        buffer.append(UInt8(truncatingIfNeeded: value))
    }
}

extension IPv4Address: LosslessStringConvertible, CustomStringConvertible {
    /// Parses strict dotted decimal: four decimal octets 0–255, no leading zeros beyond a lone 0, no spaces.
    public init?(_ text: String) {
        var text = text
        let parsed: UInt32? = text.withUTF8 { Self.parse($0) }
        guard let parsed else { return nil }
        self.value = parsed
    }

    /// Parses dotted decimal from UTF-8 bytes.
    public init?<Bytes: Collection>(utf8 bytes: Bytes) where Bytes.Element == UInt8 {
        guard let parsed = Array(bytes).withUnsafeBufferPointer({ Self.parse($0) }) else { return nil }
        self.value = parsed
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        var result: UInt32 = 0
        var octet: UInt32 = 0
        var digits = 0
        var parts = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if digits == 1 && octet == 0 { return nil }  // leading zero
                octet = octet * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                if digits > 3 || octet > 255 { return nil }
            case UInt8(ascii: "."):
                guard digits > 0, parts < 3 else { return nil }
                result = result << 8 | octet
                parts += 1
                octet = 0
                digits = 0
            default:
                return nil
            }
        }
        guard digits > 0, parts == 3 else { return nil }
        return result << 8 | octet
    }

    /// Dotted decimal, e.g. `192.0.2.1`.
    public var description: String {
        "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    }
}
