/// Bounds-checked big-endian reads from a byte slice, indexed relative to the slice's start.
extension ArraySlice<UInt8> {
    @inlinable
    package func uint8(at offset: Int) -> UInt8 {
        self[startIndex + offset]
    }

    @inlinable
    package func uint16(at offset: Int) -> UInt16 {
        UInt16(self[startIndex + offset]) << 8 | UInt16(self[startIndex + offset + 1])
    }

    @inlinable
    package func uint32(at offset: Int) -> UInt32 {
        UInt32(self[startIndex + offset]) << 24 | UInt32(self[startIndex + offset + 1]) << 16
            | UInt32(self[startIndex + offset + 2]) << 8 | UInt32(self[startIndex + offset + 3])
    }

    @inlinable
    package func uint64(at offset: Int) -> UInt64 {
        UInt64(uint32(at: offset)) << 32 | UInt64(uint32(at: offset + 4))
    }

    @inlinable
    package func ipv4Address(at offset: Int) -> IPv4Address {
        IPv4Address(uint32(at: offset))
    }

    @inlinable
    package func ipv6Address(at offset: Int) -> IPv6Address {
        IPv6Address(high: uint64(at: offset), low: uint64(at: offset + 8))
    }
}

extension Array<UInt8> {
    /// Appends a 16-bit value, most significant byte first.
    @inlinable
    package mutating func appendBigEndian(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }

    /// Appends a 32-bit value, most significant byte first.
    @inlinable
    package mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(truncatingIfNeeded: value >> 24))
        append(UInt8(truncatingIfNeeded: value >> 16))
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }

    /// Overwrites two bytes at an absolute index with a 16-bit value, most significant byte first.
    @inlinable
    package mutating func setBigEndian(_ value: UInt16, at index: Int) {
        self[index] = UInt8(truncatingIfNeeded: value >> 8)
        self[index + 1] = UInt8(truncatingIfNeeded: value)
    }
}

extension Array<UInt8> {
    /// Overwrites four bytes at an absolute index with a 32-bit value, most significant byte first.
    @inlinable
    package mutating func setBigEndian(_ value: UInt32, at index: Int) {
        self[index] = UInt8(truncatingIfNeeded: value >> 24)
        self[index + 1] = UInt8(truncatingIfNeeded: value >> 16)
        self[index + 2] = UInt8(truncatingIfNeeded: value >> 8)
        self[index + 3] = UInt8(truncatingIfNeeded: value)
    }

    /// Overwrites six bytes at an absolute index with a MAC address.
    @inlinable
    package mutating func setMACAddress(_ address: MACAddress, at index: Int) {
        setBigEndian(UInt16(truncatingIfNeeded: address.value >> 32), at: index)
        setBigEndian(UInt32(truncatingIfNeeded: address.value), at: index + 2)
    }

    /// Overwrites sixteen bytes at an absolute index with an IPv6 address.
    @inlinable
    package mutating func setIPv6Address(_ address: IPv6Address, at index: Int) {
        setBigEndian(UInt32(truncatingIfNeeded: address.high >> 32), at: index)
        setBigEndian(UInt32(truncatingIfNeeded: address.high), at: index + 4)
        setBigEndian(UInt32(truncatingIfNeeded: address.low >> 32), at: index + 8)
        setBigEndian(UInt32(truncatingIfNeeded: address.low), at: index + 12)
    }

    /// Makes sure `count` bytes exist from `index` on, appending zeros when the array is shorter.
    @inlinable
    package mutating func ensureCount(_ count: Int, from index: Int) {
        if self.count < index + count { append(contentsOf: repeatElement(0, count: index + count - self.count)) }
    }
}
