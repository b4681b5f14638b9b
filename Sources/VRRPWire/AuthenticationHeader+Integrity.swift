/// keepalived's `auth_type AH` for VRRPv2 over IPv4 (RFC 2402 with HMAC-MD5-96, RFC 2403), built and checked
/// without the kernel's IPsec:
///
/// - the packet is an IPv4 header (TOS 0xC0, an Identification that counts up per advert, no fragment bits,
///   TTL 255, protocol 51), a 24-octet AH (next header 112, Payload Len 4, SPI = the IPv4 source address as its
///   four octets, a 32-bit sequence number, a 12-octet ICV) and the VRRPv2 message (auth type 2, its 8
///   authentication octets zero);
/// - the ICV is the first 12 octets of HMAC-MD5 keyed with the 8 octets of `auth_pass` (zero-padded, truncated
///   to 8) over the IPv4 header with TOS, flags / fragment offset and header checksum zeroed (and TTL zeroed
///   when the instance has unicast peers), then the AH with a zero ICV, then the VRRP message. The
///   Identification is covered, so the sender must put the header on the wire itself (IP_HDRINCL).
extension AuthenticationHeader {
    /// The HMAC-MD5-96 ICV length, 12 octets (RFC 2403 §3).
    public static let hmacMD5ICVLength = 12

    /// The AH of a keepalived advert with a zero ICV: next header VRRP, SPI = `source`.
    public static func keepalivedHeader(source: IPv4Address, sequenceNumber: UInt32) -> AuthenticationHeader {
        AuthenticationHeader(
            nextHeader: .vrrp, securityParametersIndex: source.value, sequenceNumber: sequenceNumber,
            integrityCheckValue: [UInt8](repeating: 0, count: hmacMD5ICVLength))
    }

    /// A whole IPv4 packet carrying `advertisement` under a keepalived AH, with its ICV and header checksum.
    ///
    /// - Parameters:
    ///   - identification: the IPv4 Identification (keepalived counts it up from 1 per advert, skipping 0,
    ///     because the kernel fills in a zero one after the ICV was computed).
    ///   - sequenceNumber: the AH sequence number.
    ///   - key: the 8 authentication octets (``AuthenticationData/octets``).
    ///   - zeroTimeToLiveInICV: whether TTL is zeroed for the ICV (keepalived: when unicast peers are set).
    /// - Throws: ``WireError/Code/unrepresentable`` unless the advert is VRRPv2 (AH exists only there), or what
    ///   encoding the advert throws.
    public static func authenticatedIPv4Packet(
        _ advertisement: Advertisement,
        source: IPv4Address,
        destination: IPv4Address,
        identification: UInt16,
        sequenceNumber: UInt32,
        key: [UInt8],
        timeToLive: UInt8 = 255,
        typeOfService: UInt8 = 0xC0,
        zeroTimeToLiveInICV: Bool = false
    ) throws(WireError) -> [UInt8] {
        guard advertisement.version == .v2 else {
            throw WireError(.unrepresentable, "AH authentication exists only for VRRPv2 (RFC 3768), not VRRPv3")
        }
        var advert = advertisement
        advert.authenticationType = .ipAuthenticationHeader
        advert.authenticationData = .zero
        let message = try advert.encoded(endpoints: .ipv4(source: source, destination: destination))
        let header = keepalivedHeader(source: source, sequenceNumber: sequenceNumber)
        var packet: [UInt8] = []
        packet.reserveCapacity(IPv4Header.minimumHeaderLength + header.length + message.count)
        IPv4Header(
            source: source, destination: destination, protocolNumber: .authenticationHeader,
            payloadLength: header.length + message.count, timeToLive: timeToLive, typeOfService: typeOfService,
            identification: identification
        ).encode(into: &packet)
        header.encode(into: &packet)
        packet.append(contentsOf: message)
        let icv = try integrityCheckValue(ipv4Packet: packet[...], key: key, zeroTimeToLive: zeroTimeToLiveInICV)
        let icvOffset = IPv4Header.minimumHeaderLength + fixedLength
        packet.replaceSubrange(icvOffset..<icvOffset + hmacMD5ICVLength, with: icv)
        return packet
    }

    /// The HMAC-MD5-96 ICV keepalived computes for an IPv4 packet (header, AH, VRRP message): the received
    /// ICV octets do not matter, they are taken as zero.
    ///
    /// - Throws: ``WireError/Code/truncated`` / ``WireError/Code/badHeader`` when the packet is not an IPv4
    ///   header followed by a whole AH with a 12-octet ICV; ``WireError/Code/unsupportedProtocol`` when the
    ///   IPv4 protocol is not 51.
    public static func integrityCheckValue(
        ipv4Packet packet: ArraySlice<UInt8>, key: [UInt8], zeroTimeToLive: Bool
    ) throws(WireError) -> [UInt8] {
        let (headerLength, ahEnd) = try locate(in: packet)
        let start = packet.startIndex
        var ipHeader = Array(packet[start..<start + headerLength])
        ipHeader[1] = 0  // TOS
        ipHeader[6] = 0  // flags and fragment offset
        ipHeader[7] = 0
        ipHeader[10] = 0  // header checksum
        ipHeader[11] = 0
        if zeroTimeToLive { ipHeader[8] = 0 }
        var ah = Array(packet[start + headerLength..<start + ahEnd])
        for index in fixedLength..<ah.count { ah[index] = 0 }
        var hmac = HMACMD5(key: key)
        hmac.update(ipHeader)
        hmac.update(ah)
        hmac.update(packet[(start + ahEnd)...])
        return Array(hmac.finalize().prefix(hmacMD5ICVLength))
    }

