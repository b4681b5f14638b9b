/// The header of an Ethernet II frame (IEEE 802.3 type interpretation), with an optional IEEE 802.1Q tag.
///
/// ```
/// +-------------+-------------+ - - - - - - - - - - - - - +-----------+----------------
/// | Destination |   Source    | TPID 0x8100 |     TCI     | EtherType | payload ...
/// |  6 octets   |  6 octets   |  2 (optional 802.1Q tag)  | 2 octets  |
/// +-------------+-------------+ - - - - - - - - - - - - - +-----------+----------------
/// ```
///
/// The frame check sequence is not part of a capture. Payload padding up to the 60-octet minimum is the
/// caller's to drop: the IP header's own length says where a packet ends.
public struct EthernetFrame: Hashable, Sendable {
    /// The destination MAC address.
    public var destination: MACAddress
    /// The source MAC address.
    public var source: MACAddress
    /// The 802.1Q tag, when the frame carries one.
    public var vlanTag: VLANTag?
    /// The type of the payload.
    public var etherType: EtherType

    /// A header from its fields.
    public init(destination: MACAddress, source: MACAddress, etherType: EtherType, vlanTag: VLANTag? = nil) {
        self.destination = destination
        self.source = source
        self.vlanTag = vlanTag
        self.etherType = etherType
    }

    /// The length of an untagged header, 14 octets.
    public static let untaggedHeaderLength = 14
    /// The length of a tagged header, 18 octets.
    public static let taggedHeaderLength = 18

    /// The encoded header length: 14 octets, 18 with a tag.
    @inlinable
    public var headerLength: Int { vlanTag == nil ? Self.untaggedHeaderLength : Self.taggedHeaderLength }

    /// Decodes the header at the start of `bytes`; the payload starts ``headerLength`` octets in.
    ///
    /// - Throws: ``WireError/Code/truncated`` when the header (with its tag) does not fit.
    public static func decode(_ bytes: ArraySlice<UInt8>) throws(WireError) -> EthernetFrame {
        guard bytes.count >= untaggedHeaderLength else {
            throw WireError(.truncated, "Ethernet header needs \(untaggedHeaderLength) octets, got \(bytes.count)")
        }
        let destination = bytes.macAddress(at: 0)
        let source = bytes.macAddress(at: 6)
        let type = EtherType(rawValue: bytes.uint16(at: 12))
        guard type == .vlan || type == .serviceVLAN else {
            return EthernetFrame(destination: destination, source: source, etherType: type)
        }
        guard bytes.count >= taggedHeaderLength else {
            throw WireError(
                .truncated, "802.1Q-tagged Ethernet header needs \(taggedHeaderLength) octets, got \(bytes.count)",
                offset: 12)
        }
        let tag = VLANTag(controlInformation: bytes.uint16(at: 14), tagProtocol: type)
        return EthernetFrame(
            destination: destination, source: source, etherType: EtherType(rawValue: bytes.uint16(at: 16)),
            vlanTag: tag)
    }

    /// Writes the ``headerLength`` octets of the header at `offset`, which must leave room for them.
    public func write(to buffer: inout [UInt8], at offset: Int) {
        precondition(offset >= 0 && buffer.count - offset >= headerLength, "buffer too small for the header")
        buffer.setMACAddress(destination, at: offset)
        buffer.setMACAddress(source, at: offset + 6)
        if let vlanTag {
            buffer.setBigEndian(vlanTag.tagProtocol.rawValue, at: offset + 12)
            buffer.setBigEndian(vlanTag.controlInformation, at: offset + 14)
            buffer.setBigEndian(etherType.rawValue, at: offset + 16)
        } else {
            buffer.setBigEndian(etherType.rawValue, at: offset + 12)
        }
    }

    /// Appends the header.
    public func encode(into buffer: inout [UInt8]) {
        let start = buffer.count
        buffer.ensureCount(headerLength, from: start)
        write(to: &buffer, at: start)
    }
}
