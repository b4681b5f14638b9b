/// An IPv6 fixed header (RFC 8200 §3), 40 octets.
///
/// ```
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Version| Traffic Class |           Flow Label                  |
/// |         Payload Length        |  Next Header  |   Hop Limit   |
/// |                    Source Address (16)                        |
/// |                  Destination Address (16)                     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
public struct IPv6Header: Hashable, Sendable {
    /// The traffic class.
    public var trafficClass: UInt8
    /// The 20-bit flow label.
    public var flowLabel: UInt32
    /// The payload length in octets (extension headers included).
    public var payloadLength: UInt16
    /// The first header after this one.
    public var nextHeader: IPProtocol
    /// The hop limit; VRRP requires 255 (RFC 5798 §5.1.2.3).
    public var hopLimit: UInt8
    /// The source address.
    public var source: IPv6Address
    /// The destination address.
    public var destination: IPv6Address

    /// The header length, 40 octets.
    public static let headerLength = 40

    /// A header from its fields.
    public init(
        source: IPv6Address,
        destination: IPv6Address,
        nextHeader: IPProtocol,
        payloadLength: UInt16,
        hopLimit: UInt8 = 255,
        trafficClass: UInt8 = 0xC0,
        flowLabel: UInt32 = 0
    ) {
        self.trafficClass = trafficClass
        self.flowLabel = flowLabel & 0xF_FFFF
        self.payloadLength = payloadLength
        self.nextHeader = nextHeader
        self.hopLimit = hopLimit
        self.source = source
        self.destination = destination
    }

    /// The packet's endpoints.
    @inlinable
    public var endpoints: IPEndpoints { .ipv6(source: source, destination: destination) }

    /// Decodes the fixed header at the start of `bytes`; its payload is `bytes[40..<40 + payloadLength]`.
    ///
    /// - Throws: ``WireError/Code/truncated`` when the header or the declared payload does not fit,
    ///   ``WireError/Code/badHeader`` for a version other than 6.
    public static func decode(_ bytes: ArraySlice<UInt8>) throws(WireError) -> IPv6Header {
        guard bytes.count >= headerLength else {
            throw WireError(.truncated, "IPv6 header needs \(headerLength) octets, got \(bytes.count)")
        }
        let first = bytes.uint32(at: 0)
        guard first >> 28 == 6 else {
            throw WireError(.badHeader, "IP version \(first >> 28) in an IPv6 packet", offset: 0)
        }
        let payloadLength = bytes.uint16(at: 4)
        guard headerLength + Int(payloadLength) <= bytes.count else {
            throw WireError(
                .truncated,
                "IPv6 payload length \(payloadLength), only \(bytes.count - headerLength) octets captured", offset: 4)
        }
        return IPv6Header(
            source: bytes.ipv6Address(at: 8), destination: bytes.ipv6Address(at: 24),
            nextHeader: IPProtocol(rawValue: bytes.uint8(at: 6)), payloadLength: payloadLength,
            hopLimit: bytes.uint8(at: 7), trafficClass: UInt8(truncatingIfNeeded: first >> 20),
            flowLabel: first & 0xF_FFFF)
    }

    /// Walks the extension headers at the start of `payload` that may precede an upper-layer header:
    /// Hop-by-Hop Options (0), Routing (43), Destination Options (60) and the first fragment of a Fragment
    /// header (44). It stops at the first other header, at a non-first fragment (reported as protocol 44), or
    /// after 8 headers.
    ///
    /// - Returns: the upper-layer protocol and its offset in `payload`.
    /// - Throws: ``WireError/Code/truncated`` when an extension header runs past the payload.
    public func upperLayer(in payload: ArraySlice<UInt8>) throws(WireError) -> (protocolNumber: IPProtocol, offset: Int)
    {
        var next = nextHeader
        var offset = 0
        for _ in 0..<8 {
            switch next.rawValue {
            case 0, 43, 60:
                guard payload.count - offset >= 8 else {
                    throw WireError(.truncated, "IPv6 extension header \(next.rawValue) cut short", offset: offset)
                }
                let length = (Int(payload.uint8(at: offset + 1)) + 1) * 8
                guard payload.count - offset >= length else {
                    throw WireError(
                        .truncated, "IPv6 extension header \(next.rawValue) of \(length) octets runs past the payload",
                        offset: offset)
                }
                next = IPProtocol(rawValue: payload.uint8(at: offset))
                offset += length
            case 44:
                guard payload.count - offset >= 8 else {
                    throw WireError(.truncated, "IPv6 fragment header cut short", offset: offset)
                }
                let fragment = payload.uint16(at: offset + 2)
                guard fragment & 0xFFF9 == 0 else { return (next, offset) }  // a fragment we cannot reassemble
                next = IPProtocol(rawValue: payload.uint8(at: offset))
                offset += 8
            default:
                return (next, offset)
            }
        }
        return (next, offset)
    }

    /// Writes the 40 octets at `offset`, which must leave room for them.
    public func write(to buffer: inout [UInt8], at offset: Int) {
        precondition(offset >= 0 && buffer.count - offset >= Self.headerLength, "buffer too small for the header")
        buffer.setBigEndian(6 << 28 | UInt32(trafficClass) << 20 | (flowLabel & 0xF_FFFF), at: offset)
        buffer.setBigEndian(payloadLength, at: offset + 4)
        buffer[offset + 6] = nextHeader.rawValue
        buffer[offset + 7] = hopLimit
        buffer.setIPv6Address(source, at: offset + 8)
        buffer.setIPv6Address(destination, at: offset + 24)
    }

    /// Appends the header.
    public func encode(into buffer: inout [UInt8]) {
        let start = buffer.count
        buffer.ensureCount(Self.headerLength, from: start)
        write(to: &buffer, at: start)
    }
}
