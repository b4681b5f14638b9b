import Testing
import VRRPWire

@Suite("Frame decoder layers")
struct FrameDecoderTests {
    static let advert = Advertisement(
        version: .v3, virtualRouterID: 9, priority: 120, addresses: .ipv4([IPv4Address(192, 0, 2, 9)]),
        interval: AdvertisementInterval(centiseconds: 5))
    static let endpoints = IPEndpoints.ipv4(source: IPv4Address(192, 0, 2, 2), destination: .vrrpMulticast)

    @Test("Ethernet padding after the IPv4 Total Length is not part of the VRRP message")
    func ethernetPadding() throws {
        let padded = try FrameBuilder.advertisement(Self.advert, endpoints: Self.endpoints, padToMinimum: true)
        #expect(padded.count == 60)
        let received = try #require(FrameDecoder(linkType: .ethernet).decode(padded).advertisement)
        #expect(received.advertisement == Self.advert)
    }

    @Test("IPv4 options are skipped by IHL")
    func ipv4Options() throws {
        var message: [UInt8] = []
        try Self.advert.encode(into: &message, endpoints: Self.endpoints)
        let frame = FrameBuilder.ipFrame(
            payload: [], protocolNumber: .vrrp, endpoints: Self.endpoints, sourceMAC: MACAddress(1))
        var bytes = Array(frame[..<14])
        IPv4Header(
            source: IPv4Address(192, 0, 2, 2), destination: .vrrpMulticast, protocolNumber: .vrrp,
            payloadLength: message.count, options: [0x94, 0x04, 0x00, 0x00, 0x01, 0x01, 0x01, 0x00]
        ).encode(into: &bytes)
        bytes += message
        let received = try #require(FrameDecoder(linkType: .ethernet).decode(bytes).advertisement)
        #expect(received.advertisement == Self.advert)
        guard case .ipv4(let header) = received.ip.header else { return }
        #expect(header.headerLength == 28)
        #expect(header.options.count == 8)
    }

    @Test("IPv6 Hop-by-Hop and Destination Options headers are walked to reach VRRP")
    func ipv6ExtensionHeaders() throws {
        let advert = Advertisement(
            version: .v3, virtualRouterID: 9, priority: 120, addresses: .ipv6([IPv6Address("2001:db8::9")!]))
        let endpoints = IPEndpoints.ipv6(source: IPv6Address("fe80::2")!, destination: .vrrpMulticast)
        var message: [UInt8] = []
        try advert.encode(into: &message, endpoints: endpoints)
        let hopByHop: [UInt8] = [60, 0, 5, 2, 0, 0, 1, 0]  // router alert, then Destination Options
        let destination: [UInt8] = [112, 0, 1, 4, 0, 0, 0, 0]  // PadN, then VRRP
        let bytes = FrameBuilder.ipFrame(
            payload: hopByHop + destination + message, protocolNumber: IPProtocol(rawValue: 0), endpoints: endpoints,
            sourceMAC: MACAddress(2))
        let received = try #require(FrameDecoder(linkType: .ethernet).decode(bytes).advertisement)
        #expect(received.advertisement == advert)
        guard case .ipv6(let header) = received.ip.header else { return }
        #expect(header.nextHeader == IPProtocol(rawValue: 0))
    }

    @Test("an IPv6 extension header running past the payload is truncated at the IPv6 layer")
    func ipv6ExtensionTruncated() {
        let endpoints = IPEndpoints.ipv6(source: IPv6Address("fe80::2")!, destination: .vrrpMulticast)
        let bytes = FrameBuilder.ipFrame(
            payload: [112, 4, 0, 0, 0, 0, 0, 0], protocolNumber: IPProtocol(rawValue: 0), endpoints: endpoints,
            sourceMAC: MACAddress(2))
        let error = FrameDecoder(linkType: .ethernet).decode(bytes).error
        #expect(error?.layer == .ipv6)
        #expect(error?.code == .truncated)
    }

    @Test("an IPv4 fragment is reported as other, not decoded")
    func ipv4Fragment() throws {
        var bytes = try FrameBuilder.advertisement(Self.advert, endpoints: Self.endpoints)
        var header = try IPv4Header.decode(bytes[14...])
        header.flagsAndFragmentOffset = 0x2000
        header.write(to: &bytes, at: 14)
        guard case .other(let other) = FrameDecoder(linkType: .ethernet).decode(bytes).packet else {
            Issue.record("a fragment decoded as something other than .other")
            return
        }
        #expect(other.summary.contains("fragment"))
    }

