/// An IPv6 address as two 64-bit halves in host order; the text form follows RFC 5952.
public struct IPv6Address: Hashable, Sendable, Comparable {
    /// The first 64 bits, most significant first.
    public var high: UInt64
    /// The last 64 bits.
    public var low: UInt64

    /// An address from its two halves.
    @inlinable
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// An address from its eight 16-bit groups, most significant first.
    public init(groups: [UInt16]) {
        precondition(groups.count == 8, "an IPv6 address has eight groups")
        var high: UInt64 = 0
        var low: UInt64 = 0
        for index in 0..<4 { high = high << 16 | UInt64(groups[index]) }
        for index in 4..<8 { low = low << 16 | UInt64(groups[index]) }
        self.init(high: high, low: low)
    }

    /// An address from 16 octets in network order.
    public init<Bytes: Collection>(octets: Bytes) where Bytes.Element == UInt8 {
        precondition(octets.count == 16, "an IPv6 address has 16 octets")
        var high: UInt64 = 0
        var low: UInt64 = 0
        var index = 0
        for byte in octets {
            if index < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
            index += 1
        }
        self.init(high: high, low: low)
    }

    /// ::
    public static let any = IPv6Address(high: 0, low: 0)
    /// ff02::12, the VRRP multicast group (RFC 5798 §5.1.2.2).
    public static let vrrpMulticast = IPv6Address(high: 0xFF02_0000_0000_0000, low: 0x12)
    /// ff02::1, all nodes on the link.
    public static let allNodes = IPv6Address(high: 0xFF02_0000_0000_0000, low: 1)

    /// The eight 16-bit groups.
    public var groups: [UInt16] {
        (0..<4).map { UInt16(truncatingIfNeeded: high >> (48 - 16 * UInt64($0))) }
            + (0..<4).map { UInt16(truncatingIfNeeded: low >> (48 - 16 * UInt64($0))) }
    }

    /// The 16 octets in network order.
    public var octets: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        write(into: &bytes)
        return bytes
    }

    /// Whether the address is in ff00::/8.
    @inlinable
    public var isMulticast: Bool { high >> 56 == 0xFF }

    /// Whether the address is in fe80::/10.
    @inlinable
    public var isLinkLocal: Bool { high >> 54 == 0x3FA }

    /// The solicited-node multicast group of this address (RFC 4291 §2.7.1).
    public var solicitedNodeMulticast: IPv6Address {
        IPv6Address(high: 0xFF02_0000_0000_0000, low: 0x0000_0001_FF00_0000 | (low & 0xFF_FFFF))
    }

    @inlinable
    public static func < (lhs: IPv6Address, rhs: IPv6Address) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    /// Appends the 16 octets in network order.
    @inlinable
    public func write(into buffer: inout [UInt8]) {
        var shift: UInt64 = 56
        while true {
            buffer.append(UInt8(truncatingIfNeeded: high >> shift))
            if shift == 0 { break }
            shift -= 8
        }
        shift = 56
        while true {
            buffer.append(UInt8(truncatingIfNeeded: low >> shift))
            if shift == 0 { break }
            shift -= 8
        }
    }
}

extension IPv6Address: LosslessStringConvertible, CustomStringConvertible {
    /// Parses the RFC 4291 §2.2 text forms: full, `::`-compressed, and with an embedded dotted IPv4 tail.
    /// A zone (`%eth0`) is not accepted.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 45 else { return nil }
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawGap = false
        var index = 0
        // A leading "::".
        if bytes.count >= 2, bytes[0] == UInt8(ascii: ":") {
            guard bytes[1] == UInt8(ascii: ":") else { return nil }
            sawGap = true
            index = 2
        }
        while index < bytes.count {
            // Find the end of this piece.
            var end = index
            while end < bytes.count, bytes[end] != UInt8(ascii: ":") { end += 1 }
            let piece = bytes[index..<end]
            if piece.isEmpty { return nil }
            if piece.contains(UInt8(ascii: ".")) {
                // An IPv4 tail must be the last piece.
                guard end == bytes.count, let v4 = IPv4Address(utf8: piece) else { return nil }
                let pair = [UInt16(truncatingIfNeeded: v4.value >> 16), UInt16(truncatingIfNeeded: v4.value)]
                if sawGap { tail += pair } else { head += pair }
                index = end
                break
            }
            guard piece.count <= 4 else { return nil }
            var group: UInt16 = 0
            for byte in piece {
                guard let nibble = Self.hexValue(byte) else { return nil }
                group = group << 4 | UInt16(nibble)
            }
            if sawGap { tail.append(group) } else { head.append(group) }
            index = end
            if index < bytes.count {
                // At a colon: a second colon marks the gap.
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
                    guard !sawGap else { return nil }
                    sawGap = true
                    index += 1
                } else if index == bytes.count {
                    return nil  // a trailing single colon
                }
            }
        }
        let count = head.count + tail.count
        if sawGap {
            guard count <= 7 else { return nil }
            self.init(groups: head + Array(repeating: 0, count: 8 - count) + tail)
        } else {
            guard count == 8 else { return nil }
            self.init(groups: head)
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The RFC 5952 canonical form: lower case, no leading zeros, the longest run of two or more zero groups
    /// (the first of equal runs) shortened to `::`, and `::ffff:a.b.c.d` for IPv4-mapped addresses.
    public var description: String {
        let groups = self.groups
        if high == 0, low >> 32 == 0xFFFF {
            return "::ffff:" + IPv4Address(UInt32(truncatingIfNeeded: low)).description
        }
        var bestStart = -1
        var bestLength = 0
        var runStart = -1
        for index in 0...8 {
            if index < 8, groups[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                let length = index - runStart
                if length > bestLength {
                    bestStart = runStart
                    bestLength = length
                }
                runStart = -1
            }
        }
        if bestLength < 2 { bestStart = -1 }
        var text = ""
        var index = 0
        while index < 8 {
            if index == bestStart {
                text += "::"
                index += bestLength
                continue
            }
            if !text.isEmpty, !text.hasSuffix(":") { text += ":" }
            text += String(groups[index], radix: 16)
            index += 1
        }
        return text
    }
}
