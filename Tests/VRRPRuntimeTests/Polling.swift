import Glibc

/// Polls a condition every 5 ms for at most `timeout`; whether it held (a node's loop runs on its own thread).
func eventually(_ timeout: Duration = .seconds(3), _ condition: () -> Bool) -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        usleep(5_000)
    }
    return condition()
}
