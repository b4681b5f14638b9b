import CProcessSpawn
import Glibc

/// A child started in its own process group, watched through a pidfd so an event loop can wait for its exit.
///
/// The owner must end it: ``reap()`` until it returns an outcome, after ``terminateGroup()`` /
/// ``killGroup()`` if it overstays. `deinit` kills the group and reaps it if the owner did not.
public final class ChildProcess {
    /// The child's process id, also its process group id.
    public let pid: Int32
    /// A pidfd that becomes readable when the child exits, or -1 on kernels without pidfd.
    public let pidfd: Int32
    /// The program that runs.
    public let program: String
    private var outcome: ExitOutcome?

    /// How a child ended.
    public enum ExitOutcome: Hashable, Sendable, CustomStringConvertible {
        /// It exited with this status.
        case exited(Int32)
        /// A signal ended it.
        case signaled(Int32)

        /// Whether it exited with status 0.
        public var isSuccess: Bool { self == .exited(0) }

        /// `exited with status N` / `killed by signal N`.
        public var description: String {
            switch self {
            case .exited(let status): "exited with status \(status)"
            case .signaled(let signal): "killed by signal \(signal)"
            }
        }
    }

    /// Starts a program.
    /// - Parameters:
    ///   - arguments: the program (an absolute path, or a name looked up in `PATH`) and its arguments.
    ///   - environment: `NAME=value` strings.
    ///   - outputDescriptor: where stdout and stderr go; nil discards them.
    ///   - user: run as this uid and gid (keepalived `user` / `script_user`); nil keeps ours.
    public init(
        arguments: [String],
        environment: [String] = ["PATH=/usr/sbin:/usr/bin:/sbin:/bin"],
        outputDescriptor: Int32? = nil,
        user: (uid: UInt32, gid: UInt32)? = nil
    ) throws(ProcessError) {
        precondition(!arguments.isEmpty, "a process needs a program")
        var arguments = arguments
        let program = arguments[0]
        if !program.contains("/") {
            guard let resolved = Self.lookUp(program, environment: environment) else {
                throw ProcessError(
                    operation: "spawn", program: program, errno: ENOENT, cause: "not found in PATH")
            }
            arguments[0] = resolved
        }
        var pid: pid_t = 0
        var pidfd: Int32 = -1
        let status = Self.withCStrings(arguments) { argv in
            Self.withCStrings(environment) { envp in
                vrrp_spawn(
                    argv, envp, outputDescriptor ?? -1, user.map { Int($0.uid) } ?? -1,
                    user.map { Int($0.gid) } ?? -1, &pid, &pidfd)
            }
        }
        guard status == 0 else {
            throw ProcessError(
                operation: "spawn", program: arguments[0], errno: status, cause: String(cString: strerror(status)))
        }
        self.pid = pid
        self.pidfd = pidfd
        self.program = arguments[0]
    }

    deinit {
        if outcome == nil {
            kill(-pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        }
        if pidfd >= 0 { close(pidfd) }
    }

    /// Collects the exit status if the child has ended; nil while it runs.
    public func reap() throws(ProcessError) -> ExitOutcome? {
        if let outcome { return outcome }
        var status: Int32 = 0
        let result = vrrp_reap(pid, &status)
        if result < 0 {
            throw ProcessError(
                operation: "wait", program: program, errno: -result, cause: String(cString: strerror(-result)))
        }
        guard result == 1 else { return nil }
        let code = vrrp_wait_status_code(status)
        let ended: ExitOutcome = code >= 0 ? .exited(code) : .signaled(-code)
        outcome = ended
        return ended
    }

    /// Whether the child has been reaped.
    public var hasEnded: Bool { outcome != nil }

    /// Sends SIGTERM to the child's whole process group.
    public func terminateGroup() { if outcome == nil { kill(-pid, SIGTERM) } }

    /// Sends SIGKILL to the child's whole process group.
    public func killGroup() { if outcome == nil { kill(-pid, SIGKILL) } }

    /// Waits up to `timeout` for the child to end (on its pidfd, or by polling without one).
    /// Returns the outcome, or nil if it still runs.
    public func wait(timeout: Duration) throws(ProcessError) -> ExitOutcome? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            if let ended = try reap() { return ended }
            let remaining = ContinuousClock.now.duration(to: deadline)
            if remaining <= .zero { return nil }
            let milliseconds = Int32(clamping: remaining.components.seconds * 1000 + 1)
            if pidfd >= 0 {
                var entry = pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0)
                _ = poll(&entry, 1, min(milliseconds, 100))
            } else {
                usleep(2_000)
            }
        }
    }

    /// Runs a program to its end, or until `timeout`: then its group gets SIGTERM and, 2 s later, SIGKILL
    /// (keepalived's sequence). Returns nil for an outcome when it timed out.
    public static func run(
        arguments: [String],
        timeout: Duration,
        user: (uid: UInt32, gid: UInt32)? = nil
    ) throws(ProcessError) -> (outcome: ExitOutcome, timedOut: Bool) {
        let child = try ChildProcess(arguments: arguments, user: user)
        if let outcome = try child.wait(timeout: timeout) { return (outcome, false) }
        child.terminateGroup()
        if let outcome = try child.wait(timeout: .seconds(2)) { return (outcome, true) }
        child.killGroup()
        let outcome = try child.wait(timeout: .seconds(5)) ?? .signaled(SIGKILL)
        return (outcome, true)
    }

    private static func lookUp(_ name: String, environment: [String]) -> String? {
        let path = environment.first { $0.hasPrefix("PATH=") }.map { String($0.dropFirst(5)) } ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    private static func withCStrings<R>(
        _ strings: [String],
        _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R
    ) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) { body($0) }
        }
    }
}
