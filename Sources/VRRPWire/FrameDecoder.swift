/// Decodes captured frames of one link type down to VRRP advertisements, ARP and Neighbor Advertisements.
///
/// Every input yields a ``Frame``; bytes that fail to decode become ``FramePacket/malformed(_:)`` with the
/// layer and ``WireError`` code, never a trap. The layers:
/// - link: Ethernet II (one 802.1Q / 802.1ad tag), Linux cooked SLL / SLL2, or raw IP;
/// - IPv4 (checksum verified, options skipped by IHL, Total Length honoured so link padding is dropped, fragments
///   left undecoded) or IPv6 (Hop-by-Hop, Routing, Destination Options and atomic Fragment headers skipped);
/// - protocol 51, an Authentication Header, then what it protects; protocol 112, VRRP, decoded with the packet's
///   endpoints so the VRRPv3 pseudo-header checksum can verify; ICMPv6 type 136; EtherType ARP.
public struct FrameDecoder: Sendable {
    /// The link type of the frames.
    public var linkType: LinkType
    /// Whether an IPv4 header checksum that does not verify makes the frame malformed (the kernel drops such
    /// packets; turn off for captures with checksum offload artefacts).
    public var verifiesIPv4HeaderChecksum: Bool

    /// A decoder for frames of `linkType`.
    public init(linkType: LinkType, verifiesIPv4HeaderChecksum: Bool = true) {
        self.linkType = linkType
        self.verifiesIPv4HeaderChecksum = verifiesIPv4HeaderChecksum
    }

    /// Decodes one frame.
    public func decode(_ bytes: [UInt8]) -> Frame { decode(bytes[...]) }

    /// Decodes one frame.
    public func decode(_ bytes: ArraySlice<UInt8>) -> Frame {
        let link: LinkHeader
        let etherType: EtherType
        let payload: ArraySlice<UInt8>
        do throws(WireError) {
            switch linkType {
            case .ethernet:
                let header = try EthernetFrame.decode(bytes)
                link = .ethernet(header)
                etherType = header.etherType
                payload = bytes.dropFirst(header.headerLength)
            case .linuxSLL, .linuxSLL2:
                let header = try LinuxCookedHeader.decode(bytes, version: linkType == .linuxSLL ? .v1 : .v2)
                link = .linuxCooked(header)
                etherType = header.protocolType
                payload = bytes.dropFirst(header.headerLength)
            case .raw, .rawDLT, .ipv4, .ipv6:
                link = .raw
                payload = bytes
                guard let first = bytes.first else {
                    throw WireError(.truncated, "raw IP frame is empty")
                }
                switch first >> 4 {
                case 4: etherType = .ipv4
                case 6: etherType = .ipv6
                default: throw WireError(.badHeader, "raw IP frame with IP version \(first >> 4)", offset: 0)
                }
            default:
                return Frame(
                    linkType: linkType, link: nil,
                    packet: .other(OtherPacket(summary: "unsupported link type \(linkType.rawValue)")))
            }
        } catch {
            return Frame(linkType: linkType, link: nil, packet: .malformed(FrameError(layer: .link, error: error)))
        }
        return Frame(linkType: linkType, link: link, packet: decodePayload(payload, etherType: etherType))
    }

    /// Decodes what follows the link-layer header.
    func decodePayload(_ payload: ArraySlice<UInt8>, etherType: EtherType) -> FramePacket {
        switch etherType {
        case .ipv4: return decodeIPv4(payload)
        case .ipv6: return decodeIPv6(payload)
        case .arp:
            do throws(WireError) {
                return .arp(try ARPPacket.decode(payload))
            } catch {
                return .malformed(FrameError(layer: .arp, error: error))
            }
        default:
            return .other(OtherPacket(summary: "EtherType \(etherType)", etherType: etherType))
        }
    }

