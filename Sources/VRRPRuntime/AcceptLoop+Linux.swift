import Glibc
import Synchronization

/// A listening socket served on a thread of its own until ``stop()``: the part the control socket and the metrics
/// listener share. It owns the listening descriptor and closes it.
///
/// With ``maximumClients`` 1 (the default) clients are served one after another on the accept thread. Above 1,
/// each accepted client is served on a thread of its own, at most ``maximumClients`` at once; a client beyond
/// that is handed to `rejectClient` (which may write a refusal) and closed at once, so a stalled client never
/// delays another.
package final class AcceptLoop: Sendable {
    private let listener: Int32
    private let stopPipe: (read: Int32, write: Int32)
    private let state = Mutex<(started: Bool, stopped: Bool, thread: pthread_t?)>((false, false, nil))
    private let serveClient: @Sendable (Int32) -> Void
    private let rejectClient: @Sendable (Int32) -> Void
    /// The most clients served at once.
    package let maximumClients: Int
    /// Clients being served now on threads of their own.
    private let active = Mutex(0)

    /// Takes over a bound, listening descriptor; `serveClient` handles one accepted connection, which the loop
    /// closes afterwards. On failure the descriptor is closed and the error names `operation`.
    package init(
        listener: Int32,
        operation: String,
        maximumClients: Int = 1,
        rejectClient: @escaping @Sendable (Int32) -> Void = { _ in },
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
        self.rejectClient = rejectClient
        self.maximumClients = max(1, maximumClients)
    }

    /// Clients being served now on threads of their own (always 0 when ``maximumClients`` is 1).
    package var activeClients: Int { active.withLock { $0 } }

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

    /// Stops accepting and waits for the thread (unless called from it), then at most `clientGrace` for clients
    /// still being served on threads of their own. Idempotent.
    package func stop(clientGrace: Duration = .seconds(3)) {
        let thread = state.withLock { state -> pthread_t? in
            guard !state.stopped else { return nil }
            state.stopped = true
            defer { state.thread = nil }
            return state.thread
        }
        var one: UInt8 = 1
        _ = write(stopPipe.write, &one, 1)
        if let thread, pthread_equal(thread, pthread_self()) == 0 { pthread_join(thread, nil) }
        let deadline = ContinuousClock.now + clientGrace
        while active.withLock({ $0 }) > 0, ContinuousClock.now < deadline { usleep(2_000) }
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
            guard maximumClients > 1 else {
                serveClient(client)
                close(client)
                continue
            }
            let admitted = active.withLock { count -> Bool in
                guard count < maximumClients else { return false }
                count += 1
                return true
            }
            guard admitted else {
                rejectClient(client)
                close(client)
                continue
            }
            if !spawn(client) {
                // No thread: serve it here rather than drop it.
                active.withLock { $0 -= 1 }
                serveClient(client)
                close(client)
            }
        }
    }

    /// Serves `client` on a detached thread of its own; false when the thread cannot be created.
    private func spawn(_ client: Int32) -> Bool {
        let job = ClientJob(client: client, serve: serveClient, done: { [self] in self.active.withLock { $0 -= 1 } })
        let box = Unmanaged.passRetained(job)
        var thread = pthread_t()
        let created = pthread_create(
            &thread, nil,
            { argument in
                let job = Unmanaged<ClientJob>.fromOpaque(argument!).takeRetainedValue()
                job.serve(job.client)
                close(job.client)
                job.done()
                return nil
            }, box.toOpaque())
        guard created == 0 else {
            box.release()
            return false
        }
        pthread_detach(thread)
        return true
    }
}

/// One client handed to a thread of its own.
private final class ClientJob: Sendable {
    let client: Int32
    let serve: @Sendable (Int32) -> Void
    let done: @Sendable () -> Void

    init(client: Int32, serve: @escaping @Sendable (Int32) -> Void, done: @escaping @Sendable () -> Void) {
        self.client = client
        self.serve = serve
        self.done = done
    }
}
