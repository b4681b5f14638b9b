/// A min-heap of timed entries; ties come out in insertion order, so runs are deterministic.
///
/// The heap itself holds only trivial (time, sequence, slot) triples; payloads live in a slot array with a free
/// list, so sifting moves a few words and never copies or retains a payload.
struct EventHeap<Payload> {
    struct Entry {
        var time: Int64
        var sequence: UInt64
        var payload: Payload
    }

    private struct Key {
        var time: Int64
        var sequence: UInt64
        var slot: Int

        @inline(__always)
        func precedes(_ other: Key) -> Bool {
            time != other.time ? time < other.time : sequence < other.sequence
        }
    }

    private var keys: [Key] = []
    private var payloads: [Payload?] = []
    private var freeSlots: [Int] = []
    private var nextSequence: UInt64 = 0

    var isEmpty: Bool { keys.isEmpty }
    var count: Int { keys.count }
    var firstTime: Int64? { keys.isEmpty ? nil : keys[0].time }

    mutating func push(time: Int64, _ payload: Payload) {
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            payloads[slot] = payload
        } else {
            slot = payloads.count
            payloads.append(payload)
        }
        let key = Key(time: time, sequence: nextSequence, slot: slot)
        nextSequence += 1
        keys.append(key)
        var child = keys.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard key.precedes(keys[parent]) else { break }
            keys[child] = keys[parent]
            child = parent
        }
        keys[child] = key
    }

    mutating func pop() -> Entry? {
        guard let top = keys.first else { return nil }
        let last = keys.removeLast()
        if !keys.isEmpty {
            var parent = 0
            let count = keys.count
            while true {
                let left = 2 * parent + 1
                guard left < count else { break }
                var best = left
                if left + 1 < count, keys[left + 1].precedes(keys[left]) { best = left + 1 }
                guard keys[best].precedes(last) else { break }
                keys[parent] = keys[best]
                parent = best
            }
            keys[parent] = last
        }
        guard let payload = payloads[top.slot].take() else { return nil }
        freeSlots.append(top.slot)
        return Entry(time: top.time, sequence: top.sequence, payload: payload)
    }
}
