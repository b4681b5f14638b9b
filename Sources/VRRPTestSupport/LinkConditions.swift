/// How packets fare on one directed link of a ``SimulatedLAN``.
///
/// Each copy of a packet is delayed by ``latency`` plus a uniform random share of ``jitter``; copies with
/// different delays overtake each other, which is how the simulator reorders. A packet is lost with probability
/// ``loss``, and otherwise duplicated with probability ``duplication`` (the copy gets its own delay).
public struct LinkConditions: Hashable, Sendable {
    /// The fixed one-way delay.
    public var latency: Duration
    /// The largest extra random delay.
    public var jitter: Duration
    /// The probability that a packet is dropped.
    public var loss: Double
    /// The probability that a delivered packet arrives twice.
    public var duplication: Double

    /// Conditions from their parts; the default is a perfect link with 100 µs latency.
    public init(
        latency: Duration = .microseconds(100),
        jitter: Duration = .zero,
        loss: Double = 0,
        duplication: Double = 0
    ) {
        self.latency = latency
        self.jitter = jitter
        self.loss = loss
        self.duplication = duplication
    }

    /// The longest a delivered packet can take.
    public var worstDelay: Duration { latency + jitter }
}
