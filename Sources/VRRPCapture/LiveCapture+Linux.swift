import CPcap
import Glibc

extension LiveCapture {
    /// Opens a capture on an interface inside a named network namespace (`/var/run/netns/NAME`, as
    /// `ip netns add` makes). Only the calling thread enters the namespace, for the moment it takes to open the
    /// packet socket; the socket stays in the namespace, the thread returns to its own.
    ///
    /// - Throws: ``CaptureError/Code/networkNamespace`` when the namespace cannot be entered (needs
    ///   CAP_SYS_ADMIN), and what ``init(interface:filter:snapshotLength:promiscuous:readTimeout:)`` throws.
    public static func open(
        interface: String,
        inNetworkNamespace namespace: String,
        filter: String = "",
        snapshotLength: Int = 65_535,
        promiscuous: Bool = false,
        readTimeout: Duration = .milliseconds(100)
    ) throws(CaptureError) -> LiveCapture {
        let path = namespace.contains("/") ? namespace : "/var/run/netns/" + namespace
        let original = Glibc.open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        guard original >= 0 else {
            throw CaptureError(.networkNamespace, target: namespace, message: systemError("open own namespace"))
        }
        defer { close(original) }
        let target = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard target >= 0 else {
            throw CaptureError(.networkNamespace, target: namespace, message: systemError("open \(path)"))
        }
        defer { close(target) }
        guard setns(target, CPCAP_CLONE_NEWNET) == 0 else {
            throw CaptureError(
                .networkNamespace, target: namespace, message: systemError("setns (needs CAP_SYS_ADMIN)"))
        }
        let result: Result<LiveCapture, CaptureError>
        do throws(CaptureError) {
            result = .success(
                try LiveCapture(
                    interface: interface, filter: filter, snapshotLength: snapshotLength, promiscuous: promiscuous,
                    readTimeout: readTimeout))
        } catch {
            result = .failure(error)
        }
        // Returning to the original namespace cannot reasonably fail; if it does this thread is unusable.
        precondition(setns(original, CPCAP_CLONE_NEWNET) == 0, "cannot return to the original network namespace")
        return try result.get()
    }
}

/// `operation: strerror(errno)`.
func systemError(_ operation: String) -> String {
    "\(operation): \(String(cString: strerror(errno)))"
}