    @Test("Linux cooked SLL and SLL2 and raw IP frames decode like Ethernet")
    func cookedAndRaw() throws {
        let ethernet = try FrameBuilder.advertisement(Self.advert, endpoints: Self.endpoints)
        let ip = Array(ethernet[14...])
        for version in [LinuxCookedHeader.Version.v1, .v2] {
            let header = LinuxCookedHeader(
                version: version, packetType: .outgoing, source: MACAddress(0x0000_5E00_0109), protocolType: .ipv4,
                interfaceIndex: version == .v2 ? 7 : 0)
            var bytes: [UInt8] = []
            header.encode(into: &bytes)
            let frame = FrameDecoder(linkType: version == .v1 ? .linuxSLL : .linuxSLL2).decode(bytes + ip)
            #expect(frame.advertisement?.advertisement == Self.advert)
            #expect(frame.link == .linuxCooked(header))
            if case .linuxCooked(let decoded) = frame.link {
                #expect(decoded.sourceMACAddress == MACAddress(0x0000_5E00_0109))
            }
        }
        for linkType in [LinkType.raw, .rawDLT, .ipv4] {
            #expect(FrameDecoder(linkType: linkType).decode(ip).advertisement?.advertisement == Self.advert)
        }
    }

    @Test("an 802.1Q-tagged frame decodes with its tag")
    func vlanTagged() throws {
        let tag = VLANTag(vlanID: 100, priority: 6)
        let bytes = try FrameBuilder.advertisement(Self.advert, endpoints: Self.endpoints, vlanTag: tag)
        let frame = FrameDecoder(linkType: .ethernet).decode(bytes)
        #expect(frame.advertisement?.advertisement == Self.advert)
        guard case .ethernet(let header) = frame.link else {
            Issue.record("no Ethernet header")
            return
        }
        #expect(header.vlanTag == tag)
        #expect(header.headerLength == 18)
    }

    @Test("VRRPv3 over IPv4 without the pseudo-header is decoded and reported as such")
    func withoutPseudoHeader() throws {
        let bytes = try FrameBuilder.advertisement(
            Self.advert, endpoints: Self.endpoints, checksumVariant: .withoutPseudoHeader)
        #expect(FrameDecoder(linkType: .ethernet).decode(bytes).advertisement?.checksumVariant == .withoutPseudoHeader)
    }

    @Test("gratuitous ARP and unsolicited NA frames decode; an AH not protecting VRRP and LLDP are other")
    func arpNAAndOther() throws {
        let mac = MACAddress(0x0000_5E00_0109)
        let arp = ARPPacket.gratuitous(IPv4Address(192, 0, 2, 9), at: mac)
        #expect(FrameDecoder(linkType: .ethernet).decode(FrameBuilder.arp(arp, padToMinimum: true)).packet == .arp(arp))

        let na = NeighborAdvertisement.unsolicited(IPv6Address("2001:db8::9")!, at: mac, isRouter: true)
        let source = IPv6Address("fe80::9")!
        let bytes = FrameBuilder.neighborAdvertisement(na, source: source, sourceMAC: mac)
        guard case .neighborAdvertisement(let received) = FrameDecoder(linkType: .ethernet).decode(bytes).packet else {
            Issue.record("NA not decoded")
            return
        }
        #expect(received.message == na)
        #expect(received.ip.hopLimit == 255)
        #expect(received.ip.endpoints == .ipv6(source: source, destination: .allNodes))

        let ah = AuthenticationHeader(
            nextHeader: .vrrp, securityParametersIndex: 1, sequenceNumber: 1, integrityCheckValue: [])
        var tcp = FrameBuilder.ipFrame(
            payload: [0, 0, 0, 0], protocolNumber: IPProtocol(rawValue: 6), endpoints: Self.endpoints, sourceMAC: mac,
            authenticationHeader: ah)
        tcp[34] = 6
        guard case .other(let other) = FrameDecoder(linkType: .ethernet).decode(tcp).packet else {
            Issue.record("AH over TCP not other")
            return
        }
        #expect(other.ip?.authenticationHeader != nil)
        #expect(other.ipProtocol == IPProtocol(rawValue: 6))

        var lldp = Array(repeating: UInt8(0), count: 60)
        lldp[12] = 0x88
        lldp[13] = 0xCC
        #expect(
            FrameDecoder(linkType: .ethernet).decode(lldp).packet
                == .other(OtherPacket(summary: "EtherType 0x88cc", etherType: EtherType(rawValue: 0x88CC))))
    }
}
