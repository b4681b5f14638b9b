import Testing
import VRRPWire

@Suite("Frame round trips and robustness over generated values")
struct FrameRoundTripTests {
    static let sampleCount = 3000

    @Test("every generated advertisement frame decodes to the values it was built from")
    func advertisementFramesRoundTrip() throws {
        var random = SeededGenerator(seed: 0x5652_5250)
        for _ in 0..<Self.sampleCount {
            let sample = Arbitrary.frameSample(&random)
            let bytes = try sample.bytes()
            let frame = FrameDecoder(linkType: sample.linkType).decode(bytes)
            guard let received = frame.advertisement else {
                Issue.record("\(sample) decoded to \(frame.packet)")
                continue
            }
            #expect(received.advertisement == sample.advertisement)
            #expect(received.ip.endpoints == sample.endpoints)
            #expect(received.ip.hopLimit == sample.hopLimit)
            #expect(received.ip.authenticationHeader == sample.authenticationHeader)
            let expectedVariant: ChecksumVariant =
                sample.checksumVariant ?? (sample.advertisement.version == .v2 ? .version2 : .pseudoHeader)
            #expect(received.checksumVariant == expectedVariant)
            if sample.link == .ethernetVLAN, case .ethernet(let ethernet) = frame.link {
                #expect(ethernet.vlanTag == sample.vlanTag)
            }
        }
    }

    @Test("every proper prefix of a valid frame decodes as truncated, never as a packet")
    func prefixesAreTruncated() throws {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<150 {
            let sample = Arbitrary.frameSample(&random)
            let bytes = try sample.bytes()
            let decoder = FrameDecoder(linkType: sample.linkType)
            for length in 0..<bytes.count {
                let frame = decoder.decode(bytes[..<length])
                #expect(frame.error?.code == .truncated, "prefix \(length) of \(bytes.count): \(frame.packet)")
            }
        }
    }

    @Test("mutated frames never trap, and an advertisement decoded from one re-encodes to its own bytes")
    func mutatedFramesDecodeExactly() throws {
        var random = SeededGenerator(seed: 0xA5A5)
        var advertisements = 0
        for _ in 0..<4000 {
            let sample = Arbitrary.frameSample(&random)
            var bytes = try sample.bytes()
            for _ in 0...Int.random(in: 0...3, using: &random) {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = random.byte()
            }
            let frame = FrameDecoder(linkType: sample.linkType).decode(bytes)
            #expect(FrameDecoder(linkType: sample.linkType).decode(bytes) == frame)
            guard let received = frame.advertisement else { continue }
            advertisements += 1
            let message = try received.advertisement.encoded(
                endpoints: received.ip.endpoints, checksumVariant: received.checksumVariant)
            let end = ipPacketEnd(frame, received.ip)
            #expect(end <= bytes.count && end >= message.count)
            #expect(Array(bytes[(end - message.count)..<end]) == message)
        }
        #expect(advertisements > 100)  // most mutations break a checksum; enough must survive
    }

    @Test(
        "random bytes never trap on any link type",
        arguments: [
            LinkType.ethernet, .linuxSLL, .linuxSLL2, .raw, .rawDLT, .ipv4, .ipv6, LinkType(rawValue: 147),
        ])
    func randomBytes(linkType: LinkType) {
        var random = SeededGenerator(seed: UInt64(linkType.rawValue))
        for _ in 0..<3000 {
            let bytes = random.bytes(Int.random(in: 0...120, using: &random))
            let frame = FrameDecoder(linkType: linkType).decode(bytes)
            #expect(frame.linkType == linkType)
        }
    }

