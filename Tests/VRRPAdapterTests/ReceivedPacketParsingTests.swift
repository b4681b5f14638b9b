import Testing
import VRRPSocket
import VRRPWire

@Suite("What a raw IPv4 socket delivers becomes a ReceivedPacket")
struct ReceivedPacketParsingTests {
    /// An IPv4 header (no options) for protocol `proto` around `payload`.
    static func datagram(ttl: UInt8, proto: UInt8, payload: [UInt8], headerWords: UInt8 = 5) -> [UInt8] {
        let headerLength = Int(headerWords) * 4
        let total = headerLength + payload.count
        var bytes: [UInt8] = [
            0x40 | headerWords, 0xC0, UInt8(total >> 8), UInt8(total & 0xFF), 0, 0, 0, 0, ttl, proto,
            0, 0, 192, 0, 2, 1, 224, 0, 0, 18,
        ]
        bytes += [UInt8](repeating: 1, count: headerLength - 20)  // options (NOPs)
        return bytes + payload
    }

    let advertisement = Advertisement(
        version: .v3, virtualRouterID: 51, priority: 100, addresses: .ipv4([IPv4Address("192.0.2.100")!]))

    @Test("the IP header is stripped (with options), TTL and addresses taken from it, the payload decodes")
    func ipv4Header() throws {
        let endpoints = IPEndpoints.ipv4(source: IPv4Address("192.0.2.1")!, destination: .vrrpMulticast)
        let message = try advertisement.encoded(endpoints: endpoints)
        for words in [UInt8(5), 6] {
            let bytes = Self.datagram(ttl: 254, proto: 112, payload: message, headerWords: words)
            let packet = try #require(VRRPSocket.parseIPv4Datagram(bytes[...], interfaceIndex: 7))
            #expect(packet.ttl == 254)
            #expect(packet.source == IPAddress("192.0.2.1"))
            #expect(packet.destination == IPAddress("224.0.0.18"))
            #expect(packet.interfaceIndex == 7)
            #expect(packet.ipProtocol == .vrrp)
            #expect(packet.payload == message)
            #expect(try packet.decode().advertisement == advertisement)
        }
    }

    @Test("garbage shorter than an IPv4 header, or not IPv4, is skipped")
    func garbage() {
        #expect(VRRPSocket.parseIPv4Datagram([0x45, 0, 0][...], interfaceIndex: 1) == nil)
        var six = Self.datagram(ttl: 255, proto: 112, payload: [])
        six[0] = 0x65
        #expect(VRRPSocket.parseIPv4Datagram(six[...], interfaceIndex: 1) == nil)
        var short = Self.datagram(ttl: 255, proto: 112, payload: [])
        short[0] = 0x4F  // claims 60 header octets, has 20
        #expect(VRRPSocket.parseIPv4Datagram(short[...], interfaceIndex: 1) == nil)
    }

    @Test("an AH header (protocol 51) is moved aside and the VRRP message follows it")
    func authenticationHeader() throws {
        let endpoints = IPEndpoints.ipv4(source: IPv4Address("192.0.2.1")!, destination: .vrrpMulticast)
        let v2 = Advertisement(
            version: .v2, virtualRouterID: 9, priority: 100, addresses: .ipv4([IPv4Address("192.0.2.9")!]),
            authenticationType: .ipAuthenticationHeader)
        let message = try v2.encoded(endpoints: endpoints)
        // Next header 112, Payload Len 4 (24 octets: 12 fixed + 12 ICV), reserved, SPI, sequence, ICV.
        let ah: [UInt8] = [112, 4, 0, 0, 0, 0, 0, 1, 0, 0, 0, 5] + [UInt8](repeating: 0xAA, count: 12)
        var packet = try #require(
            VRRPSocket.parseIPv4Datagram(
                Self.datagram(ttl: 255, proto: 51, payload: ah + message)[...], interfaceIndex: 1))
        #expect(packet.ipProtocol == .authenticationHeader)
        #expect(VRRPSocket.stripAuthenticationHeader(&packet))
        #expect(packet.authenticationHeader == ah)
        #expect(try packet.decode().advertisement.virtualRouterID == 9)

        var cut = packet
        cut.payload = [112, 200, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        #expect(!VRRPSocket.stripAuthenticationHeader(&cut))
    }

    @Test("a packet whose source and destination differ in family does not decode")
    func familyMismatch() {
        let packet = ReceivedPacket(
            source: IPAddress("192.0.2.1")!, destination: IPAddress("ff02::12")!, ttl: 255, interfaceIndex: 1,
            payload: [])
        #expect(packet.endpoints == nil)
        #expect(throws: WireError(.addressFamilyMismatch)) { try packet.decode() }
    }
}
