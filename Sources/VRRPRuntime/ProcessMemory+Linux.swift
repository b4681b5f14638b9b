import CEventLoop
import Glibc

/// Process-wide memory policy for a node's process (`vrrpctl run` uses it; a server embedding a node decides
/// for itself).
public enum ProcessMemory {
    /// Drops the startup working set: the resident pages of the executable's and libraries' read-only file
    /// mappings (code that parsed arguments and configuration and will not run again) leave the resident set, and
    /// only what the running node touches faults back in, one page at a time (MADV_RANDOM: no fault-around).
    /// Mappings holding copy-on-write pages (relocated data) are left alone; free heap returns to the kernel.
    /// Nothing is lost: the pages are read again from the files when needed.
    /// - Returns: the kilobytes that were resident in the mappings released.
    @discardableResult
    public static func releaseStartupPages() throws(RuntimeError) -> Int {
        let released = vrrp_release_clean_file_pages(1)
        guard released >= 0 else {
            let code = Int32(-released)
            throw RuntimeError(operation: "release startup pages", errno: code, cause: String(cString: strerror(code)))
        }
        return released
    }

    /// Locks every current and future page in memory (keepalived `vrrp_no_swap`): timers never wait for a page
    /// to come back from swap, at the cost of a resident set as large as everything mapped.
    public static func lockAll() throws(RuntimeError) {
        guard mlockall(MCL_CURRENT | MCL_FUTURE) == 0 else {
            let code = errno
            throw RuntimeError(
                operation: "mlockall", errno: code,
                cause: code == EPERM ? "needs CAP_IPC_LOCK" : String(cString: strerror(code)))
        }
    }
}
