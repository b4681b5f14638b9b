/// The VRRP version nibble (RFC 5798 §5.2.1, RFC 3768 §5.3.1).
public struct VRRPVersion: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The nibble's value.
    public var rawValue: UInt8

    /// A version from its nibble; any value is representable, decoding accepts only 2 and 3.
    @inlinable
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// VRRPv2, RFC 3768: IPv4 only, whole-second intervals, optional authentication.
    public static let v2 = VRRPVersion(rawValue: 2)
    /// VRRPv3, RFC 5798: IPv4 and IPv6, centisecond intervals, no authentication.
    public static let v3 = VRRPVersion(rawValue: 3)

    public static func < (lhs: VRRPVersion, rhs: VRRPVersion) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `v2`, `v3`, or `v<n>` for others.
    public var description: String { "v\(rawValue)" }
}

/// The VRRP type nibble (RFC 5798 §5.2.2). Only ADVERTISEMENT is defined.
public struct VRRPPacketType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The nibble's value.
    public var rawValue: UInt8

    /// A type from its nibble.
    @inlinable
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// 1, ADVERTISEMENT.
    public static let advertisement = VRRPPacketType(rawValue: 1)

    /// `advertisement` or `type <n>`.
    public var description: String { self == .advertisement ? "advertisement" : "type \(rawValue)" }
}

/// The VRRPv2 authentication type (RFC 3768 §5.3.6; RFC 2338 §5.3.6 defines 1 and 2).
public struct AuthenticationType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The octet's value.
    public var rawValue: UInt8

    /// A type from its octet.
    @inlinable
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// 0, no authentication.
    public static let none = AuthenticationType(rawValue: 0)
    /// 1, a clear-text password in the 8 authentication octets (keepalived `auth_type PASS`).
    public static let simpleText = AuthenticationType(rawValue: 1)
    /// 2, IP Authentication Header (keepalived `auth_type AH`): an AH header precedes the VRRP message.
    public static let ipAuthenticationHeader = AuthenticationType(rawValue: 2)

    /// `none`, `PASS`, `AH`, or `auth type <n>`.
    public var description: String {
        switch rawValue {
        case 0: "none"
        case 1: "PASS"
        case 2: "AH"
        default: "auth type \(rawValue)"
        }
    }
}

/// The 8 authentication octets of a VRRPv2 message (RFC 3768 §5.3.10), held as one 64-bit value.
public struct AuthenticationData: Hashable, Sendable, CustomStringConvertible {
    /// The octets, the first one most significant.
    public var value: UInt64

    /// Data from its 64-bit value.
    @inlinable
    public init(_ value: UInt64) { self.value = value }

    /// All zero, what RFC 3768 sends when there is no password.
    public static let zero = AuthenticationData(0)

    /// A `PASS` password as keepalived stores it: its first 8 UTF-8 octets, zero-padded.
    public init(password: String) {
        var value: UInt64 = 0
        var count = 0
        for byte in password.utf8.prefix(8) {
            value = value << 8 | UInt64(byte)
            count += 1
        }
        value <<= UInt64(8 * (8 - count))
        self.value = value
    }

    /// The 8 octets.
    public var octets: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * UInt64($0))) }
    }

    /// The octets up to the first zero, as text (invalid UTF-8 repaired).
    public var password: String {
        String(decoding: octets.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// Compares in time independent of where the octets differ (one 64-bit XOR).
    @inlinable
    public func constantTimeEquals(_ other: AuthenticationData) -> Bool {
        (value ^ other.value) == 0
    }

    /// The password text in quotes, non-printable octets escaped.
    public var description: String {
        var text = "\""
        for byte in octets.prefix(while: { $0 != 0 }) {
            if byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }
        }
        return text + "\""
    }
}
