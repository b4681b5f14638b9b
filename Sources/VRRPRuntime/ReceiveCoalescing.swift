/// When a node receives adverts faster than one per ``window`` on a socket (a backup of many short-interval
/// instances: 100 at 10 ms arrive as bursts of 100 every 10 ms), it stops watching that socket for a window after
/// a read and reads what queued in one go, instead of waking for every few packets (measured: 3,800 wake-ups/s,
/// most of the backup's CPU time spent switching in and out).
///
/// A deferred advert is handled at most one window late; a router whose deadline falls due meanwhile gets the
/// queued adverts first (the node resumes every deferred socket before it handles timeouts). A node that reads
/// less often than once per window (one instance at 10 ms) never defers. Pure bookkeeping: the node does the I/O.
package struct ReceiveCoalescing {
    /// Nothing deferred.
    package init() {}

    /// The longest an advert waits in a socket: 1 ms, a tenth of the shortest advert interval.
    package static let window: Int64 = 1_000_000

    /// When each socket was last read.
    private var lastRead: [Int32: Int64] = [:]
    /// The sockets not watched now, in the order they were deferred.
    package private(set) var deferred: [Int32] = []
    /// When the deferred sockets are read again (nil: none is deferred).
    package private(set) var resumeAt: Int64?

    /// Records a read of `packets` packets from `descriptor` at `now`; true when the node should stop watching
    /// the descriptor until ``resumeAt``: it delivered packets and had been read less than a window before.
    package mutating func read(_ descriptor: Int32, packets: Int, now: Int64) -> Bool {
        let previous = lastRead.updateValue(now, forKey: descriptor)
        guard packets > 0, let previous, now - previous < Self.window, !deferred.contains(descriptor) else {
            return false
        }
        deferred.append(descriptor)
        if resumeAt == nil { resumeAt = now + Self.window }
        return true
    }

    /// Forgets a socket that is being closed: it is no longer deferred, and a number reused for a new socket
    /// starts afresh.
    package mutating func forget(_ descriptor: Int32) {
        lastRead[descriptor] = nil
        deferred.removeAll { $0 == descriptor }
        if deferred.isEmpty { resumeAt = nil }
    }

    /// The sockets to watch and read again: all deferred ones once ``resumeAt`` has come, or at once when a
    /// router deadline is due (`deadlineDue`). Empty otherwise.
    package mutating func resume(now: Int64, deadlineDue: Bool) -> [Int32] {
        guard let resumeAt, deadlineDue || now >= resumeAt else { return [] }
        defer {
            deferred = []
            self.resumeAt = nil
        }
        return deferred
    }
}
