import Testing
import VRRPWire

@Suite("Gratuitous ARP and unsolicited neighbour advertisement")
struct NeighborDiscoveryTests {
    let mac = MACAddress(0x02_00_00_00_00_01)

    @Test("a gratuitous ARP request has the exact 28 octets and decodes back")
    func gratuitousARP() throws {
        let packet = ARPPacket.gratuitous(IPv4Address(192, 0, 2, 100), at: mac)
        var buffer = [UInt8](repeating: 0xA5, count: 3)
        packet.encode(into: &buffer)
        let expected: [UInt8] =
            [0xA5, 0xA5, 0xA5, 0, 1, 0x08, 0, 6, 4, 0, 1, 2, 0, 0, 0, 0, 1, 192, 0, 2, 100]
            + [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 192, 0, 2, 100]
        #expect(buffer == expected)
        let decoded = try ARPPacket.decode(buffer[3...])
        #expect(decoded == packet)
        #expect(decoded.isGratuitous)
    }

    @Test("ARP decoding rejects short and non-Ethernet/IPv4 packets")
    func arpErrors() {
        #expect(throws: WireError(.truncated)) { try ARPPacket.decode([UInt8](repeating: 0, count: 27)[...]) }
        var bytes: [UInt8] = []
        ARPPacket.gratuitous(IPv4Address(192, 0, 2, 1), at: mac).encode(into: &bytes)
        bytes[1] = 6  // hardware type IEEE 802
        #expect(throws: WireError(.unsupportedProtocol)) { try ARPPacket.decode(bytes[...]) }
    }

    @Test("an unsolicited NA has flags, target, option and a verifying checksum")
    func unsolicitedNA() throws {
        let target = try #require(IPv6Address("2001:db8::100"))
        let source = try #require(IPv6Address("fe80::1"))
        let message = NeighborAdvertisement.unsolicited(target, at: mac, isRouter: true)
        var buffer: [UInt8] = []
        message.encode(into: &buffer, source: source, destination: .allNodes)
        #expect(buffer.count == 32)
        #expect(buffer[0] == 136)
        #expect(buffer[1] == 0)
        #expect(buffer[4] == 0b1010_0000)  // R and O set, S clear
        #expect(Array(buffer[8..<24]) == target.octets)
        #expect(Array(buffer[24..<32]) == [2, 1, 2, 0, 0, 0, 0, 1])
        // The checksum verifies independently: the sum over pseudo-header and message folds to all ones.
        var sum = InternetChecksum()
        sum.add(source)
        sum.add(IPv6Address.allNodes)
        sum.add(UInt32(32))
        sum.add(UInt32(58))
        sum.add(buffer)
        #expect(sum.value == 0)
        let decoded = try NeighborAdvertisement.decode(buffer[...], source: source, destination: .allNodes)
        #expect(decoded == message)
    }

    @Test("NA decoding reports a bad checksum, a wrong type and a zero-length option")
    func naErrors() throws {
        let target = try #require(IPv6Address("2001:db8::100"))
        var buffer: [UInt8] = []
        NeighborAdvertisement.unsolicited(target, at: mac, isRouter: false)
            .encode(into: &buffer, source: .any, destination: .allNodes)
        var corrupted = buffer
        corrupted[10] ^= 1
        #expect(throws: WireError(.badChecksum)) {
            try NeighborAdvertisement.decode(corrupted[...], source: .any, destination: .allNodes)
        }
        var solicitation = buffer
        solicitation[0] = 135
        #expect(throws: WireError(.unsupportedProtocol)) {
            try NeighborAdvertisement.decode(solicitation[...], source: .any, destination: .allNodes)
        }
        var zeroOption: [UInt8] = []
        NeighborAdvertisement(
            isRouter: false, isSolicited: false, isOverride: true, target: target, targetLinkLayerAddress: nil,
            otherOptions: [9, 0, 0, 0, 0, 0, 0, 0]
        ).encode(into: &zeroOption, source: .any, destination: .allNodes)
        #expect(throws: WireError(.badHeader)) {
            try NeighborAdvertisement.decode(zeroOption[...], source: .any, destination: .allNodes)
        }
    }
}
