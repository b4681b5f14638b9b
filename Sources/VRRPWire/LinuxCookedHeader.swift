/// The pseudo link-layer header of a Linux "cooked" capture (`tcpdump -i any`): SLL (16 octets, link type 113)
/// or SLL2 (20 octets, link type 276), as tcpdump.org's LINKTYPE_LINUX_SLL and LINKTYPE_LINUX_SLL2 pages lay out.
///
/// ```
/// SLL:  packet type (2) | ARPHRD type (2) | address length (2) | address (8) | protocol type (2)
/// SLL2: protocol type (2) | reserved (2) | interface index (4) | ARPHRD type (2) | packet type (1)
///       | address length (1) | address (8)
/// ```
public struct LinuxCookedHeader: Hashable, Sendable {
    /// Which of the two layouts.
    public enum Version: Hashable, Sendable {
        /// SLL, 16 octets.
        case v1
        /// SLL2, 20 octets, with the interface index.
        case v2
    }

    /// The direction and addressing of a packet (`PACKET_*` in `<linux/if_packet.h>`).
    public struct PacketType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The type's value.
        public var rawValue: UInt16
        /// A packet type from its value.
        @inlinable
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        /// 0, addressed to this host.
        public static let host = PacketType(rawValue: 0)
        /// 1, link-layer broadcast.
        public static let broadcast = PacketType(rawValue: 1)
        /// 2, link-layer multicast.
        public static let multicast = PacketType(rawValue: 2)
        /// 3, addressed to another host.
        public static let otherHost = PacketType(rawValue: 3)
        /// 4, sent by this host.
        public static let outgoing = PacketType(rawValue: 4)
        /// `host`, `broadcast`, `multicast`, `other-host`, `outgoing` or the number.
        public var description: String {
            switch rawValue {
            case 0: "host"
            case 1: "broadcast"
            case 2: "multicast"
            case 3: "other-host"
            case 4: "outgoing"
            default: "packet type \(rawValue)"
            }
        }
    }

    /// The layout.
    public var version: Version
    /// The packet's direction and addressing.
    public var packetType: PacketType
    /// The ARPHRD_ type of the interface (1 for Ethernet, 772 for loopback).
    public var hardwareType: UInt16
    /// How many octets of ``linkLayerAddress`` are meaningful (at most 8 are stored).
    public var linkLayerAddressLength: UInt16
    /// The sender's link-layer address in the high-order octets of 8, the first octet most significant.
    public var linkLayerAddress: UInt64
    /// The payload's protocol: an EtherType for Ethernet interfaces.
    public var protocolType: EtherType
    /// The interface index (SLL2 only; 0 for SLL).
    public var interfaceIndex: UInt32
    /// SLL2's reserved field (0 for SLL).
    public var reserved: UInt16

    /// A header from its fields.
    public init(
        version: Version,
        packetType: PacketType,
        hardwareType: UInt16 = 1,
        linkLayerAddressLength: UInt16 = 6,
        linkLayerAddress: UInt64 = 0,
        protocolType: EtherType,
        interfaceIndex: UInt32 = 0,
        reserved: UInt16 = 0
    ) {
        self.version = version
        self.packetType = packetType
        self.hardwareType = hardwareType
        self.linkLayerAddressLength = linkLayerAddressLength
        self.linkLayerAddress = linkLayerAddress
        self.protocolType = protocolType
        self.interfaceIndex = interfaceIndex
        self.reserved = reserved
    }

    /// A header carrying a MAC address as the sender's link-layer address.
    public init(
        version: Version,
        packetType: PacketType,
        source: MACAddress,
        protocolType: EtherType,
        interfaceIndex: UInt32 = 0
    ) {
        self.init(
            version: version, packetType: packetType, hardwareType: 1, linkLayerAddressLength: 6,
            linkLayerAddress: source.value << 16, protocolType: protocolType, interfaceIndex: interfaceIndex)
    }

    /// The sender's MAC address, when the link-layer address is 6 octets long.
    public var sourceMACAddress: MACAddress? {
        linkLayerAddressLength == 6 ? MACAddress(linkLayerAddress >> 16) : nil
    }

    /// The header length of a layout: 16 or 20 octets.
    @inlinable
    public static func headerLength(_ version: Version) -> Int {
        switch version {
        case .v1: 16
        case .v2: 20
        }
    }

    /// The encoded header length.
    @inlinable
    public var headerLength: Int { Self.headerLength(version) }

    /// Decodes a header of the given layout at the start of `bytes`.
    ///
    /// - Throws: ``WireError/Code/truncated`` when the header does not fit.
    public static func decode(_ bytes: ArraySlice<UInt8>, version: Version) throws(WireError) -> LinuxCookedHeader {
        let length = headerLength(version)
        guard bytes.count >= length else {
            let name = version == .v1 ? "SLL" : "SLL2"
            throw WireError(.truncated, "Linux cooked (\(name)) header needs \(length) octets, got \(bytes.count)")
        }
        switch version {
        case .v1:
            return LinuxCookedHeader(
                version: .v1, packetType: PacketType(rawValue: bytes.uint16(at: 0)),
                hardwareType: bytes.uint16(at: 2), linkLayerAddressLength: bytes.uint16(at: 4),
                linkLayerAddress: bytes.uint64(at: 6), protocolType: EtherType(rawValue: bytes.uint16(at: 14)))
        case .v2:
            return LinuxCookedHeader(
                version: .v2, packetType: PacketType(rawValue: UInt16(bytes.uint8(at: 10))),
                hardwareType: bytes.uint16(at: 8), linkLayerAddressLength: UInt16(bytes.uint8(at: 11)),
                linkLayerAddress: bytes.uint64(at: 12), protocolType: EtherType(rawValue: bytes.uint16(at: 0)),
                interfaceIndex: bytes.uint32(at: 4), reserved: bytes.uint16(at: 2))
        }
    }

    /// Writes the ``headerLength`` octets at `offset`, which must leave room for them. SLL2 keeps the low 8 bits
    /// of the packet type and address length.
    public func write(to buffer: inout [UInt8], at offset: Int) {
        precondition(offset >= 0 && buffer.count - offset >= headerLength, "buffer too small for the header")
        switch version {
        case .v1:
            buffer.setBigEndian(packetType.rawValue, at: offset)
            buffer.setBigEndian(hardwareType, at: offset + 2)
            buffer.setBigEndian(linkLayerAddressLength, at: offset + 4)
            buffer.setBigEndian(UInt32(truncatingIfNeeded: linkLayerAddress >> 32), at: offset + 6)
            buffer.setBigEndian(UInt32(truncatingIfNeeded: linkLayerAddress), at: offset + 10)
            buffer.setBigEndian(protocolType.rawValue, at: offset + 14)
        case .v2:
            buffer.setBigEndian(protocolType.rawValue, at: offset)
            buffer.setBigEndian(reserved, at: offset + 2)
            buffer.setBigEndian(interfaceIndex, at: offset + 4)
            buffer.setBigEndian(hardwareType, at: offset + 8)
            buffer[offset + 10] = UInt8(truncatingIfNeeded: packetType.rawValue)
            buffer[offset + 11] = UInt8(truncatingIfNeeded: linkLayerAddressLength)
            buffer.setBigEndian(UInt32(truncatingIfNeeded: linkLayerAddress >> 32), at: offset + 12)
            buffer.setBigEndian(UInt32(truncatingIfNeeded: linkLayerAddress), at: offset + 16)
        }
    }

    /// Appends the header.
    public func encode(into buffer: inout [UInt8]) {
        let start = buffer.count
        buffer.ensureCount(headerLength, from: start)
        write(to: &buffer, at: start)
    }
}
