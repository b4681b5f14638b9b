import Glibc
import Logging
import Testing
import VRRPRuntime

@Suite("event loop: the loop thread's scheduling")
struct EventLoopSchedulingTests {
    typealias Outcome = Result<Duration, RuntimeError>

    /// Runs `body` on a thread of its own (so no test-runner thread keeps its scheduling) and returns its outcome;
    /// nil when no thread could be created.
    func onOwnThread(_ body: @escaping @Sendable () -> Outcome) -> Outcome? {
        let box = OutcomeBox(body)
        let context = Unmanaged.passRetained(box).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(
            &thread, nil,
            { raw in
                let box = Unmanaged<OutcomeBox>.fromOpaque(raw!).takeRetainedValue()
                box.outcome = box.body()
                return nil
            }, context)
        guard created == 0 else {
            Unmanaged<OutcomeBox>.fromOpaque(context).release()
            return nil
        }
        pthread_join(thread, nil)
        return box.outcome
    }

    /// The slice the kernel reports on a fresh thread after `request`, or the error.
    func slice(after request: Duration) -> Outcome? {
        onOwnThread {
            do throws(RuntimeError) {
                try EventLoop.useSchedulerSlice(request)
                return .success(try EventLoop.schedulerSlice())
            } catch {
                return .failure(error)
            }
        }
    }

    /// The slice on a fresh thread after scheduling it for `configuration`.
    func slice(for configuration: NodeConfiguration) -> Outcome? {
        var logger = Logger(label: "test.scheduling")
        logger.logLevel = .critical
        return onOwnThread { [logger] in
            EventLoop.scheduleCurrentThread(for: configuration, logger: logger)
            do throws(RuntimeError) { return .success(try EventLoop.schedulerSlice()) } catch { return .failure(error) }
        }
    }

    @Test("a slice request reaches the kernel: sched_getattr reports it (or the kernel has no custom slices)")
    func sliceReachesKernel() throws {
        switch try #require(slice(after: .microseconds(300))) {
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
        #expect(try #require(slice(after: .microseconds(20))) == .success(.microseconds(100)))
        #expect(try #require(slice(after: .seconds(1))) == .success(.milliseconds(100)))
    }

    @Test("a node's configuration reaches its loop thread's slice; without one the default stays")
    func configurationReachesThread() throws {
        guard case .success(let defaultSlice) = try #require(slice(after: .zero)) else { return }
        var configuration = NodeConfiguration(instances: [])
        configuration.schedulerSlice = .microseconds(400)
        #expect(try #require(slice(for: configuration)) == .success(.microseconds(400)))
        configuration.schedulerSlice = nil
        #expect(try #require(slice(for: configuration)) == .success(defaultSlice))
    }
}

/// A thread's body and what it returned.
private final class OutcomeBox: @unchecked Sendable {
    let body: @Sendable () -> EventLoopSchedulingTests.Outcome
    var outcome: EventLoopSchedulingTests.Outcome?
    init(_ body: @escaping @Sendable () -> EventLoopSchedulingTests.Outcome) { self.body = body }
}
