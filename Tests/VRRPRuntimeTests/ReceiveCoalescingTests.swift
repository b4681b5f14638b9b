import Testing
import VRRPRuntime

@Suite("receive coalescing")
struct ReceiveCoalescingTests {
    static let window = ReceiveCoalescing.window

    @Test("a socket read once per advert interval is never paused")
    func slowSocketNotDeferred() {
        var coalescing = ReceiveCoalescing()
        var paused: [Bool] = []
        for cycle in 0..<10 { paused.append(coalescing.read(5, packets: 1, now: Int64(cycle) * 10_000_000)) }
        #expect(paused == Array(repeating: false, count: 10))
        #expect(coalescing.resumeAt == nil)
        #expect(coalescing.deferred.isEmpty)
    }

    @Test("a second read with packets within the window pauses the socket for one window")
    func burstDeferred() {
        var coalescing = ReceiveCoalescing()
        let first = coalescing.read(5, packets: 3, now: 1_000_000_000)
        let second = coalescing.read(5, packets: 2, now: 1_000_020_000)
        #expect(!first)
        #expect(second)
        #expect(coalescing.deferred == [5])
        #expect(coalescing.resumeAt == 1_000_020_000 + Self.window)
        // Not before the window is over, unless a router deadline is due.
        let early = coalescing.resume(now: 1_000_500_000, deadlineDue: false)
        #expect(early.isEmpty)
        let due = coalescing.resume(now: 1_000_020_000 + Self.window, deadlineDue: false)
        #expect(due == [5])
        #expect(coalescing.resumeAt == nil)
        // The read at resumption comes a window after the last: the socket is watched again.
        let afterPause = coalescing.read(5, packets: 40, now: 1_000_020_000 + Self.window)
        #expect(!afterPause)
    }

    @Test("a due router deadline resumes every paused socket at once")
    func deadlineResumesEarly() {
        var coalescing = ReceiveCoalescing()
        _ = coalescing.read(5, packets: 1, now: 0)
        _ = coalescing.read(6, packets: 1, now: 10)
        let pausedFive = coalescing.read(5, packets: 1, now: 100)
        let pausedSix = coalescing.read(6, packets: 1, now: 200)
        #expect(pausedFive && pausedSix)
        #expect(coalescing.resumeAt == 100 + Self.window)
        let resumed = coalescing.resume(now: 300, deadlineDue: true)
        #expect(resumed == [5, 6])
        #expect(coalescing.deferred.isEmpty)
    }

    @Test("an empty read never pauses")
    func emptyReadNotDeferred() {
        var coalescing = ReceiveCoalescing()
        _ = coalescing.read(5, packets: 1, now: 0)
        let paused = coalescing.read(5, packets: 0, now: 10)
        #expect(!paused)
    }

    @Test("a socket closed while paused is forgotten: not resumed, and its number starts afresh")
    func forgetClosedSocket() {
        var coalescing = ReceiveCoalescing()
        _ = coalescing.read(5, packets: 1, now: 0)
        _ = coalescing.read(6, packets: 1, now: 10)
        let pausedFive = coalescing.read(5, packets: 1, now: 100)
        let pausedSix = coalescing.read(6, packets: 1, now: 200)
        #expect(pausedFive && pausedSix)
        coalescing.forget(5)
        #expect(coalescing.deferred == [6] && coalescing.resumeAt == 100 + Self.window)
        coalescing.forget(6)
        #expect(coalescing.deferred.isEmpty && coalescing.resumeAt == nil)
        let resumed = coalescing.resume(now: 10 * Self.window, deadlineDue: true)
        #expect(resumed.isEmpty)
        // A new socket given number 5 is read for the first time: it is not paused.
        let pausedAgain = coalescing.read(5, packets: 1, now: 300)
        #expect(!pausedAgain)
    }
}
