import Testing
import VRRPWire

/// Headers written into buffers pre-filled with 0xA5: a byte the writer forgets stays 0xA5 and fails the
/// comparison with the golden frames; bytes outside the header must stay untouched.
@Suite("Encoding into 0xA5-filled buffers")
struct FrameBufferFillTests {
    static let fill: UInt8 = 0xA5

    @Test("Ethernet, IPv4 and the VRRPv2 message written in place reproduce the golden frame")
    func version2InPlace() throws {
        let golden = GoldenFrames.v2
        var buffer = [UInt8](repeating: Self.fill, count: golden.count + 8)
        let ethernet = try EthernetFrame.decode(golden[...])
        ethernet.write(to: &buffer, at: 4)
        let ipv4 = try IPv4Header.decode(golden[14...])
        ipv4.write(to: &buffer, at: 4 + 14)
        let message = Array(golden[34...])
        for (index, byte) in message.enumerated() { buffer[4 + 34 + index] = byte }
        #expect(Array(buffer[4..<4 + golden.count]) == golden)
        #expect(buffer[..<4].allSatisfy { $0 == Self.fill })
        #expect(buffer[(4 + golden.count)...].allSatisfy { $0 == Self.fill })
    }

    @Test("an IPv6 header written in place reproduces the golden bytes")
    func ipv6InPlace() throws {
        let golden = Array(GoldenFrames.v3v6[14..<54])
        var buffer = [UInt8](repeating: Self.fill, count: 48)
        try IPv6Header.decode(GoldenFrames.v3v6[14...]).write(to: &buffer, at: 3)
        #expect(Array(buffer[3..<43]) == golden)
        #expect(buffer[..<3].allSatisfy { $0 == Self.fill } && buffer[43...].allSatisfy { $0 == Self.fill })
    }

    @Test("an Authentication Header written in place reproduces the golden bytes")
    func authenticationHeaderInPlace() throws {
        let golden = Array(GoldenFrames.v2AH[34..<58])
        var buffer = [UInt8](repeating: Self.fill, count: 30)
        try AuthenticationHeader.decode(GoldenFrames.v2AH[34...]).write(to: &buffer, at: 2)
        #expect(Array(buffer[2..<26]) == golden)
        #expect(buffer[..<2].allSatisfy { $0 == Self.fill } && buffer[26...].allSatisfy { $0 == Self.fill })
    }

    @Test("a tagged Ethernet header and both Linux cooked headers write every octet")
    func linkHeadersInPlace() {
        let tagged = EthernetFrame(
            destination: MACAddress(0x0100_5E00_0012), source: MACAddress(0x0000_5E00_0133), etherType: .ipv4,
            vlanTag: VLANTag(vlanID: 0x123, priority: 5, dropEligible: true))
        var buffer = [UInt8](repeating: Self.fill, count: 18)
        tagged.write(to: &buffer, at: 0)
        #expect(
            buffer == [
                0x01, 0x00, 0x5E, 0x00, 0x00, 0x12, 0x00, 0x00, 0x5E, 0x00, 0x01, 0x33, 0x81, 0x00, 0xB1, 0x23, 0x08,
                0x00,
            ])
        let sll = LinuxCookedHeader(
            version: .v1, packetType: .outgoing, source: MACAddress(0x0000_5E00_0133), protocolType: .ipv4)
        buffer = [UInt8](repeating: Self.fill, count: 16)
        sll.write(to: &buffer, at: 0)
        #expect(buffer == [0, 4, 0, 1, 0, 6, 0x00, 0x00, 0x5E, 0x00, 0x01, 0x33, 0, 0, 0x08, 0x00])
        let sll2 = LinuxCookedHeader(
            version: .v2, packetType: .multicast, source: MACAddress(0x0000_5E00_0133), protocolType: .ipv6,
            interfaceIndex: 0x0102_0304)
        buffer = [UInt8](repeating: Self.fill, count: 20)
        sll2.write(to: &buffer, at: 0)
        #expect(buffer == [0x86, 0xDD, 0, 0, 1, 2, 3, 4, 0, 1, 2, 6, 0x00, 0x00, 0x5E, 0x00, 0x01, 0x33, 0, 0])
    }

    @Test("Advertisement.encode appends after a 0xA5 prefix, leaves it alone and checksums only its own bytes")
    func advertisementAfterPrefix() throws {
        let advert = Advertisement(
            version: .v3, virtualRouterID: 51, priority: 150,
            addresses: .ipv4([IPv4Address(192, 0, 2, 100), IPv4Address(192, 0, 2, 101)]),
            interval: AdvertisementInterval(centiseconds: 100))
        let endpoints = IPEndpoints.ipv4(source: IPv4Address(192, 0, 2, 1), destination: .vrrpMulticast)
        var buffer = [UInt8](repeating: Self.fill, count: 7)
        try advert.encode(into: &buffer, endpoints: endpoints)
        #expect(buffer[..<7].allSatisfy { $0 == Self.fill })
        #expect(Array(buffer[7...]) == Array(GoldenFrames.v3v4[34...]))
    }

    @Test("an IPv4 header with options written in place leaves no 0xA5 and verifies")
    func ipv4OptionsInPlace() throws {
        let header = IPv4Header(
            source: IPv4Address(192, 0, 2, 1), destination: .vrrpMulticast, protocolNumber: .vrrp, payloadLength: 0,
            options: [0x94, 0x04, 0x00, 0x00])
        var buffer = [UInt8](repeating: Self.fill, count: 24)
        header.write(to: &buffer, at: 0)
        #expect(!buffer.contains(Self.fill))
        #expect(InternetChecksum.of(buffer) == 0)
        #expect(buffer[0] == 0x46)
    }
}
