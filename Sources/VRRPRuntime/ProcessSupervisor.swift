package import HealthCheck

/// Runs child processes for the event loop: each has a deadline after which its process group gets SIGTERM,
/// then SIGKILL two seconds later (keepalived's sequence), and its end is reported once.
///
/// The loop watches each started child's pidfd and calls ``reapReady(now:)`` when one is readable, and
/// ``handleTimeouts(now:)`` at ``nextDeadline``. Nothing here blocks.
package final class ProcessSupervisor {
    /// What ended, and how.
    package struct Completion {
        /// The token given at ``start(_:token:timeout:now:)``.
        package var token: Token
        /// How the process ended.
        package var outcome: ChildProcess.ExitOutcome
        /// Whether it overran its timeout and was killed.
        package var timedOut: Bool
        /// How long it ran, in nanoseconds.
        package var runtimeNanoseconds: Int64
    }

    /// Identifies a supervised process to its owner.
    package enum Token: Hashable, Sendable {
        /// A `vrrp_script` run, by script name.
        case check(String)
        /// A notify script for a transition, by a sequence number of the notify queue.
        case notify(UInt64)
    }

    private struct Running {
        var child: ChildProcess
        var token: Token
        var started: Int64
        var deadline: Int64
        var terminating: Bool
        var timedOut: Bool
        /// Without a pidfd nothing signals the exit: the child is polled at this instant.
        var pollAt: Int64
    }

    private var running: [Running] = []

    package init() {}

    /// Whether a process with this token is running.
    package func isRunning(_ token: Token) -> Bool { running.contains { $0.token == token } }

    /// The earliest instant a running process needs attention.
    package var nextDeadline: Int64? {
        running.map { $0.child.pidfd >= 0 ? $0.deadline : min($0.deadline, $0.pollAt) }.min()
    }

    /// Starts a process; it gets `timeout` nanoseconds before it is terminated.
    package func start(
        _ arguments: [String],
        token: Token,
        timeoutNanoseconds: Int64,
        now: Int64,
        user: (uid: UInt32, gid: UInt32)? = nil,
        environment: [String] = ["PATH=/usr/sbin:/usr/bin:/sbin:/bin"]
    ) throws(ProcessError) -> ChildProcess {
        let child = try ChildProcess(arguments: arguments, environment: environment, user: user)
        running.append(
            Running(
                child: child, token: token, started: now, deadline: now + timeoutNanoseconds, terminating: false,
                timedOut: false, pollAt: now + 10_000_000))
        return child
    }

    /// Collects every child that has ended.
    package func reapReady(now: Int64) -> [Completion] {
        var done: [Completion] = []
        running.removeAll { entry in
            guard let outcome = try? entry.child.reap() else { return false }
            done.append(
                Completion(
                    token: entry.token, outcome: outcome, timedOut: entry.timedOut,
                    runtimeNanoseconds: now - entry.started))
            return true
        }
        return done
    }

    /// Escalates overdue children (SIGTERM, then SIGKILL after 2 s) and reaps any that ended.
    package func handleTimeouts(now: Int64) -> [Completion] {
        for index in running.indices where running[index].pollAt <= now {
            running[index].pollAt = now + 10_000_000
        }
        for index in running.indices where running[index].deadline <= now {
            if running[index].terminating {
                running[index].child.killGroup()
                running[index].deadline = now + 1_000_000_000
            } else {
                running[index].child.terminateGroup()
                running[index].terminating = true
                running[index].timedOut = true
                running[index].deadline = now + 2_000_000_000
            }
        }
        return reapReady(now: now)
    }

    /// Kills every child's group and waits for it (shutdown).
    package func killAll() {
        for entry in running {
            entry.child.killGroup()
            _ = try? entry.child.wait(timeout: .seconds(2))
        }
        running.removeAll()
    }
}
