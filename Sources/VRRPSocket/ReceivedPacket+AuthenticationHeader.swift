import VRRPWire

extension ReceivedPacket {
    /// For a packet that came in as IP protocol 51: the IPv4 packet as it was on the wire (header, AH,
    /// message), what keepalived's ICV covers. Nil for other packets.
    public var authenticatedIPv4Packet: [UInt8]? {
        guard ipProtocol == .authenticationHeader, !ipHeader.isEmpty, !authenticationHeader.isEmpty else {
            return nil
        }
        return ipHeader + authenticationHeader + payload
    }
}
