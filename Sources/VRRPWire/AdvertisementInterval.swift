/// An advertisement interval in centiseconds, the unit of VRRPv3's 12-bit Max Adver Int field
/// (RFC 5798 §5.2.7). VRRPv2's 8-bit field counts whole seconds (RFC 3768 §5.3.7), i.e. multiples of 100.
public struct AdvertisementInterval: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The interval in centiseconds.
    public var centiseconds: UInt16

    /// An interval in centiseconds.
    @inlinable
    public init(centiseconds: UInt16) { self.centiseconds = centiseconds }

    /// An interval of whole seconds.
    @inlinable
    public static func seconds(_ seconds: UInt8) -> AdvertisementInterval {
        AdvertisementInterval(centiseconds: UInt16(seconds) * 100)
    }

    /// The default of both RFCs: one second.
    public static let oneSecond = AdvertisementInterval(centiseconds: 100)

    /// The largest VRRPv3 interval, 4095 centiseconds (40.95 s).
    public static let maximumVersion3 = AdvertisementInterval(centiseconds: 0xFFF)

    /// The interval in nanoseconds.
    @inlinable
    public var nanoseconds: Int64 { Int64(centiseconds) * 10_000_000 }

    /// The interval as a duration.
    @inlinable
    public var duration: Duration { .nanoseconds(nanoseconds) }

    /// Whether VRRPv2's whole-second field can carry it (1–255 s).
    @inlinable
    public var isWholeSeconds: Bool { centiseconds % 100 == 0 && centiseconds > 0 && centiseconds <= 25_500 }

    public static func < (lhs: AdvertisementInterval, rhs: AdvertisementInterval) -> Bool {
        lhs.centiseconds < rhs.centiseconds
    }

    /// `1s`, `2.5s`, `10ms`.
    public var description: String {
        if centiseconds < 100 { return "\(Int(centiseconds) * 10)ms" }
        let whole = centiseconds / 100
        let fraction = centiseconds % 100
        if fraction == 0 { return "\(whole)s" }
        var digits = fraction < 10 ? "0\(fraction)" : "\(fraction)"
        if digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)s"
    }
}
