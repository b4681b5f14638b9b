import CEventLoop
import Glibc

/// CLOCK_MONOTONIC in nanoseconds: the one clock the runtime reads. The state machine never reads a clock; the
/// runtime passes it this value as `now`.
package enum MonotonicClock {
    /// Nanoseconds since an arbitrary fixed point (boot), never going backwards.
    @inline(__always)
    package static func nanoseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }
}
