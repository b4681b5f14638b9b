import Glibc
public import ServiceLifecycle

extension VRRPNode: Service {
    /// Runs the node as a swift-service-lifecycle service: the event loop gets a thread of its own (it blocks in
    /// epoll, which must not hold a cooperative thread), and graceful shutdown or cancellation stops it —
    /// masters send priority 0 and release their addresses before this returns.
    public func run() async throws {
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    let box = ContinuationBox(node: self, continuation: continuation)
                    var thread = pthread_t()
                    let context = Unmanaged.passRetained(box).toOpaque()
                    let created = pthread_create(
                        &thread, nil,
                        { raw in
                            let box = Unmanaged<ContinuationBox>.fromOpaque(raw!).takeRetainedValue()
                            do {
                                try box.node.runOnCurrentThread()
                                box.continuation.resume()
                            } catch {
                                box.continuation.resume(throwing: error)
                            }
                            return nil
                        }, context)
                    if created == 0 {
                        pthread_detach(thread)
                    } else {
                        Unmanaged<ContinuationBox>.fromOpaque(context).release()
                        continuation.resume(
                            throwing: RuntimeError(
                                operation: "pthread_create", errno: created, cause: String(cString: strerror(created))))
                    }
                }
            } onGracefulShutdown: {
                self.stop()
            }
        } onCancel: {
            self.stop()
        }
    }
}

private final class ContinuationBox: @unchecked Sendable {
    let node: VRRPNode
    let continuation: CheckedContinuation<Void, any Error>
    init(node: VRRPNode, continuation: CheckedContinuation<Void, any Error>) {
        self.node = node
        self.continuation = continuation
    }
}
