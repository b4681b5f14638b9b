extension Advertisement {
    /// Decodes a VRRP message (the IP payload, or what follows the AH header).
    ///
    /// - Parameters:
    ///   - bytes: exactly the VRRP message; trailing octets count as a length mismatch.
    ///   - endpoints: the IP source and destination, which fix the address family and the VRRPv3 pseudo-header.
    /// - Throws: ``WireError`` with code ``WireError/Code/truncated``, ``WireError/Code/badVersion``,
    ///   ``WireError/Code/badType``, ``WireError/Code/ipv6InVersion2``, ``WireError/Code/addressCountMismatch``,
    ///   ``WireError/Code/unknownAuthType``, ``WireError/Code/zeroInterval`` or ``WireError/Code/badChecksum``,
    ///   checked in that order.
    ///
    /// VRRPv2 over IPv6 is not standard: it decodes only in keepalived's format (no authentication data, the
    /// checksum with the IPv6 pseudo-header), reported as ``ChecksumVariant/keepalivedVersion2OverIPv6``, whose
    /// ``ChecksumVariant/isStandard`` is false; with 8 authentication octets it is ``WireError/Code/ipv6InVersion2``.
    public static func decode(
        _ bytes: ArraySlice<UInt8>,
        endpoints: IPEndpoints
    ) throws(WireError) -> DecodedAdvertisement {
        guard bytes.count >= headerLength else {
            throw WireError(.truncated, "VRRP header needs \(headerLength) octets, got \(bytes.count)")
        }
        let versionAndType = bytes.uint8(at: 0)
        let version = VRRPVersion(rawValue: versionAndType >> 4)
        guard version == .v2 || version == .v3 else {
            throw WireError(.badVersion, "version \(version.rawValue), expected 2 or 3", offset: 0)
        }
        let type = VRRPPacketType(rawValue: versionAndType & 0x0F)
        guard type == .advertisement else {
            throw WireError(.badType, "type \(type.rawValue), expected 1 (ADVERTISEMENT)", offset: 0)
        }
        let family = endpoints.family
        let count = Int(bytes.uint8(at: 3))
        // VRRPv2 over IPv6 exists only as keepalived's format, without authentication data.
        let hasAuthenticationData = version == .v2 && family == .ipv4
        let expected =
            headerLength + count * family.addressLength
            + (hasAuthenticationData ? authenticationDataLength : 0)
        if version == .v2, family == .ipv6, bytes.count == expected + authenticationDataLength {
            throw WireError(
                .ipv6InVersion2,
                "VRRPv2 over IPv6 with 8 authentication octets: no RFC defines VRRPv2 over IPv6, and keepalived's "
                    + "format carries none",
                offset: 0)
        }
        guard bytes.count == expected else {
            throw WireError(
                .addressCountMismatch,
                "\(count) \(family) address\(count == 1 ? "" : "es") need \(expected) octets, message has \(bytes.count)",
                offset: 3
            )
        }

        let interval: AdvertisementInterval
        let authenticationType: AuthenticationType
        let reserved: UInt8
        if version == .v2 {
            authenticationType = AuthenticationType(rawValue: bytes.uint8(at: 4))
            guard authenticationType.rawValue <= 2 else {
                throw WireError(
                    .unknownAuthType, "authentication type \(authenticationType.rawValue), expected 0, 1 or 2",
                    offset: 4)
            }
            let seconds = bytes.uint8(at: 5)
            guard seconds != 0 else { throw WireError(.zeroInterval, "Adver Int is 0", offset: 5) }
            interval = .seconds(seconds)
            reserved = 0
        } else {
            let word = bytes.uint16(at: 4)
            authenticationType = .none
            reserved = UInt8(truncatingIfNeeded: word >> 12)
            interval = AdvertisementInterval(centiseconds: word & 0x0FFF)
            guard interval.centiseconds != 0 else {
                throw WireError(.zeroInterval, "Max Adver Int is 0", offset: 4)
            }
        }

        let checksum = bytes.uint16(at: 6)
        let variant = try verifyChecksum(bytes, version: version, endpoints: endpoints)

        let addressesStart = headerLength
        let addresses: VirtualAddressList
        switch family {
        case .ipv4:
            var list: [IPv4Address] = []
            list.reserveCapacity(count)
            for index in 0..<count { list.append(bytes.ipv4Address(at: addressesStart + 4 * index)) }
            addresses = .ipv4(list)
        case .ipv6:
            var list: [IPv6Address] = []
            list.reserveCapacity(count)
            for index in 0..<count { list.append(bytes.ipv6Address(at: addressesStart + 16 * index)) }
            addresses = .ipv6(list)
        }
        let authenticationData: AuthenticationData =
            hasAuthenticationData ? AuthenticationData(bytes.uint64(at: expected - authenticationDataLength)) : .zero

        let advertisement = Advertisement(
            version: version,
            virtualRouterID: bytes.uint8(at: 1),
            priority: bytes.uint8(at: 2),
            addresses: addresses,
            interval: interval,
            authenticationType: authenticationType,
            authenticationData: authenticationData,
            reserved: reserved
        )
        return DecodedAdvertisement(advertisement: advertisement, checksum: checksum, checksumVariant: variant)
    }

    /// Decodes from an array.
    @inlinable
    public static func decode(_ bytes: [UInt8], endpoints: IPEndpoints) throws(WireError) -> DecodedAdvertisement {
        try decode(bytes[...], endpoints: endpoints)
    }

    /// Which variant the message's checksum verifies under, trying the standard one first.
    static func verifyChecksum(
        _ bytes: ArraySlice<UInt8>,
        version: VRRPVersion,
        endpoints: IPEndpoints
    ) throws(WireError) -> ChecksumVariant {
        let received = bytes.uint16(at: 6)
        if version == .v2, endpoints.family == .ipv6 {
            guard pseudoHeaderSum(bytes, endpoints: endpoints) == 0 else {
                let expected = computeChecksum(bytes, variant: .keepalivedVersion2OverIPv6, endpoints: endpoints)
                throw WireError(
                    .badChecksum,
                    "checksum 0x\(hex(received)) does not verify; expected 0x\(hex(expected)) with the ipv6 "
                        + "pseudo-header (keepalived's VRRPv2 over IPv6)",
                    offset: 6)
            }
            return .keepalivedVersion2OverIPv6
        }
        if version == .v2 {
            guard InternetChecksum.of(bytes) == 0 else {
                throw WireError(
                    .badChecksum,
                    "checksum 0x\(hex(received)) does not verify; expected 0x\(hex(computeChecksum(bytes, variant: .version2, endpoints: endpoints)))",
                    offset: 6)
            }
            return .version2
        }
        if pseudoHeaderSum(bytes, endpoints: endpoints) == 0 { return .pseudoHeader }
        if case .ipv4(let source, let destination) = endpoints {
            if InternetChecksum.of(bytes) == 0 { return .withoutPseudoHeader }
            if !destination.isMulticast,
                pseudoHeaderSum(bytes, endpoints: .ipv4(source: source, destination: .vrrpMulticast)) == 0
            {
                return .multicastPseudoHeader
            }
        }
        throw WireError(
            .badChecksum,
            "checksum 0x\(hex(received)) does not verify; expected 0x\(hex(computeChecksum(bytes, variant: .pseudoHeader, endpoints: endpoints))) with the \(endpoints.family) pseudo-header",
            offset: 6)
    }

    /// The folded complement over the pseudo-header and the message (0 when the message's checksum verifies).
    static func pseudoHeaderSum(_ bytes: ArraySlice<UInt8>, endpoints: IPEndpoints) -> UInt16 {
        var sum = InternetChecksum()
        switch endpoints {
        case .ipv4(let source, let destination):
            // RFC 768-style IPv4 pseudo-header: source, destination, zero, protocol, length.
            sum.add(source)
            sum.add(destination)
            sum.add(UInt16(IPProtocol.vrrp.rawValue))
            sum.add(UInt16(truncatingIfNeeded: bytes.count))
        case .ipv6(let source, let destination):
            // RFC 8200 §8.1 pseudo-header: source, destination, 32-bit length, 24 zero bits, next header.
            sum.add(source)
            sum.add(destination)
            sum.add(UInt32(truncatingIfNeeded: bytes.count))
            sum.add(UInt32(IPProtocol.vrrp.rawValue))
        }
        sum.add(bytes)
        return sum.value
    }

    /// The checksum the message should carry under a variant (its own checksum field counted as zero).
    static func computeChecksum(
        _ bytes: ArraySlice<UInt8>,
        variant: ChecksumVariant,
        endpoints: IPEndpoints
    ) -> UInt16 {
        var copy = Array(bytes)
        copy[6] = 0
        copy[7] = 0
        switch variant {
        case .version2, .withoutPseudoHeader: return InternetChecksum.of(copy)
        case .pseudoHeader, .keepalivedVersion2OverIPv6: return pseudoHeaderSum(copy[...], endpoints: endpoints)
        case .multicastPseudoHeader: return pseudoHeaderSum(copy[...], endpoints: endpoints.towardVRRPGroup)
        }
    }
}

func hex(_ value: UInt16) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 4 - digits.count) + digits
}
