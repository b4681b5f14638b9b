import CEventLoop
import Glibc
public import Logging

extension EventLoop {
    /// Schedules the calling thread, which is about to run a node's loop, as `configuration` asks: SCHED_RR at
    /// ``NodeConfiguration/realtimePriority`` when set (the normal scheduler, with a warning, when that is not
    /// allowed), otherwise the normal scheduler with ``NodeConfiguration/schedulerSlice`` when set (the kernel's
    /// default slice, with a warning, when the kernel has no custom slices).
    package static func scheduleCurrentThread(for configuration: NodeConfiguration, logger: Logger) {
        if let priority = configuration.realtimePriority {
            do {
                try useRealtimeScheduling(priority: priority)
                logger.info("VRRP loop runs under SCHED_RR priority \(priority)")
                return
            } catch {
                logger.warning("Cannot use realtime scheduling: \(error); running under the normal scheduler")
            }
        }
        guard let slice = configuration.schedulerSlice else { return }
        do {
            try useSchedulerSlice(slice)
            logger.debug("VRRP loop runs with a \(slice.microsecondsDescription) scheduler slice")
        } catch {
            logger.warning("Cannot shorten the VRRP loop's scheduler slice: \(error); the kernel's default applies")
        }
    }

    /// Gives the calling thread a time slice of `slice` under the normal scheduler (sched_setattr
    /// `sched_runtime`; the kernel keeps it within 0.1-100 ms; zero restores its default).
    package static func useSchedulerSlice(_ slice: Duration) throws(RuntimeError) {
        let nanoseconds = slice.nanosecondsClamped
        let result = vrrp_set_fair_slice(UInt64(nanoseconds))
        guard result == 0 else {
            let code = -result
            throw RuntimeError(
                operation: "scheduler slice \(slice.microsecondsDescription)", errno: code,
                cause: code == EINVAL
                    ? "the kernel has no custom slices (Linux 6.12 or later)"
                    : code == EPERM ? "the thread is not under the normal scheduler" : String(cString: strerror(code)))
        }
    }

    /// The calling thread's time slice under the normal scheduler, as the kernel reports it.
    package static func schedulerSlice() throws(RuntimeError) -> Duration {
        let nanoseconds = vrrp_fair_slice()
        guard nanoseconds >= 0 else {
            let code = Int32(-nanoseconds)
            throw RuntimeError(operation: "sched_getattr", errno: code, cause: String(cString: strerror(code)))
        }
        return .nanoseconds(nanoseconds)
    }
}

extension Duration {
    /// Whole nanoseconds, 0 for a negative duration.
    fileprivate var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// "300 µs".
    fileprivate var microsecondsDescription: String { "\(nanosecondsClamped / 1_000) µs" }
}
