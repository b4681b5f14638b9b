import Foundation
import Synchronization
import VRRPRuntime
import VRRPSocket
import VRRPWire

extension InMemorySegment {
    /// Delivers a whole IPv4 packet (an `auth_type AH` advert) to every other transport, split as the kernel
    /// adapter splits it: IPv4 header, AH, VRRP message.
    func broadcastIPv4Packet(_ bytes: [UInt8], from host: String) {
        guard var packet = VRRPSocket.parseIPv4Datagram(bytes[...], interfaceIndex: 2),
            VRRPSocket.stripAuthenticationHeader(&packet)
        else { return }
        if let decoded = try? packet.decode() {
            sent.withLock { $0.append(Sent(from: host, advertisement: decoded.advertisement, at: .now)) }
        }
        let peers = transports.withLock { $0.filter { $0.host != host }.map(\.transport) }
        for peer in peers { peer.deliver(packet) }
    }
}

extension FakeTransport {
    func sendIPv4Packet(_ packet: [UInt8], from source: IPv4Address, to destination: IPv4Address) throws {
        segment.broadcastIPv4Packet(packet, from: host)
    }
}

extension FakeEnvironment {
    func makeAuthenticationHeaderTransport(
        interface: String, unicastSource: IPAddress?, unicastPeers: [IPAddress],
        announcementInterface: String?
    ) throws -> any VRRPTransport {
        FakeTransport(host: host, segment: segment)
    }
}