    /// What checking a received keepalived AH packet found.
    public enum Verification: Hashable, Sendable, CustomStringConvertible {
        /// The ICV verifies and the SPI is the source address.
        case valid(sequenceNumber: UInt32)
        /// The ICV does not verify: another password, or a field changed on the way.
        case integrityCheckFailed(received: [UInt8], expected: [UInt8])
        /// The ICV verifies but the SPI is not the IPv4 source address (keepalived's rule).
        case securityParametersIndexMismatch(spi: UInt32, source: IPv4Address)

        /// One line naming what failed, as keepalived logs it.
        public var description: String {
            switch self {
            case .valid(let sequence): return "valid (sequence number \(sequence))"
            case .integrityCheckFailed(let received, let expected):
                return "invalid IPSEC HMAC-MD5 value \(hexadecimal(received)), expected \(hexadecimal(expected)): "
                    + "a different auth_pass or a field changed in transit"
            case .securityParametersIndexMismatch(let spi, let source):
                return "SPI 0x\(String(spi, radix: 16)) is not the source address \(source)"
            }
        }

        /// Whether the packet passed.
        public var isValid: Bool {
            if case .valid = self { return true }
            return false
        }
    }

    /// Checks the ICV of a received IPv4 AH packet in constant time, then keepalived's SPI rule. The sequence
    /// number (anti-replay) is the caller's to judge: it depends on what the instance saw before.
    ///
    /// - Throws: what ``integrityCheckValue(ipv4Packet:key:zeroTimeToLive:)`` throws for a packet that is
    ///   not an IPv4 header with a whole 12-octet-ICV AH.
    public static func verify(
        ipv4Packet packet: ArraySlice<UInt8>, key: [UInt8], zeroTimeToLive: Bool
    ) throws(WireError) -> Verification {
        let expected = try integrityCheckValue(ipv4Packet: packet, key: key, zeroTimeToLive: zeroTimeToLive)
        let (headerLength, _) = try locate(in: packet)
        let ah = packet.dropFirst(headerLength)
        let received = Array(ah.dropFirst(fixedLength).prefix(hmacMD5ICVLength))
        var difference: UInt8 = 0
        for (left, right) in zip(received, expected) { difference |= left ^ right }
        guard difference == 0 else { return .integrityCheckFailed(received: received, expected: expected) }
        let spi = ah.uint32(at: 4)
        let source = packet.ipv4Address(at: 12)
        guard spi == source.value else { return .securityParametersIndexMismatch(spi: spi, source: source) }
        return .valid(sequenceNumber: ah.uint32(at: 8))
    }

    /// The IPv4 header length and the offset where the AH ends, checked.
    private static func locate(in packet: ArraySlice<UInt8>) throws(WireError) -> (Int, Int) {
        guard packet.count >= IPv4Header.minimumHeaderLength else {
            throw WireError(.truncated, "IPv4 header needs 20 octets, got \(packet.count)")
        }
        let first = packet.uint8(at: 0)
        let headerLength = Int(first & 0x0F) * 4
        guard first >> 4 == 4, headerLength >= IPv4Header.minimumHeaderLength else {
            throw WireError(.badHeader, "not an IPv4 header (version \(first >> 4), IHL \(first & 0x0F))", offset: 0)
        }
        guard packet.uint8(at: 9) == IPProtocol.authenticationHeader.rawValue else {
            throw WireError(
                .unsupportedProtocol, "IPv4 protocol \(packet.uint8(at: 9)), expected 51 (AH)", offset: 9)
        }
        guard packet.count >= headerLength + fixedLength else {
            throw WireError(
                .truncated, "AH needs \(fixedLength) octets after the \(headerLength)-octet IPv4 header",
                offset: headerLength)
        }
        let ahLength = (Int(packet.uint8(at: headerLength + 1)) + 2) * 4
        guard ahLength == fixedLength + hmacMD5ICVLength else {
            throw WireError(
                .badHeader,
                "AH of \(ahLength) octets; HMAC-MD5-96 makes it \(fixedLength + hmacMD5ICVLength) (Payload Len 4)",
                offset: headerLength + 1)
        }
        guard packet.count >= headerLength + ahLength else {
            throw WireError(
                .truncated, "AH declares \(ahLength) octets, only \(packet.count - headerLength) present",
                offset: headerLength + 1)
        }
        return (headerLength, headerLength + ahLength)
    }
}

private func hexadecimal(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    for byte in bytes {
        text.append(digits[Int(byte >> 4)])
        text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
}
