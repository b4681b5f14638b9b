/// An IPv4 header (RFC 791 §3.1).
///
/// ```
///  0                   1                   2                   3
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Version|  IHL  |Type of Service|          Total Length         |
/// |         Identification        |Flags|      Fragment Offset    |
/// |  Time to Live |    Protocol   |         Header Checksum       |
/// |                       Source Address                          |
/// |                    Destination Address                        |
/// |                    Options (IHL > 5)                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
///
/// Decoding honours IHL (options are kept as octets, never interpreted) and Total Length (octets beyond it,
/// such as Ethernet padding, are not payload).
public struct IPv4Header: Hashable, Sendable {
    /// Type of Service: DSCP (6 bits) and ECN (2 bits).
    public var typeOfService: UInt8
    /// Header plus payload length in octets.
    public var totalLength: UInt16
    /// The fragment identification.
    public var identification: UInt16
    /// The 3 flag bits (reserved, DF, MF) and the 13-bit fragment offset in 8-octet units.
    public var flagsAndFragmentOffset: UInt16
    /// Time to Live; VRRP requires 255 (RFC 5798 §5.1.1.3).
    public var timeToLive: UInt8
    /// The payload's protocol.
    public var protocolNumber: IPProtocol
    /// The header checksum as received; ``write(to:at:)`` computes a fresh one.
    public var headerChecksum: UInt16
    /// The source address.
    public var source: IPv4Address
    /// The destination address.
    public var destination: IPv4Address
    /// The options, a multiple of 4 octets, at most 40.
    public var options: [UInt8]

    /// The fixed header length, 20 octets.
    public static let minimumHeaderLength = 20

    /// A header from its fields; `totalLength` is the header length plus `payloadLength`.
    public init(
        source: IPv4Address,
        destination: IPv4Address,
        protocolNumber: IPProtocol,
        payloadLength: Int,
        timeToLive: UInt8 = 255,
        typeOfService: UInt8 = 0xC0,
        identification: UInt16 = 0,
        flagsAndFragmentOffset: UInt16 = 0,
        options: [UInt8] = []
    ) {
        self.typeOfService = typeOfService
        self.totalLength = UInt16(truncatingIfNeeded: Self.minimumHeaderLength + options.count + payloadLength)
        self.identification = identification
        self.flagsAndFragmentOffset = flagsAndFragmentOffset
        self.timeToLive = timeToLive
        self.protocolNumber = protocolNumber
        self.headerChecksum = 0
        self.source = source
        self.destination = destination
        self.options = options
    }

    /// The header length in octets (IHL × 4).
    @inlinable
    public var headerLength: Int { Self.minimumHeaderLength + options.count }

    /// The payload length the header declares (Total Length − header length).
    @inlinable
    public var payloadLength: Int { max(0, Int(totalLength) - headerLength) }

    /// Whether Don't Fragment is set.
    @inlinable
    public var dontFragment: Bool { flagsAndFragmentOffset & 0x4000 != 0 }

    /// Whether More Fragments is set.
    @inlinable
    public var moreFragments: Bool { flagsAndFragmentOffset & 0x2000 != 0 }

    /// The fragment offset in octets.
    @inlinable
    public var fragmentOffset: Int { Int(flagsAndFragmentOffset & 0x1FFF) * 8 }

    /// Whether the packet is a fragment (More Fragments set or a non-zero offset).
    @inlinable
    public var isFragment: Bool { flagsAndFragmentOffset & 0x3FFF != 0 }

    /// The packet's endpoints.
    @inlinable
    public var endpoints: IPEndpoints { .ipv4(source: source, destination: destination) }

