/// Why bytes could not be decoded or a value could not be encoded.
///
/// Equality compares the ``code`` only, so tests can match `WireError(.badChecksum)` against any thrown
/// checksum error; ``reason`` and ``offset`` say exactly what was wrong and where.
public struct WireError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem this is.
    public var code: Code
    /// A sentence naming the field and the values found.
    public var reason: String
    /// The offset in the decoded bytes where the problem was found, when there is one.
    public var offset: Int?

    /// An error with a code, a reason and an optional offset.
    public init(_ code: Code, _ reason: String = "", offset: Int? = nil) {
        self.code = code
        self.reason = reason
        self.offset = offset
    }

    public static func == (lhs: WireError, rhs: WireError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// `code: reason (at offset N)`.
    public var description: String {
        var text = code.description
        if !reason.isEmpty { text += ": " + reason }
        if let offset { text += " (at offset \(offset))" }
        return text
    }

    /// The kinds of wire error. An open set: new codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name, e.g. `badChecksum`.
        public var description: String { name }

        /// Fewer bytes than the header or the declared lengths need.
        public static let truncated = Code("truncated")
        /// The VRRP version nibble is neither 2 nor 3 (RFC 5798 §5.2.1).
        public static let badVersion = Code("badVersion")
        /// The VRRP type nibble is not 1, ADVERTISEMENT (RFC 5798 §5.2.2).
        public static let badType = Code("badType")
        /// The address count does not match the message length (RFC 5798 §7.1).
        public static let addressCountMismatch = Code("addressCountMismatch")
        /// The checksum does not verify (RFC 5798 §5.2.8, RFC 3768 §5.3.8).
        public static let badChecksum = Code("badChecksum")
        /// A VRRPv2 authentication type other than 0, 1 or 2 (RFC 3768 §5.3.6).
        public static let unknownAuthType = Code("unknownAuthType")
        /// An advertisement interval of zero.
        public static let zeroInterval = Code("zeroInterval")
        /// A VRRPv2 message carried over IPv6; VRRPv2 is IPv4 only (RFC 3768).
        public static let ipv6InVersion2 = Code("ipv6InVersion2")
        /// A value that the chosen format cannot represent (an interval, an address count).
        public static let unrepresentable = Code("unrepresentable")
        /// Addresses of one family carried in a packet of the other.
        public static let addressFamilyMismatch = Code("addressFamilyMismatch")
        /// An IP, link-layer, ARP or ICMPv6 header field with a value this codec does not accept.
        public static let badHeader = Code("badHeader")
        /// A protocol other than the one expected (e.g. not VRRP, not ARP).
        public static let unsupportedProtocol = Code("unsupportedProtocol")
    }
}
