import Testing
import VRRPWire

@Suite("Frame golden bytes")
struct FrameGoldenTests {
    static let source4 = IPv4Address(192, 0, 2, 1)
    static let endpoints4 = IPEndpoints.ipv4(source: source4, destination: .vrrpMulticast)
    static let source6 = IPv6Address("fe80::1")!
    static let endpoints6 = IPEndpoints.ipv6(source: source6, destination: .vrrpMulticast)

    @Test("VRRPv2 frame builds to the golden bytes and decodes with its IP facts")
    func version2() throws {
        let advert = Advertisement(
            version: .v2, virtualRouterID: 51, priority: 100, addresses: .ipv4([IPv4Address(192, 0, 2, 100)]),
            interval: .seconds(1))
        let frame = try FrameBuilder.advertisement(advert, endpoints: Self.endpoints4)
        #expect(frame == GoldenFrames.v2)
        let decoded = FrameDecoder(linkType: .ethernet).decode(GoldenFrames.v2)
        let received = try #require(decoded.advertisement)
        #expect(received.advertisement == advert)
        #expect(received.checksumVariant == .version2)
        #expect(received.ip.endpoints == Self.endpoints4)
        #expect(received.ip.hopLimit == 255)
        #expect(!received.ip.viaAuthenticationHeader)
        guard case .ethernet(let ethernet) = decoded.link else {
            Issue.record("expected an Ethernet header, got \(String(describing: decoded.link))")
            return
        }
        #expect(ethernet.source == MACAddress("00:00:5e:00:01:33"))
        #expect(ethernet.destination == MACAddress("01:00:5e:00:00:12"))
        #expect(ethernet.etherType == .ipv4)
    }

    @Test("VRRPv3 over IPv4 frame builds to the golden bytes and decodes")
    func version3IPv4() throws {
        let advert = Advertisement(
            version: .v3, virtualRouterID: 51, priority: 150,
            addresses: .ipv4([IPv4Address(192, 0, 2, 100), IPv4Address(192, 0, 2, 101)]),
            interval: AdvertisementInterval(centiseconds: 100))
        #expect(try FrameBuilder.advertisement(advert, endpoints: Self.endpoints4) == GoldenFrames.v3v4)
        let received = try #require(FrameDecoder(linkType: .ethernet).decode(GoldenFrames.v3v4).advertisement)
        #expect(received.advertisement == advert)
        #expect(received.checksumVariant == .pseudoHeader)
        guard case .ipv4(let header) = received.ip.header else {
            Issue.record("expected IPv4")
            return
        }
        #expect(header.totalLength == 36)
        #expect(header.typeOfService == 0xC0)
        #expect(header.headerChecksum == 0x1896)
    }

    @Test("VRRPv3 over IPv6 frame builds to the golden bytes and decodes")
    func version3IPv6() throws {
        let advert = Advertisement(
            version: .v3, virtualRouterID: 51, priority: 150, addresses: .ipv6([IPv6Address("2001:db8::100")!]),
            interval: AdvertisementInterval(centiseconds: 100))
        #expect(try FrameBuilder.advertisement(advert, endpoints: Self.endpoints6) == GoldenFrames.v3v6)
        let received = try #require(FrameDecoder(linkType: .ethernet).decode(GoldenFrames.v3v6).advertisement)
        #expect(received.advertisement == advert)
        #expect(received.checksumVariant == .pseudoHeader)
        #expect(received.ip.endpoints == Self.endpoints6)
        #expect(received.ip.hopLimit == 255)
    }

    @Test("VRRPv2 behind an Authentication Header builds to the golden bytes and decodes the AH fields")
    func version2AuthenticationHeader() throws {
        let advert = Advertisement(
            version: .v2, virtualRouterID: 7, priority: 200, addresses: .ipv4([IPv4Address(192, 0, 2, 7)]),
            interval: .seconds(1), authenticationType: .ipAuthenticationHeader)
        let ah = AuthenticationHeader(
            nextHeader: .vrrp, securityParametersIndex: 0xC000_0201, sequenceNumber: 42,
            integrityCheckValue: Array(1...12))
        let built = try FrameBuilder.advertisement(advert, endpoints: Self.endpoints4, authenticationHeader: ah)
        #expect(built == GoldenFrames.v2AH)
        let received = try #require(FrameDecoder(linkType: .ethernet).decode(GoldenFrames.v2AH).advertisement)
        #expect(received.advertisement == advert)
        #expect(received.ip.authenticationHeader == ah)
        #expect(received.ip.authenticationHeader?.payloadLengthField == 4)
        #expect(received.ip.authenticationHeader?.length == 24)
    }
}
