/// An rtnetlink message being built: header, fixed family header and attributes, all in host byte order and
/// aligned to 4 octets (NLMSG_ALIGN / RTA_ALIGN).
struct NetlinkMessage {
    /// The octets so far; the length and sequence fields are filled by ``finish(sequence:)``.
    private(set) var bytes: [UInt8]

    /// A message with a 16-octet header of the given type and flags.
    init(type: UInt16, flags: UInt16) {
        bytes = []
        bytes.reserveCapacity(128)
        append(UInt32(0))
        append(type)
        append(flags)
        append(UInt32(0))  // sequence
        append(UInt32(0))  // port: the kernel
    }

    /// Appends an integer in host order.
    mutating func append<Value: FixedWidthInteger>(_ value: Value) {
        withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
    }

    /// Pads to the next multiple of 4.
    mutating func align() {
        while bytes.count % 4 != 0 { bytes.append(0) }
    }

    /// Appends an attribute with a raw payload.
    mutating func appendAttribute(_ type: UInt16, _ payload: [UInt8]) {
        align()
        append(UInt16(4 + payload.count))
        append(type)
        bytes.append(contentsOf: payload)
        align()
    }

    /// Appends a 32-bit attribute in host order.
    mutating func appendAttribute(_ type: UInt16, uint32 value: UInt32) {
        var payload: [UInt8] = []
        withUnsafeBytes(of: value) { payload.append(contentsOf: $0) }
        appendAttribute(type, payload)
    }

    /// Appends a NUL-terminated string attribute.
    mutating func appendAttribute(_ type: UInt16, string: String) {
        appendAttribute(type, Array(string.utf8) + [0])
    }

    /// Starts a nested attribute; pass the result to ``endNested(_:)``.
    mutating func beginNested(_ type: UInt16) -> Int {
        align()
        let start = bytes.count
        append(UInt16(0))
        append(type)
        return start
    }

    /// Closes a nested attribute, writing its length.
    mutating func endNested(_ start: Int) {
        align()
        let length = UInt16(bytes.count - start)
        withUnsafeBytes(of: length) { raw in
            bytes[start] = raw[0]
            bytes[start + 1] = raw[1]
        }
    }

    /// Fills in the total length and the sequence number.
    mutating func finish(sequence: UInt32) {
        align()
        let length = UInt32(bytes.count)
        withUnsafeBytes(of: length) { raw in for index in 0..<4 { bytes[index] = raw[index] } }
        withUnsafeBytes(of: sequence) { raw in for index in 0..<4 { bytes[8 + index] = raw[index] } }
    }
}

/// One received netlink message: its header fields and payload.
struct ReceivedNetlinkMessage {
    /// nlmsg_type.
    var type: UInt16
    /// nlmsg_flags.
    var flags: UInt16
    /// nlmsg_seq.
    var sequence: UInt32
    /// What follows the 16-octet header.
    var payload: ArraySlice<UInt8>

    /// Splits a datagram into its messages; a malformed length ends the walk.
    static func split(_ bytes: ArraySlice<UInt8>) -> [ReceivedNetlinkMessage] {
        var messages: [ReceivedNetlinkMessage] = []
        var offset = 0
        while bytes.count - offset >= 16 {
            let length = Int(bytes.hostUInt32(at: offset))
            guard length >= 16, offset + length <= bytes.count else { break }
            let start = bytes.startIndex + offset
            messages.append(
                ReceivedNetlinkMessage(
                    type: bytes.hostUInt16(at: offset + 4), flags: bytes.hostUInt16(at: offset + 6),
                    sequence: bytes.hostUInt32(at: offset + 8), payload: bytes[(start + 16)..<(start + length)]))
            offset += (length + 3) & ~3
        }
        return messages
    }
}

/// Attributes (struct rtattr / nlattr) keyed by type, the nested and byte-order flag bits masked off.
struct NetlinkAttributes {
    /// Each attribute's payload; the first one wins when a type repeats.
    private(set) var values: [UInt16: ArraySlice<UInt8>] = [:]

    /// Parses the attributes in `bytes`; a malformed length ends the walk.
    init(_ bytes: ArraySlice<UInt8>) {
        var offset = 0
        while bytes.count - offset >= 4 {
            let length = Int(bytes.hostUInt16(at: offset))
            let type = bytes.hostUInt16(at: offset + 2) & 0x3FFF
            guard length >= 4, offset + length <= bytes.count else { break }
            let start = bytes.startIndex + offset
            if values[type] == nil { values[type] = bytes[(start + 4)..<(start + length)] }
            offset += (length + 3) & ~3
        }
    }

    subscript(type: UInt16) -> ArraySlice<UInt8>? { values[type] }

    /// A 32-bit attribute in host order.
    func uint32(_ type: UInt16) -> UInt32? {
        guard let value = values[type], value.count >= 4 else { return nil }
        return value.hostUInt32(at: 0)
    }

    /// A string attribute without its NUL.
    func string(_ type: UInt16) -> String? {
        guard let value = values[type] else { return nil }
        return String(decoding: value.prefix { $0 != 0 }, as: UTF8.self)
    }
}

extension ArraySlice<UInt8> {
    /// A host-order 16-bit value at an offset from the slice's start.
    func hostUInt16(at offset: Int) -> UInt16 {
        withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt16.self) }
    }

    /// A host-order 32-bit value at an offset from the slice's start.
    func hostUInt32(at offset: Int) -> UInt32 {
        withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self) }
    }
}
