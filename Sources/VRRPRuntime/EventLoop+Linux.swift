import CEventLoop
import Glibc

/// The runtime's single-threaded event loop: epoll over the node's descriptors, one timerfd armed at the earliest
/// absolute deadline (CLOCK_MONOTONIC, so timers never drift), and an eventfd that other threads use to wake it.
///
/// It only reports readiness; the node decides what each descriptor means.
package final class EventLoop {
    private let epollDescriptor: Int32
    private let timerDescriptor: Int32
    private let wakeDescriptor: Int32
    private var armedDeadline: Int64?
    private var events: [epoll_event]
    private var ready: [Readiness] = []

    /// What woke the loop.
    package enum Readiness: Hashable, Sendable {
        /// A registered descriptor is readable (or hung up / errored: the reader finds out).
        case readable(Int32)
        /// The armed deadline has passed.
        case timer
        /// ``wake()`` was called.
        case woken
    }

    /// Creates the epoll instance, the timer and the wake-up eventfd.
    package init() throws(RuntimeError) {
        epollDescriptor = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollDescriptor >= 0 else { throw Self.error("epoll_create1") }
        timerDescriptor = timerfd_create(CLOCK_MONOTONIC, Int32(TFD_NONBLOCK | TFD_CLOEXEC))
        guard timerDescriptor >= 0 else {
            let failure = Self.error("timerfd_create")
            close(epollDescriptor)
            throw failure
        }
        wakeDescriptor = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard wakeDescriptor >= 0 else {
            let failure = Self.error("eventfd")
            close(epollDescriptor)
            close(timerDescriptor)
            throw failure
        }
        events = Array(repeating: epoll_event(), count: 64)
        do {
            try add(timerDescriptor)
            try add(wakeDescriptor)
        } catch {
            close(epollDescriptor)
            close(timerDescriptor)
            close(wakeDescriptor)
            throw error
        }
        // Timer slack of 1 ns: the kernel's default 50 µs would add jitter to 10 ms adverts.
        _ = vrrp_set_timer_slack(1)
    }

    deinit {
        close(epollDescriptor)
        close(timerDescriptor)
        close(wakeDescriptor)
    }

    /// Watches a descriptor for reading.
    package func add(_ descriptor: Int32) throws(RuntimeError) {
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.fd = descriptor
        guard epoll_ctl(epollDescriptor, EPOLL_CTL_ADD, descriptor, &event) == 0 else {
            throw Self.error("epoll_ctl ADD fd \(descriptor)")
        }
    }

    /// Pauses (`false`) or resumes watching a registered descriptor for reading; it stays registered.
    package func watch(_ descriptor: Int32, reading: Bool) throws(RuntimeError) {
        var event = epoll_event()
        event.events = reading ? EPOLLIN.rawValue : 0
        event.data.fd = descriptor
        guard epoll_ctl(epollDescriptor, EPOLL_CTL_MOD, descriptor, &event) == 0 else {
            throw Self.error("epoll_ctl MOD fd \(descriptor)")
        }
    }

    /// Stops watching a descriptor (before the owner closes it).
    package func remove(_ descriptor: Int32) {
        _ = epoll_ctl(epollDescriptor, EPOLL_CTL_DEL, descriptor, nil)
    }

    /// Arms the timer for an absolute CLOCK_MONOTONIC instant in nanoseconds, at the latest; nil disarms it.
    ///
    /// A timer already armed for an earlier instant is left as it is (the loop wakes early and finds nothing due,
    /// which the routers allow): a backup's earliest master-down deadline moves later with every advert it
    /// receives, and re-arming for each cost a timerfd_settime per advert.
    package func arm(deadline: Int64?) throws(RuntimeError) {
        if let armedDeadline, let deadline, deadline >= armedDeadline { return }
        if deadline == nil, armedDeadline == nil { return }
        var spec = itimerspec()
        if let deadline {
            // A deadline at or before zero would disarm; the earliest meaningful instant is 1 ns.
            let instant = max(deadline, 1)
            spec.it_value.tv_sec = Int(instant / 1_000_000_000)
            spec.it_value.tv_nsec = Int(instant % 1_000_000_000)
        }
        guard timerfd_settime(timerDescriptor, Int32(TFD_TIMER_ABSTIME), &spec, nil) == 0 else {
            throw Self.error("timerfd_settime")
        }
        armedDeadline = deadline
    }

    /// Waits until something is ready; returns every readiness seen, timer and wake-ups first. The array is the
    /// loop's own, reused by the next wait: copy it to keep it.
    /// - Parameter timeoutMilliseconds: an upper bound on the wait (-1: none).
    package func wait(timeoutMilliseconds: Int32 = -1) throws(RuntimeError) -> [Readiness] {
        var count: Int32
        repeat {
            count = events.withUnsafeMutableBufferPointer {
                epoll_wait(epollDescriptor, $0.baseAddress, Int32($0.count), timeoutMilliseconds)
            }
        } while count < 0 && errno == EINTR
        guard count >= 0 else { throw Self.error("epoll_wait") }
        ready.removeAll(keepingCapacity: true)
        var firstReadable = 0
        for index in 0..<Int(count) {
            let descriptor = events[index].data.fd
            if descriptor == timerDescriptor {
                var expirations: UInt64 = 0
                _ = read(timerDescriptor, &expirations, 8)
                armedDeadline = nil
                ready.insert(.timer, at: firstReadable)
                firstReadable += 1
            } else if descriptor == wakeDescriptor {
                var value: UInt64 = 0
                _ = read(wakeDescriptor, &value, 8)
                ready.insert(.woken, at: firstReadable)
                firstReadable += 1
            } else {
                ready.append(.readable(descriptor))
            }
        }
        return ready
    }

    /// Puts the calling thread under SCHED_RR at `priority` (1-99), as keepalived's `vrrp_rt_priority` does for
    /// its VRRP process: ordinary processes then cannot delay its timers.
    package static func useRealtimeScheduling(priority: Int32) throws(RuntimeError) {
        var parameters = sched_param()
        parameters.sched_priority = priority
        let result = pthread_setschedparam(pthread_self(), SCHED_RR, &parameters)
        guard result == 0 else {
            throw RuntimeError(
                operation: "SCHED_RR priority \(priority)", errno: result,
                cause: result == EPERM
                    ? "needs CAP_SYS_NICE (or an RLIMIT_RTPRIO that allows it)"
                    : String(cString: strerror(result)))
        }
    }

    /// Wakes a waiting loop; safe from any thread.
    package func wake() { waker.wake() }

    /// A handle that wakes this loop from another thread. Valid while the loop exists: its owner must stop
    /// handing it out before the loop is released.
    package var waker: Waker { Waker(descriptor: wakeDescriptor) }

    /// Wakes a loop from any thread.
    package struct Waker: Sendable {
        let descriptor: Int32

        /// Makes the loop's wait return `.woken`.
        package func wake() {
            var one: UInt64 = 1
            _ = write(descriptor, &one, 8)
        }
    }

    private static func error(_ operation: String) -> RuntimeError {
        let code = errno
        return RuntimeError(operation: operation, errno: code, cause: String(cString: strerror(code)))
    }
}
