import CEventLoop
import Glibc

/// Process-wide memory policy for a node's process (`vrrpctl run` uses it; a server embedding a node decides
/// for itself).
public enum ProcessMemory {
    /// Trims the resident set to the working set: the pages of code and constants (private read-only file
    /// mappings without copy-on-write pages) that the process does not use for `observation` leave it, the pages
    /// it does use stay mapped, so the running code never faults for them.
    ///
    /// Releasing everything and letting the used pages fault back does not work as well: the kernel maps a
    /// faulting page's cached neighbours with it (fault-around, 64 kB on current kernels), and code scattered over
    /// a large executable then brings most of it back. Here, meanwhile, each of those mappings is split into
    /// one-page mappings (smaps then reports each page's use, and fault-around stays inside the faulting
    /// mapping), the pages' accessed bits are cleared, and after `observation` the unused pages are dropped and the
    /// mappings joined again (MADV_RANDOM: no read-ahead either). Nothing is lost: a page dropped is read again
    /// from its file when needed. While split, the kernel holds a mapping (about 200 bytes) per page and a fork
    /// copies them all (milliseconds). Blocks the calling thread for `observation`.
    ///
    /// With `keepingSplit` the mappings stay split that much longer after the unused pages left, so code first
    /// used meanwhile (what a node does once a few seconds after startup) also faults in one page at a time.
    /// With `releasingFirst` every page of those mappings leaves at once and what the process uses faults back
    /// in, one page at a time. The running code then faults for every page it uses, which stalls it while another
    /// thread holds the process's mmap lock: a node keeps its pages mapped (the default).
    /// - Parameters:
    ///   - observation: how long the process runs while the pages it uses are noted; it should span everything
    ///     its steady state does (the longest advertisement interval, twice).
    ///   - keepingSplit: how long the mappings stay split after the unused pages left.
    ///   - releasingFirst: drop every page at the start instead of only the unused ones at the end.
    ///   - report: called before the mappings are joined again (so the code it runs faults in one page at a time)
    ///     with the kilobytes released and those of code and constants that stay (``residentFileKilobytes()``,
    ///     nil when unknown).
    public static func trimToWorkingSet(
        observation: Duration, keepingSplit: Duration = .zero, releasingFirst: Bool = false,
        report: (_ released: Int, _ resident: Int?) -> Void
    ) throws(RuntimeError) {
        try trimToWorkingSet(
            observation: observation, keepingSplit: keepingSplit, releasingFirst: releasingFirst, within: nil,
            report: report)
    }

    /// ``trimToWorkingSet(observation:keepingSplit:releasingFirst:report:)`` over the mappings inside `range`
    /// only (nil: all).
    package static func trimToWorkingSet(
        observation: Duration, keepingSplit: Duration = .zero, releasingFirst: Bool = false,
        within range: UnsafeRawBufferPointer?, report: (_ released: Int, _ resident: Int?) -> Void
    ) throws(RuntimeError) {
        let start = UInt(bitPattern: range?.baseAddress)
        let split = vrrp_working_set_begin(releasingFirst ? 1 : 0, start, start + UInt(range?.count ?? 0))
        guard split >= 0 else { throw error("begin a working-set trim", code: Int32(-split)) }
        // What the caller runs at the end is used now too, while each page faults in alone.
        _ = residentFileKilobytes()
        pause(observation)
        let released = vrrp_working_set_end()
        guard released >= 0 else { throw error("end a working-set trim", code: Int32(-released)) }
        pause(keepingSplit)
        report(released, residentFileKilobytes())
        vrrp_working_set_join()
    }

    /// Sleeps for `duration` (nothing for zero or less).
    package static func pause(_ duration: Duration) {
        guard duration > .zero else { return }
        let (seconds, attoseconds) = duration.components
        var pause = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&pause, &remaining) != 0 && errno == EINTR { pause = remaining }
    }

    /// The kilobytes of file pages (code, constants) the process has resident: the third field of
    /// /proc/self/statm. Nil when it cannot be read.
    public static func residentFileKilobytes() -> Int? {
        guard let statm = fopen("/proc/self/statm", "re") else { return nil }
        defer { fclose(statm) }
        var line = [CChar](repeating: 0, count: 128)
        guard fgets(&line, Int32(line.count), statm) != nil else { return nil }
        let fields = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }.split(separator: " ")
        guard fields.count >= 3, let pages = Int(fields[2]) else { return nil }
        return pages * sysconf(Int32(_SC_PAGESIZE)) / 1024
    }

    private static func error(_ operation: String, code: Int32) -> RuntimeError {
        RuntimeError(operation: operation, errno: code, cause: String(cString: strerror(code)))
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
