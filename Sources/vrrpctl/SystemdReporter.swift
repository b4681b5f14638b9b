import FoundationEssentials
import Glibc
import Logging
import Synchronization
import VRRPRuntime

/// What `vrrpctl run` tells systemd (sd_notify, only when `$NOTIFY_SOCKET` is set): READY=1 once the instances
/// run, RELOADING=1 / READY=1 around each reload, STOPPING=1 when shutdown begins, and a `STATUS=` line that
/// follows the instances' states (`3 instances: 2 MASTER, 1 BACKUP`), checked once a second.
final class SystemdReporter: Sendable {
    private let logger: Logger
    private let enabled: Bool
    /// The last STATUS sent, whether READY=1 went out, whether the node is stopping, and a note kept in the
    /// status line (the last reload's refusal) until the next reload is applied.
    private let state = Mutex<(lastStatus: String, ready: Bool, stopping: Bool, note: String?)>(
        ("", false, false, nil))

    init(logger: Logger) {
        self.logger = logger
        self.enabled = SystemdNotify.socketPath != nil
    }

    private func send(_ message: String) {
        guard enabled else { return }
        if !SystemdNotify.send(message) {
            logger.warning("Cannot notify systemd at \(SystemdNotify.socketPath ?? "")")
        }
    }

    /// Waits (at most 30 s, on a thread of its own) for the node's first status, sends READY=1, then keeps
    /// STATUS= up to date once a second until the node stops.
    func follow(_ node: VRRPNode) {
        guard enabled else { return }
        let started = RunCommand.detachThread { [self] in
            let deadline = ContinuousClock.now + .seconds(30)
            while node.status.isEmpty, ContinuousClock.now < deadline { usleep(10_000) }
            guard !node.status.isEmpty else { return }
            let line = SystemdNotify.statusLine(node.status)
            state.withLock {
                $0.lastStatus = line
                $0.ready = true
            }
            send("READY=1\nSTATUS=\(line)\nMAINPID=\(getpid())")
            logger.debug("Notified systemd: ready (\(line))")
            while !state.withLock({ $0.stopping }) {
                usleep(1_000_000)
                publishStatus(node)
            }
        }
        if !started { logger.warning("Cannot start the thread that reports to systemd") }
    }

    /// Sends STATUS= when the summary changed since the last one.
    func publishStatus(_ node: VRRPNode) {
        let states = SystemdNotify.statusLine(node.status)
        let (changed, line) = state.withLock { state -> (Bool, String) in
            let line = state.note.map { "\(states); \($0)" } ?? states
            guard state.ready, !state.stopping, state.lastStatus != line else { return (false, line) }
            state.lastStatus = line
            return (true, line)
        }
        if changed { send("STATUS=\(line)") }
    }

    /// A reload begins.
    func reloading(_ path: String) {
        send(
            SystemdNotify.reloadingMessage(
                monotonicMicroseconds: SystemdNotify.monotonicMicroseconds, status: "reloading \(path)"))
    }

    /// A reload ended: applied (`refusal` nil) or refused.
    func reloaded(_ node: VRRPNode?, refusal: String?) {
        let states = node.map { SystemdNotify.statusLine($0.status) } ?? "starting"
        let note = refusal.map { "last reload refused: \($0)" }
        let line = note.map { "\(states); \($0)" } ?? states
        state.withLock {
            $0.lastStatus = line
            $0.note = note
        }
        send(SystemdNotify.reloadedMessage(status: line))
    }

    /// Shutdown begins.
    func stopping() {
        state.withLock { $0.stopping = true }
        send(SystemdNotify.stoppingMessage())
    }
}
