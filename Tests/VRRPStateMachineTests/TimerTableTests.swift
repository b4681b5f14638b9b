import Testing
import VRRPStateMachine
import VRRPWire

/// An exact non-negative rational number, for computing the RFC formulas independently of ``VRRPTimers``.
struct Rational: Equatable {
    var numerator: UInt64
    var denominator: UInt64

    init(_ numerator: UInt64, _ denominator: UInt64 = 1) {
        let divisor = Rational.gcd(numerator, denominator)
        self.numerator = numerator / divisor
        self.denominator = denominator / divisor
    }

    static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 { b == 0 ? max(a, 1) : gcd(b, a % b) }
    static func + (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }
    static func * (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.numerator, a.denominator * b.denominator)
    }

    /// Whether `nanoseconds` is this many seconds rounded down to a whole nanosecond.
    func isFloor(ofNanoseconds nanoseconds: Int64) -> Bool {
        guard nanoseconds >= 0 else { return false }
        let scaled = UInt64(nanoseconds)
        // n ≤ q × 10⁹ < n + 1, i.e. n × d ≤ p × 10⁹ < (n + 1) × d.
        let exact = numerator * 1_000_000_000
        return scaled * denominator <= exact && exact < (scaled + 1) * denominator
    }
}

@Suite("Skew_Time and Master_Down_Interval for every priority, both versions, four intervals")
struct TimerTableTests {
    static let intervals: [UInt16] = [1, 5, 100, 4095]  // 10 ms, 50 ms, 1 s, 40.95 s
    static let cases: [(VRRPVersion, UInt16)] = [VRRPVersion.v2, .v3].flatMap { version in
        intervals.map { (version, $0) }
    }

    @Test("formulas of RFC 3768 §6.1 (v2) and RFC 5798 §6.1 (v3), exact to the nanosecond", arguments: cases)
    func table(version: VRRPVersion, centiseconds: UInt16) {
        let interval = AdvertisementInterval(centiseconds: centiseconds)
        let intervalSeconds = Rational(UInt64(centiseconds), 100)
        for priority in UInt8(1)...255 {
            let weight = UInt64(256 - Int(priority))
            let skew =
                version == .v2
                ? Rational(weight, 256)  // RFC 3768: (256 − Priority) / 256 seconds
                : Rational(weight, 256) * intervalSeconds  // RFC 5798: ((256 − Priority) × Master_Adver_Interval) / 256
            let down = Rational(3) * intervalSeconds + skew
            let skewNs = VRRPTimers.skewTimeNanoseconds(
                priority: priority, masterAdverInterval: interval, version: version)
            let downNs = VRRPTimers.masterDownIntervalNanoseconds(
                priority: priority, masterAdverInterval: interval, version: version)
            #expect(skew.isFloor(ofNanoseconds: skewNs), "skew p=\(priority) \(version) \(interval): \(skewNs) ns")
            #expect(down.isFloor(ofNanoseconds: downNs), "down p=\(priority) \(version) \(interval): \(downNs) ns")
            #expect(
                VRRPTimers.masterDownInterval(priority: priority, masterAdverInterval: interval, version: version)
                    == .nanoseconds(downNs))
        }
    }

    @Test("well-known values: 3.609375 s for priority 100 at 1 s; 36.09375 ms at 10 ms (v3)")
    func knownValues() {
        #expect(
            VRRPTimers.masterDownInterval(priority: 100, masterAdverInterval: .oneSecond, version: .v2)
                == .nanoseconds(3_609_375_000))
        #expect(
            VRRPTimers.masterDownInterval(priority: 100, masterAdverInterval: .oneSecond, version: .v3)
                == .nanoseconds(3_609_375_000))
        #expect(
            VRRPTimers.masterDownInterval(
                priority: 100, masterAdverInterval: AdvertisementInterval(centiseconds: 1), version: .v3)
                == .nanoseconds(36_093_750))
        // v2's skew ignores the interval: (256 − 200) / 256 s = 0.21875 s even at 40.95 s.
        #expect(
            VRRPTimers.skewTime(priority: 200, masterAdverInterval: .maximumVersion3, version: .v2)
                == .nanoseconds(218_750_000))
        #expect(
            VRRPTimers.skewTime(priority: 255, masterAdverInterval: .oneSecond, version: .v3) == .nanoseconds(3_906_250)
        )
    }

    @Test("instants: arithmetic and formatting are exact")
    func instants() {
        let start = VRRPInstant(nanoseconds: 1_000)
        #expect(start + .milliseconds(2) == VRRPInstant(nanoseconds: 2_001_000))
        #expect((start + .seconds(3)) - start == .seconds(3))
        #expect(VRRPInstant(nanoseconds: 3_609_375_000).description == "3.609375s")
        #expect(VRRPInstant.zero.description == "0s")
        #expect(Duration.milliseconds(-1500).nanosecondCount == -1_500_000_000)
    }
}
