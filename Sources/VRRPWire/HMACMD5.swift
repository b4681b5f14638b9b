/// HMAC-MD5 (RFC 2104): MD5(K ⊕ opad, MD5(K ⊕ ipad, message)), the keyed digest of keepalived's AH ICV.
///
/// A key longer than the 64-octet block is replaced by its MD5 digest; a shorter one is zero-padded. Feed the
/// message with ``update(_:)`` in any pieces (keepalived hashes the IP header copy, then the rest), then take
/// ``finalize()``.
public struct HMACMD5: Sendable {
    private var inner: MD5
    private let outerPad: [UInt8]

    /// A computation keyed with `key`.
    public init<Key: Sequence>(key: Key) where Key.Element == UInt8 {
        var block = Array(key)
        if block.count > MD5.blockLength { block = MD5.digest(block) }
        block.append(contentsOf: repeatElement(0, count: MD5.blockLength - block.count))
        inner = MD5()
        inner.update(block.map { $0 ^ 0x36 })
        outerPad = block.map { $0 ^ 0x5C }
    }

    /// The 16-octet authentication code of `message` under `key`.
    public static func authenticationCode<Key: Sequence, Message: Sequence>(
        key: Key, message: Message
    ) -> [UInt8] where Key.Element == UInt8, Message.Element == UInt8 {
        var hmac = HMACMD5(key: key)
        hmac.update(message)
        return hmac.finalize()
    }

    /// Adds bytes to the message.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        inner.update(bytes)
    }

    /// The 16-octet code.
    public mutating func finalize() -> [UInt8] {
        var outer = MD5()
        outer.update(outerPad)
        outer.update(inner.finalize())
        return outer.finalize()
    }
}
