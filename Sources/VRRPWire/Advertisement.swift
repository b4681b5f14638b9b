/// A VRRP advertisement, version 2 (RFC 3768 §5.3) or 3 (RFC 5798 §5.2), as a validated value.
///
/// ```
///  VRRPv3 (RFC 5798 §5.1)                    VRRPv2 (RFC 3768 §5.1)
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Version| Type  | Virtual Rtr ID|   Priority    |Count IPvX Addr|
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |(rsvd) |     Max Adver Int     |          Checksum             |   v3
/// |   Auth Type   |   Adver Int   |          Checksum             |   v2
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    IPvX Address(es) ...                       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |        Authentication Data (8 octets, v2 only)                |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
///
/// Decoding checks every field and throws a ``WireError`` naming the problem; encoding writes the exact bytes
/// a decoded value came from (reserved bits and authentication octets are kept).
public struct Advertisement: Hashable, Sendable {
    /// The protocol version.
    public var version: VRRPVersion
    /// The Virtual Router Identifier, 1–255 (0 decodes; the state machine counts it as a VRID error).
    public var virtualRouterID: UInt8
    /// The sender's priority: 255 for the address owner, 0 when a master releases (RFC 5798 §5.2.4).
    public var priority: UInt8
    /// The virtual addresses, IPv4 or IPv6.
    public var addresses: VirtualAddressList
    /// The (Max) Advertisement Interval. VRRPv2 carries whole seconds.
    public var interval: AdvertisementInterval
    /// VRRPv2's authentication type; always ``AuthenticationType/none`` in VRRPv3.
    public var authenticationType: AuthenticationType
    /// VRRPv2's 8 authentication octets; zero in VRRPv3.
    public var authenticationData: AuthenticationData
    /// VRRPv3's 4 reserved bits before Max Adver Int (sent as zero, kept as received).
    public var reserved: UInt8

    /// An advertisement from its fields.
    public init(
        version: VRRPVersion,
        virtualRouterID: UInt8,
        priority: UInt8,
        addresses: VirtualAddressList,
        interval: AdvertisementInterval = .oneSecond,
        authenticationType: AuthenticationType = .none,
        authenticationData: AuthenticationData = .zero,
        reserved: UInt8 = 0
    ) {
        self.version = version
        self.virtualRouterID = virtualRouterID
        self.priority = priority
        self.addresses = addresses
        self.interval = interval
        self.authenticationType = authenticationType
        self.authenticationData = authenticationData
        self.reserved = reserved
    }

    /// The length of the fixed header, 8 octets.
    public static let headerLength = 8
    /// The length of VRRPv2's authentication data, 8 octets.
    public static let authenticationDataLength = 8

    /// The encoded length in octets. VRRPv2 over IPv6 (keepalived's format) carries no authentication data.
    @inlinable
    public var encodedLength: Int {
        Self.headerLength + addresses.count * addresses.family.addressLength
            + (version == .v2 && addresses.family == .ipv4 ? Self.authenticationDataLength : 0)
    }
}

/// A decoded advertisement with the facts of its checksum.
public struct DecodedAdvertisement: Hashable, Sendable {
    /// The advertisement.
    public var advertisement: Advertisement
    /// The checksum field as received.
    public var checksum: UInt16
    /// How the checksum was computed by the sender.
    public var checksumVariant: ChecksumVariant

    /// A decoded advertisement from its parts.
    public init(advertisement: Advertisement, checksum: UInt16, checksumVariant: ChecksumVariant) {
        self.advertisement = advertisement
        self.checksum = checksum
        self.checksumVariant = checksumVariant
    }
}
