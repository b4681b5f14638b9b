import CVRRPShim
import Foundation

/// Why `inNamespace` could not run its body.
struct NamespaceEntryError: Error, CustomStringConvertible {
    var namespace: String
    var errno: Int32
    var description: String { "cannot enter network namespace \(namespace): \(String(cString: strerror(errno)))" }
}

/// A body to run on a thread inside a namespace.
private final class NamespaceJob: @unchecked Sendable {
    let namespace: String
    let work: () -> Void
    var entryError: Int32 = 0

    init(namespace: String, work: @escaping () -> Void) {
        self.namespace = namespace
        self.work = work
    }

    func run() {
        guard vrrp_shim_enter_network_namespace("/var/run/netns/\(namespace)") == 0 else {
            entryError = errno
            return
        }
        work()
    }
}

/// Runs `body` on a fresh thread that has joined the network namespace `name` (setns), and returns its result.
///
/// Sockets keep the namespace they were created in, so adapters opened inside `body` may be used afterwards
/// from any thread. The thread ends with the body; the caller's namespace is never changed.
func inNamespace<T>(_ name: String, _ body: @escaping () throws -> T) throws -> T {
    var result: Result<T, any Error>? = nil
    let job = NamespaceJob(namespace: name) { result = Result { try body() } }
    var thread = pthread_t()
    let context = Unmanaged.passRetained(job).toOpaque()
    let created = pthread_create(
        &thread, nil,
        { context in
            let job = Unmanaged<NamespaceJob>.fromOpaque(context!).takeRetainedValue()
            job.run()
            return nil
        }, context)
    guard created == 0 else {
        Unmanaged<NamespaceJob>.fromOpaque(context).release()
        throw NamespaceEntryError(namespace: name, errno: created)
    }
    pthread_join(thread, nil)
    if job.entryError != 0 { throw NamespaceEntryError(namespace: name, errno: job.entryError) }
    guard let result else { throw NamespaceEntryError(namespace: name, errno: EINVAL) }
    return try result.get()
}
