/// An ARP packet for Ethernet and IPv4 (RFC 826): the 28 octets after the Ethernet header.
///
/// A gratuitous ARP (RFC 5227 §3) announces a binding: a request whose sender and target protocol addresses
/// are both the announced address. VRRP masters send them for each virtual IPv4 address (RFC 5798 §6.4.1).
public struct ARPPacket: Hashable, Sendable {
    /// The ARP operation code.
    public struct Operation: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's value.
        public var rawValue: UInt16
        /// An operation from its code.
        @inlinable
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        /// 1, REQUEST.
        public static let request = Operation(rawValue: 1)
        /// 2, REPLY.
        public static let reply = Operation(rawValue: 2)
        /// `request`, `reply` or the number.
        public var description: String {
            switch rawValue {
            case 1: "request"
            case 2: "reply"
            default: "op \(rawValue)"
            }
        }
    }

    /// The operation.
    public var operation: Operation
    /// The sender's hardware address.
    public var senderHardwareAddress: MACAddress
    /// The sender's IPv4 address.
    public var senderProtocolAddress: IPv4Address
    /// The target's hardware address (ignored in a request).
    public var targetHardwareAddress: MACAddress
    /// The target's IPv4 address.
    public var targetProtocolAddress: IPv4Address

    /// The encoded length, 28 octets.
    public static let length = 28

    /// A packet from its fields.
    public init(
        operation: Operation,
        senderHardwareAddress: MACAddress,
        senderProtocolAddress: IPv4Address,
        targetHardwareAddress: MACAddress,
        targetProtocolAddress: IPv4Address
    ) {
        self.operation = operation
        self.senderHardwareAddress = senderHardwareAddress
        self.senderProtocolAddress = senderProtocolAddress
        self.targetHardwareAddress = targetHardwareAddress
        self.targetProtocolAddress = targetProtocolAddress
    }

    /// A gratuitous ARP request announcing that `address` is at `hardwareAddress`, with the target hardware
    /// address set to broadcast as keepalived sends it.
    public static func gratuitous(
        _ address: IPv4Address,
        at hardwareAddress: MACAddress,
        targetHardwareAddress: MACAddress = .broadcast
    ) -> ARPPacket {
        ARPPacket(
            operation: .request, senderHardwareAddress: hardwareAddress, senderProtocolAddress: address,
            targetHardwareAddress: targetHardwareAddress, targetProtocolAddress: address)
    }

    /// Whether this announces its sender's binding (sender and target protocol addresses equal).
    public var isGratuitous: Bool { senderProtocolAddress == targetProtocolAddress }

    /// Appends the 28 octets.
    public func encode(into buffer: inout [UInt8]) {
        buffer.appendBigEndian(UInt16(1))  // hardware type: Ethernet
        buffer.appendBigEndian(UInt16(0x0800))  // protocol type: IPv4
        buffer.append(6)
        buffer.append(4)
        buffer.appendBigEndian(operation.rawValue)
        senderHardwareAddress.write(into: &buffer)
        senderProtocolAddress.write(into: &buffer)
        targetHardwareAddress.write(into: &buffer)
        targetProtocolAddress.write(into: &buffer)
    }

    /// Decodes an Ethernet/IPv4 ARP packet; trailing octets (Ethernet padding) are ignored.
    public static func decode(_ bytes: ArraySlice<UInt8>) throws(WireError) -> ARPPacket {
        guard bytes.count >= length else {
            throw WireError(.truncated, "ARP needs \(length) octets, got \(bytes.count)")
        }
        guard bytes.uint16(at: 0) == 1, bytes.uint16(at: 2) == 0x0800, bytes.uint8(at: 4) == 6,
            bytes.uint8(at: 5) == 4
        else {
            throw WireError(
                .unsupportedProtocol,
                "ARP hardware type \(bytes.uint16(at: 0)), protocol 0x\(hex(bytes.uint16(at: 2))), lengths \(bytes.uint8(at: 4))/\(bytes.uint8(at: 5)); expected Ethernet/IPv4 6/4",
                offset: 0)
        }
        return ARPPacket(
            operation: Operation(rawValue: bytes.uint16(at: 6)),
            senderHardwareAddress: bytes.macAddress(at: 8),
            senderProtocolAddress: bytes.ipv4Address(at: 14),
            targetHardwareAddress: bytes.macAddress(at: 18),
            targetProtocolAddress: bytes.ipv4Address(at: 24))
    }
}
