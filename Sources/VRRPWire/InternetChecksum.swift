/// The Internet checksum (RFC 1071): the 16-bit one's complement of the one's complement sum.
///
/// Feed it bytes in order with ``add(_:)`` (an odd-length piece is padded as if the next piece continued it),
/// then read ``value``.
public struct InternetChecksum: Sendable {
    @usableFromInline var sum: UInt64 = 0
    @usableFromInline var pendingHighByte: UInt8? = nil

    /// An empty checksum.
    @inlinable
    public init() {}

    /// Adds bytes to the sum.
    @inlinable
    public mutating func add<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { addContiguous($0) }
        if done != nil { return }
        for byte in bytes { add(byte) }
    }

    /// Adds contiguous bytes two at a time (the fast path of ``add(_:)-(Bytes)``).
    @inlinable
    mutating func addContiguous(_ buffer: UnsafeBufferPointer<UInt8>) {
        let count = buffer.count
        var index = 0
        if let high = pendingHighByte, count > 0 {
            sum &+= UInt64(high) << 8 | UInt64(buffer[0])
            pendingHighByte = nil
            index = 1
        }
        var total = sum
        while index + 1 < count {
            total &+= UInt64(buffer[index]) << 8 | UInt64(buffer[index + 1])
            index += 2
        }
        sum = total
        if index < count { pendingHighByte = buffer[index] }
    }

    /// Adds a 16-bit word.
    @inlinable
    public mutating func add(_ word: UInt16) {
        guard pendingHighByte == nil else {
            add(UInt8(truncatingIfNeeded: word >> 8))
            add(UInt8(truncatingIfNeeded: word))
            return
        }
        sum &+= UInt64(word)
    }

    /// Adds a 32-bit word.
    @inlinable
    public mutating func add(_ word: UInt32) {
        guard pendingHighByte == nil else {
            add(UInt16(truncatingIfNeeded: word >> 16))
            add(UInt16(truncatingIfNeeded: word))
            return
        }
        sum &+= UInt64(word >> 16) &+ UInt64(word & 0xFFFF)
    }

    /// Adds one byte.
    @inlinable
    public mutating func add(_ byte: UInt8) {
        if let high = pendingHighByte {
            sum &+= UInt64(high) << 8 | UInt64(byte)
            pendingHighByte = nil
        } else {
            pendingHighByte = byte
        }
    }

    /// Adds an IPv4 address.
    @inlinable
    public mutating func add(_ address: IPv4Address) { add(address.value) }

    /// Adds an IPv6 address.
    @inlinable
    public mutating func add(_ address: IPv6Address) {
        add(UInt32(truncatingIfNeeded: address.high >> 32))
        add(UInt32(truncatingIfNeeded: address.high))
        add(UInt32(truncatingIfNeeded: address.low >> 32))
        add(UInt32(truncatingIfNeeded: address.low))
    }

    /// The checksum of everything added: the complement of the folded sum.
    @inlinable
    public var value: UInt16 {
        var total = sum
        if let high = pendingHighByte { total &+= UInt64(high) << 8 }
        while total >> 16 != 0 { total = (total & 0xFFFF) + (total >> 16) }
        return ~UInt16(truncatingIfNeeded: total)
    }

    /// The checksum of a byte sequence.
    @inlinable
    public static func of<Bytes: Sequence>(_ bytes: Bytes) -> UInt16 where Bytes.Element == UInt8 {
        var checksum = InternetChecksum()
        checksum.add(bytes)
        return checksum.value
    }
}
