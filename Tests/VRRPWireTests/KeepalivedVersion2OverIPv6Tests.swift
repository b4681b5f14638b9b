import Testing
import VRRPWire

@Suite("keepalived's VRRPv2 over IPv6")
struct KeepalivedVersion2OverIPv6Tests {
    let source = IPv6Address("fe80::5eff:fe10:1")!
    var endpoints: IPEndpoints { .ipv6(source: source, destination: .vrrpMulticast) }

    /// The VRRP payload of the first advert in Fixtures/pcap/ka-v2-ipv6.pcap (keepalived 2.2.7, VRID 62,
    /// priority 150, no auth, 1 s, 2001:db8::100), as tcpdump captured it.
    static let captured: [UInt8] = [
        0x21, 0x3e, 0x96, 0x01, 0x00, 0x01, 0xbe, 0xd6,
        0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
    ]

    var advert: Advertisement {
        Advertisement(
            version: .v2, virtualRouterID: 62, priority: 150, addresses: .ipv6([IPv6Address("2001:db8::100")!]),
            interval: .seconds(1))
    }

    @Test("keepalived's captured advert decodes, named as the non-standard variant")
    func capturedDecodes() throws {
        let decoded = try Advertisement.decode(Self.captured, endpoints: endpoints)
        #expect(decoded.advertisement == advert)
        #expect(decoded.checksum == 0xbed6)
        #expect(decoded.checksumVariant == .keepalivedVersion2OverIPv6)
        #expect(!decoded.checksumVariant.isStandard)
        #expect(decoded.checksumVariant.description == "keepalived-v2-over-ipv6")
        #expect(advert.encodedLength == 24)
    }

    @Test("encoding with the variant named gives keepalived's exact bytes")
    func encodesExactly() throws {
        #expect(try advert.encoded(endpoints: endpoints, checksumVariant: .keepalivedVersion2OverIPv6) == Self.captured)
    }

    @Test("the checksum covers the IPv6 pseudo-header: the message-only (RFC 3768) checksum is refused")
    func messageOnlyChecksumRefused() throws {
        var bytes = Self.captured
        bytes[6] = 0
        bytes[7] = 0
        let messageOnly = InternetChecksum.of(bytes)
        #expect(messageOnly == 0x1a06)  // what tshark says the checksum "should be"
        bytes[6] = UInt8(messageOnly >> 8)
        bytes[7] = UInt8(messageOnly & 0xFF)
        #expect(throws: WireError(.badChecksum)) { try Advertisement.decode(bytes, endpoints: endpoints) }
        // Another source changes the pseudo-header, so keepalived's bytes no longer verify either.
        let other = IPEndpoints.ipv6(source: IPv6Address("fe80::2")!, destination: .vrrpMulticast)
        #expect(throws: WireError(.badChecksum)) { try Advertisement.decode(Self.captured, endpoints: other) }
    }

    @Test("encoding VRRPv2 over IPv6 without naming the variant is refused")
    func encodingNeedsTheVariant() {
        #expect(throws: WireError(.ipv6InVersion2)) { try advert.encoded(endpoints: endpoints) }
        #expect(throws: WireError(.ipv6InVersion2)) {
            try advert.encoded(endpoints: endpoints, checksumVariant: .version2)
        }
        let v4 = Advertisement(
            version: .v2, virtualRouterID: 62, priority: 150, addresses: .ipv4([IPv4Address(192, 0, 2, 100)]))
        #expect(throws: WireError(.ipv6InVersion2)) {
            try v4.encoded(
                endpoints: .ipv4(source: IPv4Address(192, 0, 2, 1), destination: .vrrpMulticast),
                checksumVariant: .keepalivedVersion2OverIPv6)
        }
        var v3 = advert
        v3.version = .v3
        v3.interval = AdvertisementInterval(centiseconds: 100)
        #expect(throws: WireError(.ipv6InVersion2)) {
            try v3.encoded(endpoints: endpoints, checksumVariant: .keepalivedVersion2OverIPv6)
        }
    }

    @Test("PASS goes out as auth type 1 with no password octets, as keepalived 2.2.7 sends it")
    func passWithoutPassword() throws {
        var pass = advert
        pass.authenticationType = .simpleText
        pass.authenticationData = AuthenticationData(password: "secret1")
        let bytes = try pass.encoded(endpoints: endpoints, checksumVariant: .keepalivedVersion2OverIPv6)
        #expect(bytes.count == 24)
        #expect(bytes[4] == 1)
        let decoded = try Advertisement.decode(bytes, endpoints: endpoints)
        #expect(decoded.advertisement.authenticationType == .simpleText)
        #expect(decoded.advertisement.authenticationData == .zero)
    }

    @Test(
        "round trip over 0–3 addresses, intervals and auth types",
        arguments: [0, 1, 3], [UInt8(1), 3, 255]
    )
    func roundTrip(count: Int, seconds: UInt8) throws {
        let addresses = (0..<count).map { IPv6Address("2001:db8::\(100 + $0)")! }
        for type in [AuthenticationType.none, .simpleText] {
            let original = Advertisement(
                version: .v2, virtualRouterID: 9, priority: 200, addresses: .ipv6(addresses),
                interval: .seconds(seconds), authenticationType: type)
            let unicast = IPEndpoints.ipv6(source: source, destination: IPv6Address("2001:db8::2")!)
            let bytes = try original.encoded(endpoints: unicast, checksumVariant: .keepalivedVersion2OverIPv6)
            #expect(bytes.count == 8 + 16 * count)
            let decoded = try Advertisement.decode(bytes, endpoints: unicast)
            #expect(decoded.advertisement == original)
            #expect(decoded.checksumVariant == .keepalivedVersion2OverIPv6)
        }
    }

    @Test("strictness: the RFC 3768 layout over IPv6, a bad auth type and a zero interval are still errors")
    func stillStrict() {
        #expect(throws: WireError(.ipv6InVersion2)) {
            try Advertisement.decode(Self.captured + [UInt8](repeating: 0, count: 8), endpoints: endpoints)
        }
        #expect(throws: WireError(.addressCountMismatch)) {
            try Advertisement.decode(Self.captured + [0, 0, 0, 0], endpoints: endpoints)
        }
        var badType = Self.captured
        badType[4] = 3
        #expect(throws: WireError(.unknownAuthType)) { try Advertisement.decode(badType, endpoints: endpoints) }
        var zero = Self.captured
        zero[5] = 0
        #expect(throws: WireError(.zeroInterval)) { try Advertisement.decode(zero, endpoints: endpoints) }
    }

    @Test("the standard variants are standard, the compatibility ones are not")
    func standardness() {
        #expect(ChecksumVariant.version2.isStandard)
        #expect(ChecksumVariant.pseudoHeader.isStandard)
        #expect(!ChecksumVariant.withoutPseudoHeader.isStandard)
        #expect(!ChecksumVariant.multicastPseudoHeader.isStandard)
        #expect(!ChecksumVariant.keepalivedVersion2OverIPv6.isStandard)
    }
}
