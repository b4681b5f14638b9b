extension Duration {
    /// The duration in whole nanoseconds, truncated toward zero (attoseconds below a nanosecond are dropped).
    @inlinable
    public var nanosecondCount: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
