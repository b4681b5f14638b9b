import Testing
import VRRPWire

@Suite("Advertisement golden bytes")
struct AdvertisementGoldenTests {
    /// VRRPv2, VRID 51, priority 100, one address 192.0.2.100, PASS "secret", 1 s.
    @Test("v2 PASS encodes to the exact bytes and decodes back")
    func version2Pass() throws {
        let advert = Advertisement(
            version: .v2, virtualRouterID: 51, priority: 100, addresses: .ipv4([IPv4Address(192, 0, 2, 100)]),
            interval: .seconds(1), authenticationType: .simpleText,
            authenticationData: AuthenticationData(password: "secret"))
        let endpoints = IPEndpoints.ipv4(source: IPv4Address(192, 0, 2, 1), destination: .vrrpMulticast)
        let bytes = try advert.encoded(endpoints: endpoints)
        var expected: [UInt8] = [0x21, 51, 100, 1, 1, 1, 0, 0, 192, 0, 2, 100]
        expected += Array("secret".utf8) + [0, 0]
        let checksum = InternetChecksum.of(expected)
        expected[6] = UInt8(checksum >> 8)
        expected[7] = UInt8(checksum & 0xFF)
        #expect(bytes == expected)
        let decoded = try Advertisement.decode(bytes, endpoints: endpoints)
        #expect(decoded.advertisement == advert)
        #expect(decoded.checksumVariant == .version2)
        #expect(decoded.advertisement.authenticationData.password == "secret")
    }
}

@Suite("keepalived's old unicast checksum")
struct OldUnicastChecksumTests {
    let advert = Advertisement(
        version: .v3, virtualRouterID: 71, priority: 150, addresses: .ipv4([IPv4Address(192, 0, 2, 100)]),
        interval: AdvertisementInterval(centiseconds: 10))
    let unicast = IPEndpoints.ipv4(source: IPv4Address(192, 0, 2, 1), destination: IPv4Address(192, 0, 2, 2))

    @Test("a unicast advert checksummed as if sent to 224.0.0.18 decodes and says so")
    func decodesAndReports() throws {
        // Computed independently: the standard pseudo-header sum with 224.0.0.18 as destination.
        var bytes = try advert.encoded(endpoints: .ipv4(source: IPv4Address(192, 0, 2, 1), destination: .vrrpMulticast))
        let decoded = try Advertisement.decode(bytes, endpoints: unicast)
        #expect(decoded.checksumVariant == .multicastPseudoHeader)
        #expect(decoded.advertisement == advert)
        #expect(try advert.encoded(endpoints: unicast, checksumVariant: .multicastPseudoHeader) == bytes)
        bytes[9] ^= 0x40
        #expect(throws: WireError(.badChecksum)) { try Advertisement.decode(bytes, endpoints: unicast) }
    }

    @Test("the variant is not accepted for a multicast destination")
    func onlyUnicast() throws {
        var bytes = try advert.encoded(endpoints: .ipv4(source: IPv4Address(192, 0, 2, 1), destination: .vrrpMulticast))
        // Sent to another group: the group checksum no longer verifies and no fallback applies.
        #expect(throws: WireError(.badChecksum)) {
            try Advertisement.decode(
                bytes, endpoints: .ipv4(source: IPv4Address(192, 0, 2, 1), destination: IPv4Address(224, 0, 0, 19)))
        }
        bytes[7] ^= 1
        #expect(throws: WireError(.badChecksum)) { try Advertisement.decode(bytes, endpoints: unicast) }
    }
}
