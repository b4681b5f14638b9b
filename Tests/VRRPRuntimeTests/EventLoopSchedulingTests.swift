import Glibc
import Logging
import Synchronization
import Testing
import VRRPRuntime

@Suite("event loop: the loop thread's scheduling")
struct EventLoopSchedulingTests {
    /// Runs `body` on a thread of its own (so no test-runner thread keeps its scheduling) and returns its result.
    func onOwnThread<Result: Sendable>(_ body: @escaping @Sendable () -> Result) -> Result? {
        final class Box: @unchecked Sendable {
            let body: @Sendable () -> Result
            var result: Result?
            init(_ body: @escaping @Sendable () -> Result) { self.body = body }
        }
        let box = Box(body)
        let context = Unmanaged.passRetained(box).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(
            &thread, nil,
            { raw in
                let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
                box.result = box.body()
                return nil
            }, context)
        guard created == 0 else {
            Unmanaged<Box>.fromOpaque(context).release()
            return nil
        }
        pthread_join(thread, nil)
        return box.result
    }

    /// The kernel's answer to a slice request on a fresh thread: the slice read back, or the error's errno.
    func slice(after request: Duration) -> Result<Duration, RuntimeError>? {
        onOwnThread {
            do throws(RuntimeError) {
                try EventLoop.useSchedulerSlice(request)
                return .success(try EventLoop.schedulerSlice())
            } catch {
                return .failure(error)
            }
        }
    }

    @Test("a slice request reaches the kernel: sched_getattr reports it (or the kernel has no custom slices)")
    func sliceReachesKernel() throws {
        let result = try #require(slice(after: .microseconds(300)))
        switch result {
        case .success(let slice):
            #expect(slice == .microseconds(300))
        case .failure(let error):
            // Kernels before 6.12 refuse sched_runtime for normal threads; the error says so.
            #expect(error.errno == EINVAL, "\(error)")
            #expect("\(error)".contains("6.12"))
        }
    }

    @Test("the kernel keeps a slice within 0.1-100 ms; zero restores its default")
    func sliceBounds() throws {
        guard case .success(let defaultSlice) = try #require(slice(after: .zero)) else { return }
        #expect(defaultSlice >= .microseconds(100))
        #expect(try #require(slice(after: .microseconds(20))).value == .microseconds(100))
        #expect(try #require(slice(after: .seconds(1))).value == .milliseconds(100))
    }

    @Test("a node's configuration reaches its loop thread: the slice, or nothing under realtime priority")
    func configurationReachesThread() throws {
        var logger = Logger(label: "test.scheduling")
        logger.logLevel = .critical
        var configuration = NodeConfiguration(instances: [])
        configuration.schedulerSlice = .microseconds(400)
        let scheduled = onOwnThread { [configuration, logger] in
            EventLoop.scheduleCurrentThread(for: configuration, logger: logger)
            return try? EventLoop.schedulerSlice()
        }
        let defaultSlice = onOwnThread { try? EventLoop.schedulerSlice() }
        guard case .success = try #require(slice(after: .microseconds(300))) else { return }
        #expect(scheduled == .microseconds(400))
        configuration.schedulerSlice = nil
        let unscheduled = onOwnThread { [configuration, logger] in
            EventLoop.scheduleCurrentThread(for: configuration, logger: logger)
            return try? EventLoop.schedulerSlice()
        }
        #expect(unscheduled == defaultSlice)
    }
}

extension Result {
    fileprivate var value: Success? {
        if case .success(let value) = self { value } else { nil }
    }
}
