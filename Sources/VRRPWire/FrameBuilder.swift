/// Builds whole Ethernet frames around VRRP advertisements, ARP packets and Neighbor Advertisements, as a VRRP
/// speaker puts them on the wire. For tests, capture generators, fuzz corpora and packet sockets.
public enum FrameBuilder {
    /// The shortest Ethernet frame without its frame check sequence, 60 octets.
    public static let minimumFrameLength = 60

    /// An Ethernet frame carrying an advertisement in IPv4 or IPv6.
    ///
    /// - Parameters:
    ///   - endpoints: the IP source and destination; multicast destinations get their mapped MAC address.
    ///   - sourceMAC: the Ethernet source; nil uses the virtual router MAC of the VRID and family.
    ///   - destinationMAC: the Ethernet destination; nil maps a multicast destination, else broadcast.
    ///   - hopLimit: the IPv4 TTL / IPv6 hop limit.
    ///   - authenticationHeader: an AH to put between the IPv4 header and the message (its next header is set to
    ///     VRRP).
    ///   - checksumVariant: as ``Advertisement/encode(into:endpoints:checksumVariant:)``.
    ///   - padToMinimum: whether to pad the frame with zeros to 60 octets, as a NIC does.
    /// - Throws: what ``Advertisement/encode(into:endpoints:checksumVariant:)`` throws.
    public static func advertisement(
        _ advertisement: Advertisement,
        endpoints: IPEndpoints,
        sourceMAC: MACAddress? = nil,
        destinationMAC: MACAddress? = nil,
        hopLimit: UInt8 = 255,
        vlanTag: VLANTag? = nil,
        authenticationHeader: AuthenticationHeader? = nil,
        checksumVariant: ChecksumVariant? = nil,
        padToMinimum: Bool = false
    ) throws(WireError) -> [UInt8] {
        var message: [UInt8] = []
        try advertisement.encode(into: &message, endpoints: endpoints, checksumVariant: checksumVariant)
        var header = authenticationHeader
        header?.nextHeader = .vrrp
        let source = sourceMAC ?? .virtualRouter(advertisement.virtualRouterID, family: endpoints.family)
        return ipFrame(
            payload: message, protocolNumber: .vrrp, endpoints: endpoints, sourceMAC: source,
            destinationMAC: destinationMAC, hopLimit: hopLimit, vlanTag: vlanTag,
            authenticationHeader: header, padToMinimum: padToMinimum)
    }

    /// An Ethernet frame carrying an ICMPv6 Neighbor Advertisement (to all-nodes by default), hop limit 255.
    public static func neighborAdvertisement(
        _ message: NeighborAdvertisement,
        source: IPv6Address,
        destination: IPv6Address = .allNodes,
        sourceMAC: MACAddress,
        destinationMAC: MACAddress? = nil,
        vlanTag: VLANTag? = nil
    ) -> [UInt8] {
        var payload: [UInt8] = []
        message.encode(into: &payload, source: source, destination: destination)
        return ipFrame(
            payload: payload, protocolNumber: .icmpv6, endpoints: .ipv6(source: source, destination: destination),
            sourceMAC: sourceMAC, destinationMAC: destinationMAC, hopLimit: 255, vlanTag: vlanTag,
            authenticationHeader: nil, padToMinimum: false)
    }

    /// An Ethernet frame carrying an ARP packet, from its sender hardware address.
    public static func arp(
        _ packet: ARPPacket,
        destinationMAC: MACAddress = .broadcast,
        vlanTag: VLANTag? = nil,
        padToMinimum: Bool = false
    ) -> [UInt8] {
        let ethernet = EthernetFrame(
            destination: destinationMAC, source: packet.senderHardwareAddress, etherType: .arp, vlanTag: vlanTag)
        var frame: [UInt8] = []
        ethernet.encode(into: &frame)
        packet.encode(into: &frame)
        if padToMinimum, frame.count < minimumFrameLength {
            frame.append(contentsOf: repeatElement(0, count: minimumFrameLength - frame.count))
        }
        return frame
    }

    /// An Ethernet frame carrying an IP packet with the given payload.
    public static func ipFrame(
        payload: [UInt8],
        protocolNumber: IPProtocol,
        endpoints: IPEndpoints,
        sourceMAC: MACAddress,
        destinationMAC: MACAddress? = nil,
        hopLimit: UInt8 = 255,
        vlanTag: VLANTag? = nil,
        authenticationHeader: AuthenticationHeader? = nil,
        padToMinimum: Bool = false
    ) -> [UInt8] {
        let ahLength = authenticationHeader?.length ?? 0
        let firstProtocol: IPProtocol = authenticationHeader == nil ? protocolNumber : .authenticationHeader
        var frame: [UInt8] = []
        switch endpoints {
        case .ipv4(let source, let destination):
            let mac = destinationMAC ?? (destination.isMulticast ? .multicast(destination) : .broadcast)
            EthernetFrame(destination: mac, source: sourceMAC, etherType: .ipv4, vlanTag: vlanTag)
                .encode(into: &frame)
            IPv4Header(
                source: source, destination: destination, protocolNumber: firstProtocol,
                payloadLength: ahLength + payload.count, timeToLive: hopLimit
            ).encode(into: &frame)
        case .ipv6(let source, let destination):
            let mac = destinationMAC ?? (destination.isMulticast ? .multicast(destination) : .broadcast)
            EthernetFrame(destination: mac, source: sourceMAC, etherType: .ipv6, vlanTag: vlanTag)
                .encode(into: &frame)
            IPv6Header(
                source: source, destination: destination, nextHeader: firstProtocol,
                payloadLength: UInt16(truncatingIfNeeded: ahLength + payload.count), hopLimit: hopLimit
            ).encode(into: &frame)
        }
        authenticationHeader?.encode(into: &frame)
        frame.append(contentsOf: payload)
        if padToMinimum, frame.count < minimumFrameLength {
            frame.append(contentsOf: repeatElement(0, count: minimumFrameLength - frame.count))
        }
        return frame
    }
}
