import CVRRPShim
import Glibc
public import VRRPWire

/// An AF_PACKET socket that sends gratuitous ARP (RFC 5227 §3) and unsolicited neighbour advertisements
/// (RFC 4861 §7.2.6) on one interface, as a VRRP master does for each virtual address (RFC 5798 §6.4.1).
///
/// Both go out as whole Ethernet frames we build, for three reasons: the source MAC can be a virtual MAC
/// without a macvlan, one socket serves both families, and an NA does not depend on the IPv6 stack's state
/// (a raw ICMPv6 socket refuses to send from a tentative or missing link-local address). This is also what
/// keepalived does. The socket is opened with protocol 0, so it never receives and never queues frames.
public final class AnnouncementSocket: Sendable {
    /// The interface frames leave through.
    public let interface: String
    /// Its index, resolved when the socket was opened.
    public let interfaceIndex: Int32
    private let descriptor: OwnedDescriptor

    /// Opens the socket in the calling thread's network namespace.
    /// - Throws: ``VRRPSocketError``: `needs CAP_NET_RAW`, `no interface named …`.
    public init(interface: String) throws(VRRPSocketError) {
        self.interface = interface
        let raw = socket(AF_PACKET, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard raw >= 0 else {
            throw VRRPSocketError("open AF_PACKET socket", interface: interface, errno: Glibc.errno)
        }
        descriptor = OwnedDescriptor(raw)
        let index = interface.isEmpty ? 0 : if_nametoindex(interface)
        guard index != 0 else {
            throw VRRPSocketError("look up interface", interface: interface, errno: ENODEV)
        }
        interfaceIndex = Int32(index)
    }

    /// Broadcasts a gratuitous ARP request for `address` from `hardwareAddress` (the interface's MAC or the
    /// virtual router MAC).
    public func sendGratuitousARP(for address: IPv4Address, from hardwareAddress: MACAddress) throws(VRRPSocketError) {
        let frame = Self.gratuitousARPFrame(for: address, from: hardwareAddress)
        try send(frame, to: .broadcast, what: "send gratuitous ARP for \(address)")
    }

    /// Sends an unsolicited neighbour advertisement for `target` to ff02::1 with hop limit 255, Override set,
    /// Router set when `isRouter` (the interface forwards), from the link-local `source`.
    public func sendUnsolicitedNeighborAdvertisement(
        for target: IPv6Address,
        from hardwareAddress: MACAddress,
        source: IPv6Address,
        isRouter: Bool
    ) throws(VRRPSocketError) {
        let frame = Self.unsolicitedNeighborAdvertisementFrame(
            for: target, from: hardwareAddress, source: source, isRouter: isRouter)
        try send(frame, to: .multicast(IPv6Address.allNodes), what: "send neighbour advertisement for \(target)")
    }

    private func send(_ frame: [UInt8], to destination: MACAddress, what: String) throws(VRRPSocketError) {
        let mac = destination.octets
        let sent = frame.withUnsafeBytes { bytes in
            mac.withUnsafeBufferPointer {
                vrrp_shim_send_frame(
                    descriptor.rawValue, bytes.baseAddress, bytes.count, interfaceIndex, $0.baseAddress)
            }
        }
        guard sent == frame.count else { throw VRRPSocketError(what, interface: interface, errno: Glibc.errno) }
    }

    /// The Ethernet frame of a gratuitous ARP: broadcast destination, EtherType 0x0806, the 28-octet request.
    package static func gratuitousARPFrame(for address: IPv4Address, from hardwareAddress: MACAddress) -> [UInt8] {
        var frame: [UInt8] = []
        frame.reserveCapacity(42)
        MACAddress.broadcast.write(into: &frame)
        hardwareAddress.write(into: &frame)
        frame += [0x08, 0x06]
        ARPPacket.gratuitous(address, at: hardwareAddress).encode(into: &frame)
        return frame
    }

    /// The Ethernet frame of an unsolicited NA: 33:33:00:00:00:01, EtherType 0x86DD, an IPv6 header with hop
    /// limit 255 to ff02::1, and the ICMPv6 message with its checksum.
    package static func unsolicitedNeighborAdvertisementFrame(
        for target: IPv6Address,
        from hardwareAddress: MACAddress,
        source: IPv6Address,
        isRouter: Bool
    ) -> [UInt8] {
        var icmp: [UInt8] = []
        NeighborAdvertisement.unsolicited(target, at: hardwareAddress, isRouter: isRouter)
            .encode(into: &icmp, source: source, destination: .allNodes)
        var frame: [UInt8] = []
        frame.reserveCapacity(14 + 40 + icmp.count)
        MACAddress.multicast(IPv6Address.allNodes).write(into: &frame)
        hardwareAddress.write(into: &frame)
        frame += [0x86, 0xDD]
        frame += [0x60, 0, 0, 0]  // version 6, traffic class 0, flow label 0
        frame += [UInt8(icmp.count >> 8), UInt8(truncatingIfNeeded: icmp.count)]
        frame.append(IPProtocol.icmpv6.rawValue)
        frame.append(255)  // RFC 4861 §7.1.2: hop limit 255
        source.write(into: &frame)
        IPv6Address.allNodes.write(into: &frame)
        frame += icmp
        return frame
    }
}
