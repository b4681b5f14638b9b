import VRRPWire

/// libFuzzer's entry point: every decoder over the input, with every link type and both address families.
///
/// Beyond "never traps", it checks exactness: a VRRP message that decodes must re-encode to the same octets
/// under the same endpoints and checksum variant, and a decoded frame must decode the same way twice.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for linkType in [LinkType.ethernet, .linuxSLL, .linuxSLL2, .raw] {
        let decoder = FrameDecoder(linkType: linkType)
        let frame = decoder.decode(bytes)
        precondition(decoder.decode(bytes) == frame, "decoding is not deterministic")
    }
    let endpoints: [IPEndpoints] = [
        .ipv4(source: IPv4Address(192, 0, 2, 1), destination: .vrrpMulticast),
        .ipv6(source: IPv6Address(high: 0xFE80_0000_0000_0000, low: 1), destination: .vrrpMulticast),
    ]
    for endpoint in endpoints {
        guard let decoded = try? Advertisement.decode(bytes, endpoints: endpoint) else { continue }
        let again = try? decoded.advertisement.encoded(endpoints: endpoint, checksumVariant: decoded.checksumVariant)
        precondition(again == bytes, "a decoded advertisement does not re-encode to its own octets")
    }
    _ = try? ARPPacket.decode(bytes[...])
    _ = try? NeighborAdvertisement.decode(
        bytes[...], source: IPv6Address(high: 0xFE80_0000_0000_0000, low: 1), destination: .allNodes)
    _ = try? IPv4Header.decode(bytes[...])
    if let header = try? IPv6Header.decode(bytes[...]) {
        _ = try? header.upperLayer(in: bytes.dropFirst(IPv6Header.headerLength))
    }
    _ = try? AuthenticationHeader.decode(bytes[...])
    return 0
}
