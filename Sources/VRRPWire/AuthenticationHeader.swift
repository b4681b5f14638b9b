/// An IP Authentication Header (RFC 4302 §2). keepalived puts one between the IPv4 header and a VRRPv2
/// message when configured with `auth_type AH` (RFC 2338 §5.3.6.3), with a 12-octet HMAC-MD5-96 ICV.
///
/// ```
///  0                   1                   2                   3
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Header   |  Payload Len  |          RESERVED             |
/// |                 Security Parameters Index (SPI)               |
/// |                    Sequence Number Field                      |
/// |                Integrity Check Value-ICV (variable)           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ```
///
/// The ICV is decoded as octets, not verified: that needs the shared key.
public struct AuthenticationHeader: Hashable, Sendable {
    /// The protocol that follows the header (112 for VRRP).
    public var nextHeader: IPProtocol
    /// The 16-bit reserved field (zero on the wire, kept as received).
    public var reserved: UInt16
    /// The Security Parameters Index.
    public var securityParametersIndex: UInt32
    /// The anti-replay sequence number.
    public var sequenceNumber: UInt32
    /// The Integrity Check Value; its length must be a multiple of 4 octets.
    public var integrityCheckValue: [UInt8]

    /// The fixed part's length, 12 octets.
    public static let fixedLength = 12

    /// A header from its fields.
    public init(
        nextHeader: IPProtocol,
        securityParametersIndex: UInt32,
        sequenceNumber: UInt32,
        integrityCheckValue: [UInt8],
        reserved: UInt16 = 0
    ) {
        self.nextHeader = nextHeader
        self.reserved = reserved
        self.securityParametersIndex = securityParametersIndex
        self.sequenceNumber = sequenceNumber
        self.integrityCheckValue = integrityCheckValue
    }

    /// The header's length in octets.
    @inlinable
    public var length: Int { Self.fixedLength + integrityCheckValue.count }

    /// The Payload Len field: the length in 4-octet words minus 2 (RFC 4302 §2.2).
    @inlinable
    public var payloadLengthField: UInt8 { UInt8(truncatingIfNeeded: length / 4 - 2) }

    /// Decodes the header at the start of `bytes`; what it protects starts ``length`` octets in.
    ///
    /// - Throws: ``WireError/Code/truncated`` when the fixed part or the declared length does not fit,
    ///   ``WireError/Code/badHeader`` for a Payload Len below 1 (shorter than the fixed part).
    public static func decode(_ bytes: ArraySlice<UInt8>) throws(WireError) -> AuthenticationHeader {
        guard bytes.count >= fixedLength else {
            throw WireError(.truncated, "authentication header needs \(fixedLength) octets, got \(bytes.count)")
        }
        let payloadLength = Int(bytes.uint8(at: 1))
        guard payloadLength >= 1 else {
            throw WireError(
                .badHeader, "authentication header Payload Len \(payloadLength), at least 1", offset: 1)
        }
        let length = (payloadLength + 2) * 4
        guard bytes.count >= length else {
            throw WireError(
                .truncated, "authentication header declares \(length) octets, only \(bytes.count) present", offset: 1)
        }
        let start = bytes.startIndex
        return AuthenticationHeader(
            nextHeader: IPProtocol(rawValue: bytes.uint8(at: 0)), securityParametersIndex: bytes.uint32(at: 4),
            sequenceNumber: bytes.uint32(at: 8),
            integrityCheckValue: Array(bytes[start + fixedLength..<start + length]), reserved: bytes.uint16(at: 2))
    }

    /// Writes the ``length`` octets at `offset`, which must leave room for them.
    public func write(to buffer: inout [UInt8], at offset: Int) {
        precondition(integrityCheckValue.count % 4 == 0, "the ICV is a multiple of 4 octets")
        precondition(offset >= 0 && buffer.count - offset >= length, "buffer too small for the header")
        buffer[offset] = nextHeader.rawValue
        buffer[offset + 1] = payloadLengthField
        buffer.setBigEndian(reserved, at: offset + 2)
        buffer.setBigEndian(securityParametersIndex, at: offset + 4)
        buffer.setBigEndian(sequenceNumber, at: offset + 8)
        for (index, byte) in integrityCheckValue.enumerated() { buffer[offset + Self.fixedLength + index] = byte }
    }

    /// Appends the header.
    public func encode(into buffer: inout [UInt8]) {
        let start = buffer.count
        buffer.ensureCount(length, from: start)
        write(to: &buffer, at: start)
    }
}
