extension FrameBuilder {
    /// An Ethernet frame carrying a keepalived `auth_type AH` advert, built as
    /// `AuthenticationHeader.authenticatedIPv4Packet` builds it (TTL 255, TOS 0xC0), to the multicast MAC of a
    /// group destination. Pass the speaker's interface MAC as `sourceMAC` (keepalived without `use_vmac` sends
    /// from it); nil uses the virtual router MAC.
    ///
    /// - Throws: what building the packet throws (a VRRPv3 advert has no AH).
    public static func authenticatedAdvertisement(
        _ advertisement: Advertisement,
        source: IPv4Address,
        destination: IPv4Address = .vrrpMulticast,
        identification: UInt16,
        sequenceNumber: UInt32,
        key: [UInt8],
        sourceMAC: MACAddress? = nil
    ) throws(WireError) -> [UInt8] {
        let packet = try AuthenticationHeader.authenticatedIPv4Packet(
            advertisement, source: source, destination: destination, identification: identification,
            sequenceNumber: sequenceNumber, key: key)
        let mac = destination.isMulticast ? MACAddress.multicast(destination) : .broadcast
        var frame: [UInt8] = []
        EthernetFrame(
            destination: mac, source: sourceMAC ?? .virtualRouter(advertisement.virtualRouterID, family: .ipv4),
            etherType: .ipv4
        ).encode(into: &frame)
        frame.append(contentsOf: packet)
        return frame
    }
}
