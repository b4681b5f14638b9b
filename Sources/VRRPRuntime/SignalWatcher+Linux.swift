import CEventLoop
import Glibc

/// Delivers process signals to a handler on a thread of its own, through a signalfd, so that no code runs in
/// signal context. Create it before any other thread starts: the signals are blocked in the creating thread, and
/// threads created later inherit the mask.
public final class SignalWatcher: Sendable {
    private let descriptor: Int32

    /// Blocks `signals` and starts a thread that calls `handler` with each one received.
    public init(signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) throws(RuntimeError) {
        let fd = (signals + [0]).withUnsafeBufferPointer { vrrp_signalfd($0.baseAddress) }
        guard fd >= 0 else {
            throw RuntimeError(operation: "signalfd", errno: -fd, cause: String(cString: strerror(-fd)))
        }
        self.descriptor = fd
        // The fd is made non-blocking by the shim; the thread waits in poll(2).
        let watched = fd
        var thread = pthread_t()
        let context = Unmanaged.passRetained(Box(descriptor: watched, handler: handler)).toOpaque()
        let created = pthread_create(
            &thread, nil,
            { raw in
                let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
                box.loop()
                return nil
            }, context)
        guard created == 0 else {
            Unmanaged<Box>.fromOpaque(context).release()
            close(fd)
            throw RuntimeError(operation: "pthread_create", errno: created, cause: String(cString: strerror(created)))
        }
        pthread_detach(thread)
    }

    private final class Box {
        let descriptor: Int32
        let handler: @Sendable (Int32) -> Void
        init(descriptor: Int32, handler: @escaping @Sendable (Int32) -> Void) {
            self.descriptor = descriptor
            self.handler = handler
        }

        func loop() {
            var info = signalfd_siginfo()
            while true {
                var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&entry, 1, -1) >= 0 || errno == EINTR else { return }
                while read(descriptor, &info, MemoryLayout<signalfd_siginfo>.size)
                    == MemoryLayout<signalfd_siginfo>.size
                {
                    handler(Int32(info.ssi_signo))
                }
            }
        }
    }
}