    @Test("IPv4 headers with options round-trip through write and decode")
    func ipv4Headers() throws {
        var random = SeededGenerator(seed: 4)
        for _ in 0..<500 {
            var header = IPv4Header(
                source: Arbitrary.ipv4Address(&random), destination: Arbitrary.ipv4Address(&random),
                protocolNumber: IPProtocol(rawValue: random.byte()),
                payloadLength: Int.random(in: 0...1000, using: &random),
                timeToLive: random.byte(), typeOfService: random.byte(),
                identification: UInt16.random(in: .min ... .max, using: &random),
                flagsAndFragmentOffset: UInt16.random(in: .min ... .max, using: &random),
                options: random.bytes(4 * Int.random(in: 0...10, using: &random)))
            var bytes: [UInt8] = []
            header.encode(into: &bytes)
            bytes += random.bytes(header.payloadLength)
            let decoded = try IPv4Header.decode(bytes[...])
            header.headerChecksum = header.computedChecksum
            #expect(decoded == header)
        }
    }

    @Test("IPv6, AH, Ethernet and Linux cooked headers round-trip")
    func otherHeaders() throws {
        var random = SeededGenerator(seed: 6)
        for _ in 0..<500 {
            let ipv6 = IPv6Header(
                source: Arbitrary.ipv6Address(&random), destination: Arbitrary.ipv6Address(&random),
                nextHeader: IPProtocol(rawValue: random.byte()),
                payloadLength: UInt16.random(in: 0...100, using: &random),
                hopLimit: random.byte(), trafficClass: random.byte(),
                flowLabel: UInt32(truncatingIfNeeded: random.next()))
            var bytes: [UInt8] = []
            ipv6.encode(into: &bytes)
            bytes += random.bytes(Int(ipv6.payloadLength))
            #expect(try IPv6Header.decode(bytes[...]) == ipv6)

            let ah = AuthenticationHeader(
                nextHeader: IPProtocol(rawValue: random.byte()),
                securityParametersIndex: UInt32(truncatingIfNeeded: random.next()),
                sequenceNumber: UInt32(truncatingIfNeeded: random.next()),
                integrityCheckValue: random.bytes(4 * Int.random(in: 0...8, using: &random)),
                reserved: UInt16(truncatingIfNeeded: random.next()))
            bytes = []
            ah.encode(into: &bytes)
            #expect(try AuthenticationHeader.decode(bytes[...]) == ah)

            let tag: VLANTag? =
                random.chance(50) ? VLANTag(controlInformation: UInt16(truncatingIfNeeded: random.next())) : nil
            let ethernet = EthernetFrame(
                destination: MACAddress(random.next()), source: MACAddress(random.next()),
                etherType: EtherType(rawValue: UInt16.random(in: 0...0x80FF, using: &random)), vlanTag: tag)
            bytes = []
            ethernet.encode(into: &bytes)
            #expect(try EthernetFrame.decode(bytes[...]) == ethernet)

            let version: LinuxCookedHeader.Version = random.chance(50) ? .v1 : .v2
            let cooked = LinuxCookedHeader(
                version: version, packetType: .init(rawValue: UInt16(random.byte())),
                hardwareType: UInt16(truncatingIfNeeded: random.next()), linkLayerAddressLength: UInt16(random.byte()),
                linkLayerAddress: random.next(),
                protocolType: EtherType(rawValue: UInt16(truncatingIfNeeded: random.next())),
                interfaceIndex: version == .v2 ? UInt32(truncatingIfNeeded: random.next()) : 0,
                reserved: version == .v2 ? UInt16(truncatingIfNeeded: random.next()) : 0)
            bytes = []
            cooked.encode(into: &bytes)
            #expect(try LinuxCookedHeader.decode(bytes[...], version: version) == cooked)
        }
    }

    /// The offset in the frame's bytes where the IP packet ends (its own length, not the capture's).
    private func ipPacketEnd(_ frame: Frame, _ ip: IPPacketInfo) -> Int {
        let linkLength: Int
        switch frame.link {
        case .ethernet(let header): linkLength = header.headerLength
        case .linuxCooked(let header): linkLength = header.headerLength
        case .raw, nil: linkLength = 0
        }
        switch ip.header {
        case .ipv4(let header): return linkLength + Int(header.totalLength)
        case .ipv6(let header): return linkLength + IPv6Header.headerLength + Int(header.payloadLength)
        }
    }
}
