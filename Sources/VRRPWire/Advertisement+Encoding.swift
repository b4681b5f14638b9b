extension Advertisement {
    /// Appends the encoded message to `buffer`.
    ///
    /// - Parameters:
    ///   - endpoints: the IP source and destination; their family must match ``addresses``.
    ///   - checksumVariant: for VRRPv3 over IPv4, ``ChecksumVariant/withoutPseudoHeader`` sends the non-standard
    ///     checksum some peers expect; for VRRPv2 over IPv6, ``ChecksumVariant/keepalivedVersion2OverIPv6`` (the only
    ///     way to send it) writes keepalived's format; nil sends the standard one for the version.
    /// - Throws: ``WireError/Code/unrepresentable`` for an interval or address count the version's fields cannot
    ///   carry, ``WireError/Code/addressFamilyMismatch`` when the addresses and endpoints differ in family,
    ///   ``WireError/Code/ipv6InVersion2`` for VRRPv2 over IPv6 without ``ChecksumVariant/keepalivedVersion2OverIPv6``
    ///   (or that variant for anything else), ``WireError/Code/badVersion`` for a version other than 2 or 3.
    public func encode(
        into buffer: inout [UInt8],
        endpoints: IPEndpoints,
        checksumVariant: ChecksumVariant? = nil
    ) throws(WireError) {
        try validateForEncoding(endpoints: endpoints, checksumVariant: checksumVariant)
        let start = buffer.count
        let length = encodedLength
        // Grow once, then store every field in place: no per-octet append.
        buffer.append(contentsOf: repeatElement(0, count: length))
        buffer.withUnsafeMutableBytes { raw in
            let out = UnsafeMutableRawBufferPointer(rebasing: raw[start..<start + length])
            out[0] = version.rawValue << 4 | VRRPPacketType.advertisement.rawValue
            out[1] = virtualRouterID
            out[2] = priority
            out[3] = UInt8(truncatingIfNeeded: addresses.count)
            if version == .v2 {
                out[4] = authenticationType.rawValue
                out[5] = UInt8(truncatingIfNeeded: interval.centiseconds / 100)
            } else {
                out.storeBytes(
                    of: (UInt16(reserved & 0x0F) << 12 | interval.centiseconds).bigEndian, toByteOffset: 4,
                    as: UInt16.self)
            }
            switch addresses {
            case .ipv4(let list):
                for (index, address) in list.enumerated() {
                    out.storeBytes(of: address.value.bigEndian, toByteOffset: 8 + 4 * index, as: UInt32.self)
                }
            case .ipv6(let list):
                for (index, address) in list.enumerated() {
                    out.storeBytes(of: address.high.bigEndian, toByteOffset: 8 + 16 * index, as: UInt64.self)
                    out.storeBytes(of: address.low.bigEndian, toByteOffset: 16 + 16 * index, as: UInt64.self)
                }
            }
            if version == .v2, addresses.family == .ipv4 {
                out.storeBytes(of: authenticationData.value.bigEndian, toByteOffset: length - 8, as: UInt64.self)
            }
        }
        let variant = checksumVariant ?? (version == .v2 ? .version2 : .pseudoHeader)
        let message = buffer[start...]
        let checksum: UInt16
        switch variant {
        case .version2, .withoutPseudoHeader: checksum = InternetChecksum.of(message)
        case .keepalivedVersion2OverIPv6: checksum = Self.pseudoHeaderSum(message, endpoints: endpoints)
        case .pseudoHeader:
            checksum =
                version == .v2 ? InternetChecksum.of(message) : Self.pseudoHeaderSum(message, endpoints: endpoints)
        case .multicastPseudoHeader:
            checksum =
                version == .v2
                ? InternetChecksum.of(message) : Self.pseudoHeaderSum(message, endpoints: endpoints.towardVRRPGroup)
        }
        buffer.setBigEndian(checksum, at: start + 6)
    }

    /// The encoded message as a new array.
    public func encoded(endpoints: IPEndpoints, checksumVariant: ChecksumVariant? = nil) throws(WireError) -> [UInt8] {
        var buffer: [UInt8] = []
        try encode(into: &buffer, endpoints: endpoints, checksumVariant: checksumVariant)
        return buffer
    }

    private func validateForEncoding(
        endpoints: IPEndpoints,
        checksumVariant: ChecksumVariant?
    ) throws(WireError) {
        guard version == .v2 || version == .v3 else {
            throw WireError(.badVersion, "cannot encode version \(version.rawValue)")
        }
        guard addresses.family == endpoints.family else {
            throw WireError(
                .addressFamilyMismatch, "\(addresses.family) addresses in an \(endpoints.family) packet")
        }
        guard addresses.count <= 255 else {
            throw WireError(.unrepresentable, "\(addresses.count) addresses; the count field holds at most 255")
        }
        if version == .v2 {
            let keepalivedFormat = checksumVariant == .keepalivedVersion2OverIPv6
            guard endpoints.family == .ipv4 || keepalivedFormat else {
                throw WireError(
                    .ipv6InVersion2,
                    "no RFC defines VRRPv2 over IPv6; name ChecksumVariant.keepalivedVersion2OverIPv6 to send "
                        + "keepalived's format")
            }
            guard endpoints.family == .ipv6 || !keepalivedFormat else {
                throw WireError(.ipv6InVersion2, "keepalived's VRRPv2-over-IPv6 format in an IPv4 packet")
            }
            guard interval.isWholeSeconds else {
                throw WireError(.unrepresentable, "VRRPv2 carries whole seconds 1–255; interval is \(interval)")
            }
        } else {
            guard interval.centiseconds > 0, interval.centiseconds <= 0xFFF else {
                throw WireError(
                    .unrepresentable, "VRRPv3 carries 1–4095 centiseconds; interval is \(interval.centiseconds)")
            }
            guard authenticationType == .none, authenticationData == .zero else {
                throw WireError(.unrepresentable, "VRRPv3 has no authentication (RFC 5798 §9)")
            }
            guard reserved <= 0x0F else {
                throw WireError(.unrepresentable, "reserved field has 4 bits; value is \(reserved)")
            }
            guard checksumVariant != .keepalivedVersion2OverIPv6 else {
                throw WireError(.ipv6InVersion2, "keepalived's VRRPv2-over-IPv6 format for a VRRPv3 message")
            }
        }
    }
}
