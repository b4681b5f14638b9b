/// A `vrrp_script`'s results so far, as the node's ``VRRPNode/checks`` reports them.
public struct CheckReport: Hashable, Sendable {
    /// The script's name.
    public var name: String
    /// Whether the check counts as up now (after rise / fall); nil before it has decided.
    public var isUp: Bool?
    /// Runs that exited 0.
    public var successes: UInt64 = 0
    /// Runs that exited non-zero or were killed by a signal (timeouts excluded).
    public var failures: UInt64 = 0
    /// Runs that overran their timeout and were killed.
    public var timeouts: UInt64 = 0
    /// Sum of every run's duration, in nanoseconds.
    public var totalRuntimeNanoseconds: Int64 = 0
    /// The last run's duration, in nanoseconds.
    public var lastRuntimeNanoseconds: Int64?
    /// Whether the last run succeeded.
    public var lastSucceeded: Bool?
    /// The durations of the most recent runs (at most ``recentLimit``), oldest first, in nanoseconds.
    public var recentRuntimesNanoseconds: [Int64] = []

    /// How many recent run durations are kept.
    public static let recentLimit = 64

    /// A script with no runs yet.
    public init(name: String, isUp: Bool? = nil) {
        self.name = name
        self.isUp = isUp
    }

    /// Every run counted.
    public var runs: UInt64 { successes + failures + timeouts }
}
