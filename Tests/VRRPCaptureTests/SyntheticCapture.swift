import VRRPCapture
import VRRPWire

/// A varied capture built with ``FrameBuilder``: VRRPv2 with no auth, PASS and AH; VRRPv3 over IPv4 (both
/// checksum variants) and IPv6; 802.1Q tags; gratuitous ARP and unsolicited NA; and broken adverts (bad
/// checksum, bad version, count mismatch, zero interval, bad auth type, bad IPv4 header checksum).
enum SyntheticCapture {
    /// The frames with their timestamps, 10 ms apart.
    static func frames(count: Int = 400, seed: UInt64 = 1) throws -> [(CaptureTimestamp, [UInt8])] {
        var random = SplitMix(seed: seed)
        var frames: [(CaptureTimestamp, [UInt8])] = []
        var time = CaptureTimestamp(seconds: 1_790_000_000, nanoseconds: 123_456_789)
        for index in 0..<count {
            frames.append((time, try frame(index, &random)))
            time.nanosecondsSinceEpoch += 10_000_000 + Int64(random.next() % 1000)
        }
        return frames
    }

    static func frame(_ index: Int, _ random: inout SplitMix) throws -> [UInt8] {
        let vrid = UInt8(1 + index % 5)
        let priority = UInt8(truncatingIfNeeded: random.next())
        let source4 = IPv4Address(192, 0, 2, UInt8(1 + random.next() % 4))
        let source6 = IPv6Address(high: 0xFE80_0000_0000_0000, low: 1 + random.next() % 4)
        let endpoints4 = IPEndpoints.ipv4(source: source4, destination: .vrrpMulticast)
        let endpoints6 = IPEndpoints.ipv6(source: source6, destination: .vrrpMulticast)
        let v4List = (0..<Int(random.next() % 4)).map { IPv4Address(192, 0, 2, UInt8(100 + $0)) }
        let tag: VLANTag? = random.next() % 5 == 0 ? VLANTag(vlanID: 10) : nil
        switch index % 12 {
        case 0:
            let advert = Advertisement(
                version: .v2, virtualRouterID: vrid, priority: priority, addresses: .ipv4(v4List), interval: .seconds(1)
            )
            return try FrameBuilder.advertisement(advert, endpoints: endpoints4, vlanTag: tag, padToMinimum: true)
        case 1:
            let advert = Advertisement(
                version: .v2, virtualRouterID: vrid, priority: priority, addresses: .ipv4(v4List),
                interval: .seconds(3), authenticationType: .simpleText,
                authenticationData: AuthenticationData(password: "pw\(index % 7)"))
            return try FrameBuilder.advertisement(advert, endpoints: endpoints4)
        case 2:
            let advert = Advertisement(
                version: .v2, virtualRouterID: vrid, priority: priority, addresses: .ipv4(v4List),
                interval: .seconds(1), authenticationType: .ipAuthenticationHeader)
            let ah = AuthenticationHeader(
                nextHeader: .vrrp, securityParametersIndex: 0xC000_0201, sequenceNumber: UInt32(index),
                integrityCheckValue: (0..<12).map { _ in UInt8(truncatingIfNeeded: random.next()) })
            return try FrameBuilder.advertisement(advert, endpoints: endpoints4, authenticationHeader: ah)
        case 3, 4:
            let advert = Advertisement(
                version: .v3, virtualRouterID: vrid, priority: priority, addresses: .ipv4(v4List),
                interval: AdvertisementInterval(centiseconds: UInt16(1 + random.next() % 400)))
            let variant: ChecksumVariant = index % 12 == 4 ? .withoutPseudoHeader : .pseudoHeader
            return try FrameBuilder.advertisement(
                advert, endpoints: endpoints4, vlanTag: tag, checksumVariant: variant, padToMinimum: true)
        case 5:
            let list = (0..<Int(random.next() % 3)).map {
                IPv6Address(high: 0x2001_0DB8_0000_0000, low: 0x100 + UInt64($0))
            }
            let advert = Advertisement(
                version: .v3, virtualRouterID: vrid, priority: priority, addresses: .ipv6(list),
                interval: AdvertisementInterval(centiseconds: 100))
            return try FrameBuilder.advertisement(advert, endpoints: endpoints6, vlanTag: tag)
        case 6:
            return FrameBuilder.arp(.gratuitous(IPv4Address(192, 0, 2, 100), at: .virtualRouter(vrid, family: .ipv4)))
        case 7:
            let na = NeighborAdvertisement.unsolicited(
                IPv6Address(high: 0x2001_0DB8_0000_0000, low: 0x100), at: .virtualRouter(vrid, family: .ipv6),
                isRouter: true)
            return FrameBuilder.neighborAdvertisement(
                na, source: source6, sourceMAC: .virtualRouter(vrid, family: .ipv6))
        default:
            // A broken VRRPv3/IPv4 advert: which byte is broken depends on the index.
            let advert = Advertisement(
                version: .v3, virtualRouterID: vrid, priority: priority, addresses: .ipv4(v4List),
                interval: AdvertisementInterval(centiseconds: 100))
            var bytes = try FrameBuilder.advertisement(advert, endpoints: endpoints4)
            switch index % 12 {
            case 8: bytes[40] ^= 0x01  // VRRP checksum
            case 9: bytes[34] = 0x41  // version 4
            case 10: bytes[37] &+= 1  // address count
            default: bytes[24] ^= 0x10  // IPv4 header checksum
            }
            return bytes
        }
    }

    /// Writes the frames to a nanosecond pcap file.
    static func write(to path: String, count: Int = 400, seed: UInt64 = 1) throws {
        let writer = try PcapWriter(path: path, linkType: .ethernet)
        for (timestamp, bytes) in try frames(count: count, seed: seed) { try writer.write(bytes, timestamp: timestamp) }
        try writer.close()
    }
}

/// SplitMix64, seeded.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
