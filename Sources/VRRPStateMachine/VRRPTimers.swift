public import VRRPWire

/// The protocol's timer formulas, in exact integer nanoseconds: the one place they are computed.
///
/// - VRRPv2 (RFC 3768 §6.1): `Skew_Time = (256 − Priority) / 256` seconds, whatever the interval;
///   `Master_Down_Interval = 3 × Advertisement_Interval + Skew_Time`.
/// - VRRPv3 (RFC 5798 §6.1): `Skew_Time = ((256 − Priority) × Master_Adver_Interval) / 256`, with
///   Master_Adver_Interval in centiseconds; `Master_Down_Interval = 3 × Master_Adver_Interval + Skew_Time`.
///
/// keepalived's `down_timer_adverts N` replaces the 3 of Master_Down_Interval with N (1–100): the `adverts` argument.
///
/// One second is 2⁸ × 3,906,250 ns, so the VRRPv2 skew is always a whole number of nanoseconds. The VRRPv3 skew is
/// `(256 − p) × cs × 78,125 / 2` ns: a half nanosecond at most is truncated (keepalived truncates to microseconds).
public enum VRRPTimers {
    /// Skew_Time in nanoseconds for a priority, a version and the Master_Adver_Interval.
    @inlinable
    public static func skewTimeNanoseconds(
        priority: UInt8,
        masterAdverInterval: AdvertisementInterval,
        version: VRRPVersion
    ) -> Int64 {
        let weight = 256 - Int64(priority)
        if version == .v2 {
            return weight * 3_906_250
        }
        return weight * Int64(masterAdverInterval.centiseconds) * 10_000_000 / 256
    }

    /// Master_Down_Interval in nanoseconds: `adverts` × Master_Adver_Interval + Skew_Time (`adverts` is 3 in the
    /// RFCs; keepalived's `down_timer_adverts`).
    @inlinable
    public static func masterDownIntervalNanoseconds(
        priority: UInt8,
        masterAdverInterval: AdvertisementInterval,
        version: VRRPVersion,
        adverts: Int = 3
    ) -> Int64 {
        Int64(adverts) * masterAdverInterval.nanoseconds
            + skewTimeNanoseconds(priority: priority, masterAdverInterval: masterAdverInterval, version: version)
    }

    /// Skew_Time (RFC 5798 §6.1, RFC 3768 §6.1).
    public static func skewTime(
        priority: UInt8,
        masterAdverInterval: AdvertisementInterval,
        version: VRRPVersion
    ) -> Duration {
        .nanoseconds(
            skewTimeNanoseconds(priority: priority, masterAdverInterval: masterAdverInterval, version: version))
    }

    /// Master_Down_Interval (RFC 5798 §6.1, RFC 3768 §6.1), counting `adverts` missed adverts (3 in the RFCs).
    public static func masterDownInterval(
        priority: UInt8,
        masterAdverInterval: AdvertisementInterval,
        version: VRRPVersion,
        adverts: Int = 3
    ) -> Duration {
        .nanoseconds(
            masterDownIntervalNanoseconds(
                priority: priority, masterAdverInterval: masterAdverInterval, version: version, adverts: adverts))
    }
}