    func decodeIPv4(_ bytes: ArraySlice<UInt8>) -> FramePacket {
        let header: IPv4Header
        do throws(WireError) {
            header = try IPv4Header.decode(bytes, verifyChecksum: verifiesIPv4HeaderChecksum)
        } catch {
            return .malformed(FrameError(layer: .ipv4, error: error))
        }
        let ip = IPPacketInfo(header: .ipv4(header))
        let start = bytes.startIndex + header.headerLength
        let payload = bytes[start..<bytes.startIndex + Int(header.totalLength)]
        guard !header.isFragment else {
            return .other(
                OtherPacket(
                    summary: "IPv4 fragment of protocol \(header.protocolNumber)", etherType: .ipv4, ip: ip,
                    ipProtocol: header.protocolNumber))
        }
        return decodeUpperLayer(payload, protocolNumber: header.protocolNumber, ip: ip, etherType: .ipv4)
    }

    func decodeIPv6(_ bytes: ArraySlice<UInt8>) -> FramePacket {
        let header: IPv6Header
        let upper: (protocolNumber: IPProtocol, offset: Int)
        let payload: ArraySlice<UInt8>
        do throws(WireError) {
            header = try IPv6Header.decode(bytes)
            let start = bytes.startIndex + IPv6Header.headerLength
            payload = bytes[start..<start + Int(header.payloadLength)]
            upper = try header.upperLayer(in: payload)
        } catch {
            return .malformed(FrameError(layer: .ipv6, error: error))
        }
        let ip = IPPacketInfo(header: .ipv6(header))
        return decodeUpperLayer(
            payload.dropFirst(upper.offset), protocolNumber: upper.protocolNumber, ip: ip, etherType: .ipv6)
    }

    func decodeUpperLayer(
        _ payload: ArraySlice<UInt8>,
        protocolNumber: IPProtocol,
        ip: IPPacketInfo,
        etherType: EtherType
    ) -> FramePacket {
        switch protocolNumber {
        case .vrrp:
            return decodeVRRP(payload, ip: ip)
        case .authenticationHeader:
            let header: AuthenticationHeader
            do throws(WireError) {
                header = try AuthenticationHeader.decode(payload)
            } catch {
                return .malformed(FrameError(layer: .authenticationHeader, error: error, ip: ip))
            }
            var protected = ip
            protected.authenticationHeader = header
            guard header.nextHeader == .vrrp else {
                return .other(
                    OtherPacket(
                        summary: "\(etherType) AH protecting protocol \(header.nextHeader)", etherType: etherType,
                        ip: protected, ipProtocol: header.nextHeader))
            }
            return decodeVRRP(payload.dropFirst(header.length), ip: protected)
        case .icmpv6:
            guard case .ipv6(let header) = ip.header, payload.first == NeighborAdvertisement.icmpType else {
                let type = payload.first.map { " type \($0)" } ?? ""
                return .other(
                    OtherPacket(
                        summary: "\(etherType) ICMPv6\(type)", etherType: etherType, ip: ip, ipProtocol: .icmpv6))
            }
            do throws(WireError) {
                let message = try NeighborAdvertisement.decode(
                    payload, source: header.source, destination: header.destination)
                return .neighborAdvertisement(ReceivedNeighborAdvertisement(ip: ip, message: message))
            } catch {
                return .malformed(FrameError(layer: .icmpv6, error: error, ip: ip))
            }
        default:
            return .other(
                OtherPacket(
                    summary: "\(etherType) protocol \(protocolNumber)", etherType: etherType, ip: ip,
                    ipProtocol: protocolNumber))
        }
    }

    func decodeVRRP(_ payload: ArraySlice<UInt8>, ip: IPPacketInfo) -> FramePacket {
        do throws(WireError) {
            let decoded = try Advertisement.decode(payload, endpoints: ip.endpoints)
            return .advertisement(ReceivedAdvertisement(ip: ip, decoded: decoded))
        } catch {
            let vrid = payload.count >= 2 ? payload[payload.startIndex + 1] : nil
            return .malformed(FrameError(layer: .vrrp, error: error, ip: ip, virtualRouterID: vrid))
        }
    }
}
