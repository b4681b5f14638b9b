/// An ICMPv6 Neighbor Advertisement (RFC 4861 §4.4), the message a VRRPv3 IPv6 master sends unsolicited for
/// each virtual address (RFC 5798 §6.4.1): to ff02::1, Override set, Router set when the router forwards.
///
/// ```
///  0                   1                   2                   3
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Type      |     Code      |          Checksum             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |R|S|O|                     Reserved                            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                       Target Address (16)                     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   Options: Target Link-Layer Address (type 2, length 1) ...
/// ```
public struct NeighborAdvertisement: Hashable, Sendable {
    /// R: the sender is a router.
    public var isRouter: Bool
    /// S: sent in response to a solicitation (clear when unsolicited).
    public var isSolicited: Bool
    /// O: the advertisement should override an existing cache entry.
    public var isOverride: Bool
    /// The 29 reserved bits (sent as zero, kept as received).
    public var reserved: UInt32
    /// The address whose link-layer address is advertised.
    public var target: IPv6Address
    /// The Target Link-Layer Address option (type 2), when present.
    public var targetLinkLayerAddress: MACAddress?
    /// Other options, as their raw octets in order (each a multiple of 8 octets).
    public var otherOptions: [UInt8]

    /// ICMPv6 type 136.
    public static let icmpType: UInt8 = 136
    /// The fixed part's length, 24 octets.
    public static let fixedLength = 24

    /// A message from its fields.
    public init(
        isRouter: Bool,
        isSolicited: Bool,
        isOverride: Bool,
        target: IPv6Address,
        targetLinkLayerAddress: MACAddress?,
        reserved: UInt32 = 0,
        otherOptions: [UInt8] = []
    ) {
        self.isRouter = isRouter
        self.isSolicited = isSolicited
        self.isOverride = isOverride
        self.reserved = reserved
        self.target = target
        self.targetLinkLayerAddress = targetLinkLayerAddress
        self.otherOptions = otherOptions
    }

    /// An unsolicited advertisement of `target` at `hardwareAddress`: Override set, Solicited clear.
    public static func unsolicited(
        _ target: IPv6Address,
        at hardwareAddress: MACAddress,
        isRouter: Bool
    ) -> NeighborAdvertisement {
        NeighborAdvertisement(
            isRouter: isRouter, isSolicited: false, isOverride: true, target: target,
            targetLinkLayerAddress: hardwareAddress)
    }

    /// The encoded ICMPv6 message length.
    public var encodedLength: Int { Self.fixedLength + (targetLinkLayerAddress == nil ? 0 : 8) + otherOptions.count }

    /// Appends the ICMPv6 message with its checksum over the IPv6 pseudo-header of `source` → `destination`.
    public func encode(into buffer: inout [UInt8], source: IPv6Address, destination: IPv6Address) {
        let start = buffer.count
        buffer.append(Self.icmpType)
        buffer.append(0)
        buffer.appendBigEndian(UInt16(0))
        let flags: UInt32 = (isRouter ? 1 << 31 : 0) | (isSolicited ? 1 << 30 : 0) | (isOverride ? 1 << 29 : 0)
        buffer.appendBigEndian(flags | (reserved & 0x1FFF_FFFF))
        target.write(into: &buffer)
        if let targetLinkLayerAddress {
            buffer.append(2)
            buffer.append(1)
            targetLinkLayerAddress.write(into: &buffer)
        }
        buffer.append(contentsOf: otherOptions)
        let checksum = Self.checksum(buffer[start...], source: source, destination: destination)
        buffer.setBigEndian(checksum, at: start + 2)
    }

    /// The ICMPv6 checksum over the pseudo-header and the message (0 when a received message verifies).
    static func checksum(_ message: ArraySlice<UInt8>, source: IPv6Address, destination: IPv6Address) -> UInt16 {
        var sum = InternetChecksum()
        sum.add(source)
        sum.add(destination)
        sum.add(UInt32(truncatingIfNeeded: message.count))
        sum.add(UInt32(IPProtocol.icmpv6.rawValue))
        sum.add(message)
        return sum.value
    }

    /// Decodes an ICMPv6 message that must be a Neighbor Advertisement, verifying its checksum.
    public static func decode(
        _ bytes: ArraySlice<UInt8>,
        source: IPv6Address,
        destination: IPv6Address
    ) throws(WireError) -> NeighborAdvertisement {
        guard bytes.count >= fixedLength else {
            throw WireError(.truncated, "neighbor advertisement needs \(fixedLength) octets, got \(bytes.count)")
        }
        guard bytes.uint8(at: 0) == icmpType else {
            throw WireError(
                .unsupportedProtocol, "ICMPv6 type \(bytes.uint8(at: 0)), expected 136 (Neighbor Advertisement)",
                offset: 0)
        }
        guard bytes.uint8(at: 1) == 0 else {
            throw WireError(.badHeader, "ICMPv6 code \(bytes.uint8(at: 1)), expected 0", offset: 1)
        }
        guard checksum(bytes, source: source, destination: destination) == 0 else {
            throw WireError(.badChecksum, "ICMPv6 checksum 0x\(hex(bytes.uint16(at: 2))) does not verify", offset: 2)
        }
        let flags = bytes.uint32(at: 4)
        var linkLayer: MACAddress? = nil
        var others: [UInt8] = []
        var offset = fixedLength
        while offset < bytes.count {
            guard bytes.count - offset >= 2 else {
                throw WireError(.truncated, "option header cut short", offset: offset)
            }
            let type = bytes.uint8(at: offset)
            let length = Int(bytes.uint8(at: offset + 1)) * 8
            guard length > 0 else { throw WireError(.badHeader, "option of length 0", offset: offset + 1) }
            guard offset + length <= bytes.count else {
                throw WireError(.truncated, "option of \(length) octets runs past the message", offset: offset)
            }
            if type == 2, length == 8, linkLayer == nil {
                linkLayer = bytes.macAddress(at: offset + 2)
            } else {
                let start = bytes.startIndex + offset
                others.append(contentsOf: bytes[start..<start + length])
            }
            offset += length
        }
        return NeighborAdvertisement(
            isRouter: flags & (1 << 31) != 0, isSolicited: flags & (1 << 30) != 0, isOverride: flags & (1 << 29) != 0,
            target: bytes.ipv6Address(at: 8), targetLinkLayerAddress: linkLayer, reserved: flags & 0x1FFF_FFFF,
            otherOptions: others)
    }
}
