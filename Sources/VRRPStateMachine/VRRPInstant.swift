/// A point in time as a count of nanoseconds from an arbitrary origin chosen by the caller.
///
/// The state machine never reads a clock: the caller passes `now` with every input. Any monotonic source works
/// (e.g. `CLOCK_MONOTONIC` in the runtime, a virtual clock in tests); only differences between instants matter.
/// Arithmetic is exact integer nanoseconds, like smoltcp's `Instant`.
public struct VRRPInstant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the caller's origin.
    public var nanoseconds: Int64

    /// An instant from nanoseconds since the origin.
    @inlinable
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The origin.
    public static let zero = VRRPInstant(nanoseconds: 0)

    /// An instant `duration` after the origin.
    @inlinable
    public init(_ duration: Duration) { self.nanoseconds = duration.nanosecondCount }

    /// The instant as a duration since the origin.
    @inlinable
    public var sinceOrigin: Duration { .nanoseconds(nanoseconds) }

    /// The instant `nanoseconds` later.
    @inlinable
    public func advanced(byNanoseconds nanoseconds: Int64) -> VRRPInstant {
        VRRPInstant(nanoseconds: self.nanoseconds + nanoseconds)
    }

    @inlinable
    public static func < (lhs: VRRPInstant, rhs: VRRPInstant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// The instant a duration later.
    @inlinable
    public static func + (lhs: VRRPInstant, rhs: Duration) -> VRRPInstant {
        VRRPInstant(nanoseconds: lhs.nanoseconds + rhs.nanosecondCount)
    }

    /// The instant a duration earlier.
    @inlinable
    public static func - (lhs: VRRPInstant, rhs: Duration) -> VRRPInstant {
        VRRPInstant(nanoseconds: lhs.nanoseconds - rhs.nanosecondCount)
    }

    /// The span between two instants.
    @inlinable
    public static func - (lhs: VRRPInstant, rhs: VRRPInstant) -> Duration {
        .nanoseconds(lhs.nanoseconds - rhs.nanoseconds)
    }

    /// Seconds with up to nine decimals, trailing zeros dropped: `3.609375s`.
    public var description: String { Self.formatSeconds(nanoseconds) + "s" }

    /// Formats a nanosecond count as decimal seconds without trailing zeros (`3.609375`, `0`, `-0.5`).
    public static func formatSeconds(_ nanoseconds: Int64) -> String {
        let negative = nanoseconds < 0
        let magnitude = nanoseconds.magnitude
        let whole = magnitude / 1_000_000_000
        let fraction = magnitude % 1_000_000_000
        var text = (negative ? "-" : "") + String(whole)
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 9 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }
}
