import Glibc
import Synchronization

/// A listening socket served on a thread of its own, one client at a time, until ``stop()``: the part the
/// control socket and the metrics listener share. It owns the listening descriptor and closes it.
package final class AcceptLoop: Sendable {
    private let listener: Int32
    private let stopPipe: (read: Int32, write: Int32)
    private let state = Mutex<(started: Bool, stopped: Bool, thread: pthread_t?)>((false, false, nil))
    private let serveClient: @Sendable (Int32) -> Void

    /// Takes over a bound, listening descriptor; `serveClient` handles one accepted connection, which the loop
    /// closes afterwards. On failure the descriptor is closed and the error names `operation`.
    package init(
        listener: Int32,
        operation: String,
        serveClient: @escaping @Sendable (Int32) -> Void
    ) throws(RuntimeError) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            let code = errno
            close(listener)
            throw RuntimeError(operation: operation, errno: code, cause: "pipe: \(String(cString: strerror(code)))")
        }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
        }
        self.listener = listener
        self.stopPipe = (ends[0], ends[1])
        self.serveClient = serveClient
    }

    deinit {
        stop()
        close(listener)
        close(stopPipe.read)
        close(stopPipe.write)
    }

    /// Starts the thread; returns an errno when it cannot, 0 otherwise (also when already started or stopped).
    package func start() -> Int32 {
        let shouldStart = state.withLock { state -> Bool in
            guard !state.started, !state.stopped else { return false }
            state.started = true
            return true
        }
        guard shouldStart else { return 0 }
        let box = Unmanaged.passRetained(self)
        var thread = pthread_t()
        let created = pthread_create(
            &thread, nil,
            { argument in
                let loop = Unmanaged<AcceptLoop>.fromOpaque(argument!).takeRetainedValue()
                loop.run()
                return nil
            }, box.toOpaque())
        if created != 0 {
            box.release()
            return created
        }
        state.withLock { $0.thread = thread }
        return 0
    }

    /// Stops accepting and waits for the thread (unless called from it). Idempotent.
    package func stop() {
        let thread = state.withLock { state -> pthread_t? in
            guard !state.stopped else { return nil }
            state.stopped = true
            defer { state.thread = nil }
            return state.thread
        }
        var one: UInt8 = 1
        _ = write(stopPipe.write, &one, 1)
        if let thread, pthread_equal(thread, pthread_self()) == 0 { pthread_join(thread, nil) }
    }

    private func run() {
        while true {
            var fds = [
                pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
                pollfd(fd: stopPipe.read, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, 2, 1_000)
            if ready < 0, errno != EINTR { return }
            if fds[1].revents != 0 { return }
            guard fds[0].revents & Int16(POLLIN) != 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            serveClient(client)
            close(client)
        }
    }
}
