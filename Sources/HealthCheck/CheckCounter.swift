/// The rise / fall arithmetic of a keepalived `vrrp_script`, as a pure value.
///
/// keepalived keeps one counter per script in `0 ... rise + fall − 1`; the script counts as up while the counter
/// is at least `rise`. A success below `rise − 1` counts up by one; the success that reaches `rise` jumps to the
/// top (so `fall` failures are needed to go down again). A failure above `rise` counts down by one; the failure at
/// `rise` or below drops to zero (so `rise` successes are needed to come back). A timed-out run is a failure.
///
/// A new script is ``CheckStatus/unknown`` and contributes no weight until its first result, which decides it
/// either way (keepalived's `SCRIPT_INIT_STATE_INIT`); with `init_fail` it starts ``CheckStatus/down`` and needs
/// `rise` successes.
public struct CheckCounter: Hashable, Sendable {
    /// Consecutive successes needed to go up (keepalived `rise`, at least 1).
    public let rise: Int
    /// Consecutive failures needed to go down (keepalived `fall`, at least 1).
    public let fall: Int
    /// The counter, `0 ... rise + fall − 1`.
    public private(set) var result: Int
    /// What the counter currently means.
    public private(set) var status: CheckStatus

    /// A counter for a new script.
    /// - Parameter initiallyFailed: keepalived's `init_fail`.
    public init(rise: Int, fall: Int, initiallyFailed: Bool = false) {
        precondition(rise >= 1 && fall >= 1, "rise and fall are at least 1")
        self.rise = rise
        self.fall = fall
        if initiallyFailed {
            self.result = 0
            self.status = .down
        } else {
            self.result = rise - 1
            self.status = .unknown
        }
    }

    private var top: Int { rise + fall - 1 }

    /// Records one run's outcome; returns the new status when it changed.
    @discardableResult
    public mutating func record(success: Bool) -> CheckStatus? {
        let before = status
        if success {
            if result < rise - 1 {
                result += 1
            } else {
                result = top
                status = .up
            }
        } else {
            if result > rise {
                result -= 1
            } else {
                result = 0
                status = .down
            }
        }
        return status == before ? nil : status
    }
}

/// Whether a tracked item is healthy.
public enum CheckStatus: Hashable, Sendable, CustomStringConvertible {
    /// Not yet run: no weight is applied and it causes no fault.
    case unknown
    /// Succeeding.
    case up
    /// Failing.
    case down

    /// `unknown`, `up`, `down`.
    public var description: String {
        switch self {
        case .unknown: "unknown"
        case .up: "up"
        case .down: "down"
        }
    }
}
