import Glibc
public import VRRPWire

extension VRRPSocket {
    /// Sends a whole IPv4 packet, header included, as keepalived sends `auth_type AH` adverts: the AH ICV
    /// covers the IPv4 header (Identification too), so the header must go out as built. The kernel still fills
    /// in the header checksum (and an Identification of zero, which is why keepalived never sends one).
    ///
    /// The socket must be an IPv4 socket opened with ``VRRPSocketConfiguration/ipProtocol``
    /// ``IPProtocol/authenticationHeader``, which sets IP_HDRINCL.
    /// - Throws: ``VRRPSocketError`` for another kind of socket, a packet whose addresses are not `source` /
    ///   `destination`, or a failed send.
    public func sendIPv4Packet(
        _ packet: [UInt8], from source: IPv4Address, to destination: IPv4Address
    ) throws(VRRPSocketError) {
        let name = configuration.interface
        guard configuration.family == .ipv4, configuration.ipProtocol == .authenticationHeader else {
            throw VRRPSocketError(
                operation: "send an IPv4 packet", interface: name, errno: 0,
                cause: "the socket is not an IPv4 AH (protocol 51, IP_HDRINCL) socket")
        }
        guard packet.count >= 20, packet[0] >> 4 == 4,
            Array(packet[12..<16]) == source.octets,
            Array(packet[16..<20]) == destination.octets
        else {
            throw VRRPSocketError(
                operation: "send an IPv4 packet", interface: name, errno: 0,
                cause: "the packet's IPv4 header does not name \(source) → \(destination)")
        }
        try send(bytes: packet, from: .ipv4(source), to: .ipv4(destination))
    }
}
