import Glibc
import Synchronization

/// Items handed to a node's event loop from another thread: a non-blocking pipe whose read end is readable while
/// items wait, as a socket's descriptor would be.
final class WakeupQueue<Element: Sendable>: Sendable {
    /// The read end, for the event loop to poll.
    let descriptor: Int32
    private let writeEnd: Int32
    private let items = Mutex<[Element]>([])

    init() {
        var ends: [Int32] = [-1, -1]
        pipe(&ends)
        for end in ends { _ = fcntl(end, F_SETFL, O_NONBLOCK) }
        descriptor = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(descriptor)
        close(writeEnd)
    }

    /// Queues an item and makes the descriptor readable.
    func push(_ item: Element) {
        items.withLock { $0.append(item) }
        var one: UInt8 = 1
        _ = write(writeEnd, &one, 1)
    }

    /// Every queued item, emptying the queue and the pipe.
    func drain() -> [Element] {
        var bytes = [UInt8](repeating: 0, count: 256)
        while read(descriptor, &bytes, bytes.count) > 0 {}
        return items.withLock { items in
            defer { items.removeAll() }
            return items
        }
    }
}
