import VRRPWire

/// A randomly generated advertisement frame and everything it was built from.
struct FrameSample {
    enum Link: CaseIterable {
        case ethernet, ethernetVLAN, linuxSLL, linuxSLL2, raw
    }

    var advertisement: Advertisement
    var endpoints: IPEndpoints
    var link: Link
    var hopLimit: UInt8
    var authenticationHeader: AuthenticationHeader?
    var checksumVariant: ChecksumVariant?
    var sourceMAC: MACAddress
    var vlanTag: VLANTag?

    var linkType: LinkType {
        switch link {
        case .ethernet, .ethernetVLAN: .ethernet
        case .linuxSLL: .linuxSLL
        case .linuxSLL2: .linuxSLL2
        case .raw: .raw
        }
    }

    /// The frame's bytes for its link type.
    func bytes() throws -> [UInt8] {
        let ethernet = try FrameBuilder.advertisement(
            advertisement, endpoints: endpoints, sourceMAC: sourceMAC, hopLimit: hopLimit, vlanTag: vlanTag,
            authenticationHeader: authenticationHeader, checksumVariant: checksumVariant)
        let ipStart = vlanTag == nil ? 14 : 18
        let ip = Array(ethernet[ipStart...])
        let etherType: EtherType = endpoints.family == .ipv4 ? .ipv4 : .ipv6
        switch link {
        case .ethernet, .ethernetVLAN:
            return ethernet
        case .linuxSLL, .linuxSLL2:
            var frame: [UInt8] = []
            LinuxCookedHeader(
                version: link == .linuxSLL ? .v1 : .v2, packetType: .multicast, source: sourceMAC,
                protocolType: etherType, interfaceIndex: 3
            ).encode(into: &frame)
            return frame + ip
        case .raw:
            return ip
        }
    }
}

/// Seeded generators of valid values.
enum Arbitrary {
    static func ipv4Address(_ random: inout SeededGenerator) -> IPv4Address {
        IPv4Address(UInt32.random(in: .min ... .max, using: &random))
    }

    static func ipv6Address(_ random: inout SeededGenerator) -> IPv6Address {
        IPv6Address(high: random.next(), low: random.next())
    }

    static func frameSample(_ random: inout SeededGenerator) -> FrameSample {
        let version: VRRPVersion = random.chance(40) ? .v2 : .v3
        let family: AddressFamily = version == .v2 || random.chance(50) ? .ipv4 : .ipv6
        let count = Int.random(in: 0...20, using: &random)
        let addresses: VirtualAddressList =
            family == .ipv4
            ? .ipv4((0..<count).map { _ in ipv4Address(&random) })
            : .ipv6((0..<count).map { _ in ipv6Address(&random) })
        var advertisement = Advertisement(
            version: version, virtualRouterID: random.byte(), priority: random.byte(), addresses: addresses)
        var authenticationHeader: AuthenticationHeader? = nil
        var checksumVariant: ChecksumVariant? = nil
        if version == .v2 {
            advertisement.interval = .seconds(UInt8.random(in: 1...255, using: &random))
            advertisement.authenticationType = AuthenticationType(rawValue: UInt8.random(in: 0...2, using: &random))
            if advertisement.authenticationType != .none {
                advertisement.authenticationData = AuthenticationData(random.next())
            }
            if advertisement.authenticationType == .ipAuthenticationHeader {
                authenticationHeader = AuthenticationHeader(
                    nextHeader: .vrrp, securityParametersIndex: UInt32.random(in: .min ... .max, using: &random),
                    sequenceNumber: UInt32.random(in: .min ... .max, using: &random),
                    integrityCheckValue: random.bytes(4 * Int.random(in: 0...5, using: &random)))
            }
        } else {
            advertisement.interval = AdvertisementInterval(centiseconds: UInt16.random(in: 1...0xFFF, using: &random))
            advertisement.reserved = UInt8.random(in: 0...15, using: &random)
            if family == .ipv4, random.chance(30) { checksumVariant = .withoutPseudoHeader }
        }
        let endpoints: IPEndpoints =
            family == .ipv4
            ? .ipv4(
                source: ipv4Address(&random), destination: random.chance(70) ? .vrrpMulticast : ipv4Address(&random))
            : .ipv6(
                source: ipv6Address(&random), destination: random.chance(70) ? .vrrpMulticast : ipv6Address(&random))
        let link = FrameSample.Link.allCases.randomElement(using: &random)!
        let vlanTag =
            link == .ethernetVLAN
            ? VLANTag(
                vlanID: UInt16.random(in: 0...0xFFF, using: &random), priority: UInt8.random(in: 0...7, using: &random),
                dropEligible: random.chance(50))
            : nil
        return FrameSample(
            advertisement: advertisement, endpoints: endpoints, link: link, hopLimit: random.byte(),
            authenticationHeader: authenticationHeader, checksumVariant: checksumVariant,
            sourceMAC: MACAddress(random.next()), vlanTag: vlanTag)
    }
}
