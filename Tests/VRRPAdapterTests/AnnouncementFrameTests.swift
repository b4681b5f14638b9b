import Testing
import VRRPSocket
import VRRPWire

@Suite("Announcement frames")
struct AnnouncementFrameTests {
    let mac = MACAddress("02:00:5e:10:00:01")!

    @Test("a gratuitous ARP frame is broadcast, EtherType 0x0806, a request with sender = target = the VIP")
    func gratuitousARP() throws {
        let frame = AnnouncementSocket.gratuitousARPFrame(for: IPv4Address("192.0.2.150")!, from: mac)
        #expect(frame.count == 42)
        #expect(Array(frame[0..<6]) == MACAddress.broadcast.octets)
        #expect(Array(frame[6..<12]) == mac.octets)
        #expect(Array(frame[12..<14]) == [0x08, 0x06])
        let arp = try ARPPacket.decode(frame[14...])
        #expect(arp.operation == .request)
        #expect(arp.isGratuitous)
        #expect(arp.senderProtocolAddress == IPv4Address("192.0.2.150"))
        #expect(arp.senderHardwareAddress == mac)
    }

    @Test(
        "an unsolicited NA frame goes to 33:33:00:00:00:01 / ff02::1 with hop limit 255, Override set",
        arguments: [false, true])
    func neighbourAdvertisement(isRouter: Bool) throws {
        let source = IPv6Address("fe80::1")!
        let target = IPv6Address("2001:db8::150")!
        let frame = AnnouncementSocket.unsolicitedNeighborAdvertisementFrame(
            for: target, from: mac, source: source, isRouter: isRouter)
        #expect(Array(frame[0..<6]) == [0x33, 0x33, 0, 0, 0, 1])
        #expect(Array(frame[6..<12]) == mac.octets)
        #expect(Array(frame[12..<14]) == [0x86, 0xDD])
        #expect(frame[14] >> 4 == 6)
        let payloadLength = Int(frame[18]) << 8 | Int(frame[19])
        #expect(payloadLength == frame.count - 54)
        #expect(frame[20] == 58)
        #expect(frame[21] == 255)
        #expect(IPv6Address(octets: frame[22..<38]) == source)
        #expect(IPv6Address(octets: frame[38..<54]) == .allNodes)
        let na = try NeighborAdvertisement.decode(frame[54...], source: source, destination: .allNodes)
        #expect(na.target == target)
        #expect(na.isOverride)
        #expect(!na.isSolicited)
        #expect(na.isRouter == isRouter)
        #expect(na.targetLinkLayerAddress == mac)
    }
}
