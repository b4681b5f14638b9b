import Glibc
import Testing
import VRRPRuntime

@Suite("event loop")
struct EventLoopTests {
    @Test("the timer fires at the absolute deadline, not before")
    func timerDeadline() throws {
        let loop = try EventLoop()
        let deadline = MonotonicClock.nanoseconds() + 20_000_000
        try loop.arm(deadline: deadline)
        let ready = try loop.wait(timeoutMilliseconds: 2_000)
        let now = MonotonicClock.nanoseconds()
        #expect(ready == [.timer])
        #expect(now >= deadline)
        #expect(now - deadline < 1_000_000_000, "woke \(now - deadline) ns late")
    }

    @Test("a disarmed timer does not fire; the wait times out empty")
    func disarmed() throws {
        let loop = try EventLoop()
        try loop.arm(deadline: MonotonicClock.nanoseconds() + 5_000_000)
        try loop.arm(deadline: nil)
        #expect(try loop.wait(timeoutMilliseconds: 30).isEmpty)
    }

    @Test("a later deadline leaves the earlier one armed: the loop wakes at the earlier, then can re-arm")
    func laterDeadlineKeepsEarlier() throws {
        let loop = try EventLoop()
        let earlier = MonotonicClock.nanoseconds() + 20_000_000
        try loop.arm(deadline: earlier)
        try loop.arm(deadline: earlier + 2_000_000_000)
        #expect(try loop.wait(timeoutMilliseconds: 1_000) == [.timer])
        #expect(MonotonicClock.nanoseconds() >= earlier)
        // Fired, so nothing is armed: the later deadline arms now.
        let later = MonotonicClock.nanoseconds() + 20_000_000
        try loop.arm(deadline: later)
        #expect(try loop.wait(timeoutMilliseconds: 1_000) == [.timer])
        #expect(MonotonicClock.nanoseconds() >= later)
    }

    @Test("wake() from another thread ends the wait")
    func wakeFromThread() throws {
        let loop = try EventLoop()
        let waker = loop.waker
        // A plain thread, not a task: this test blocks its own thread in epoll.
        var thread = pthread_t()
        let context = Unmanaged.passRetained(WakerBox(waker)).toOpaque()
        #expect(
            pthread_create(
                &thread, nil,
                { raw in
                    let box = Unmanaged<WakerBox>.fromOpaque(raw!).takeRetainedValue()
                    usleep(10_000)
                    box.waker.wake()
                    return nil
                }, context) == 0)
        #expect(try loop.wait(timeoutMilliseconds: 5_000) == [.woken])
        pthread_join(thread, nil)
    }

    @Test("a readable descriptor is reported by its number")
    func readable() throws {
        let loop = try EventLoop()
        var pair: [Int32] = [0, 0]
        #expect(pipe(&pair) == 0)
        defer {
            close(pair[0])
            close(pair[1])
        }
        try loop.add(pair[0])
        #expect(write(pair[1], "x", 1) == 1)
        #expect(try loop.wait(timeoutMilliseconds: 1_000) == [.readable(pair[0])])
        loop.remove(pair[0])
    }

    @Test("adding a closed descriptor is an error naming the call")
    func badDescriptor() throws {
        let loop = try EventLoop()
        #expect {
            try loop.add(9_999)
        } throws: { error in
            (error as? RuntimeError)?.errno == EBADF
                && (error as? RuntimeError)?.operation.hasPrefix("epoll_ctl ADD") == true
        }
    }
}

final class WakerBox {
    let waker: EventLoop.Waker
    init(_ waker: EventLoop.Waker) { self.waker = waker }
}