    /// Decodes the header at the start of `bytes`; its payload is `bytes[headerLength..<totalLength]`.
    ///
    /// - Parameter verifyChecksum: whether a header checksum that does not verify is an error.
    /// - Throws: ``WireError/Code/truncated`` when the header or the declared total length does not fit,
    ///   ``WireError/Code/badHeader`` for a version other than 4, an IHL below 5 or a total length shorter than
    ///   the header, ``WireError/Code/badChecksum`` for a header checksum that does not verify.
    public static func decode(_ bytes: ArraySlice<UInt8>, verifyChecksum: Bool = true) throws(WireError) -> IPv4Header {
        guard bytes.count >= minimumHeaderLength else {
            throw WireError(.truncated, "IPv4 header needs \(minimumHeaderLength) octets, got \(bytes.count)")
        }
        let versionAndIHL = bytes.uint8(at: 0)
        guard versionAndIHL >> 4 == 4 else {
            throw WireError(.badHeader, "IP version \(versionAndIHL >> 4) in an IPv4 packet", offset: 0)
        }
        let headerLength = Int(versionAndIHL & 0x0F) * 4
        guard headerLength >= minimumHeaderLength else {
            throw WireError(.badHeader, "IPv4 IHL \(headerLength / 4), at least 5", offset: 0)
        }
        guard bytes.count >= headerLength else {
            throw WireError(
                .truncated, "IPv4 header with options needs \(headerLength) octets, got \(bytes.count)", offset: 0)
        }
        let totalLength = bytes.uint16(at: 2)
        guard Int(totalLength) >= headerLength else {
            throw WireError(
                .badHeader, "IPv4 total length \(totalLength) is shorter than the \(headerLength)-octet header",
                offset: 2)
        }
        guard Int(totalLength) <= bytes.count else {
            throw WireError(
                .truncated, "IPv4 total length \(totalLength), only \(bytes.count) octets captured", offset: 2)
        }
        let start = bytes.startIndex
        if verifyChecksum, InternetChecksum.of(bytes[start..<start + headerLength]) != 0 {
            var copy = Array(bytes[start..<start + headerLength])
            copy[10] = 0
            copy[11] = 0
            throw WireError(
                .badChecksum,
                "IPv4 header checksum 0x\(hex(bytes.uint16(at: 10))) does not verify; expected 0x\(hex(InternetChecksum.of(copy)))",
                offset: 10)
        }
        let options =
            headerLength > minimumHeaderLength
            ? Array(bytes[start + minimumHeaderLength..<start + headerLength]) : []
        var header = IPv4Header(
            source: bytes.ipv4Address(at: 12), destination: bytes.ipv4Address(at: 16),
            protocolNumber: IPProtocol(rawValue: bytes.uint8(at: 9)), payloadLength: 0,
            timeToLive: bytes.uint8(at: 8), typeOfService: bytes.uint8(at: 1), identification: bytes.uint16(at: 4),
            flagsAndFragmentOffset: bytes.uint16(at: 6), options: options)
        header.totalLength = totalLength
        header.headerChecksum = bytes.uint16(at: 10)
        return header
    }

    /// The checksum this header should carry.
    public var computedChecksum: UInt16 {
        var sum = InternetChecksum()
        sum.add(UInt16(0x4000) | UInt16(headerLength / 4) << 8 | UInt16(typeOfService))
        sum.add(totalLength)
        sum.add(identification)
        sum.add(flagsAndFragmentOffset)
        sum.add(UInt16(timeToLive) << 8 | UInt16(protocolNumber.rawValue))
        sum.add(source)
        sum.add(destination)
        sum.add(options)
        return sum.value
    }

    /// Writes the ``headerLength`` octets at `offset` with a freshly computed checksum. The options must be a
    /// multiple of 4 octets and at most 40.
    public func write(to buffer: inout [UInt8], at offset: Int) {
        precondition(options.count % 4 == 0 && options.count <= 40, "IPv4 options: a multiple of 4, at most 40")
        precondition(offset >= 0 && buffer.count - offset >= headerLength, "buffer too small for the header")
        buffer[offset] = 0x40 | UInt8(headerLength / 4)
        buffer[offset + 1] = typeOfService
        buffer.setBigEndian(totalLength, at: offset + 2)
        buffer.setBigEndian(identification, at: offset + 4)
        buffer.setBigEndian(flagsAndFragmentOffset, at: offset + 6)
        buffer[offset + 8] = timeToLive
        buffer[offset + 9] = protocolNumber.rawValue
        buffer.setBigEndian(computedChecksum, at: offset + 10)
        buffer.setBigEndian(source.value, at: offset + 12)
        buffer.setBigEndian(destination.value, at: offset + 16)
        for (index, byte) in options.enumerated() { buffer[offset + 20 + index] = byte }
    }

    /// Appends the header.
    public func encode(into buffer: inout [UInt8]) {
        let start = buffer.count
        buffer.ensureCount(headerLength, from: start)
        write(to: &buffer, at: start)
    }
}
