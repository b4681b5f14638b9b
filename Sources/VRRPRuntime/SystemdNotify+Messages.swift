import VRRPStateMachine

extension SystemdNotify {
    /// The `STATUS=` text `systemctl status` shows for a node: `3 instances: 2 MASTER, 1 BACKUP` (states in the
    /// order MASTER, BACKUP, FAULT, INIT; a released instance is counted under its state and named after it).
    public static func statusLine(_ statuses: [InstanceStatus]) -> String {
        guard !statuses.isEmpty else { return "no instances" }
        let noun = statuses.count == 1 ? "instance" : "instances"
        let order: [VirtualRouter.State] = [.master, .backup, .fault, .initialize]
        let counts = order.compactMap { state -> String? in
            let count = statuses.filter { $0.state == state }.count
            return count == 0 ? nil : "\(count) \(state.keepalivedName)"
        }
        let released = statuses.filter(\.isReleased).map(\.name)
        let suffix = released.isEmpty ? "" : " (released: \(released.joined(separator: ", ")))"
        return "\(statuses.count) \(noun): \(counts.joined(separator: ", "))\(suffix)"
    }

    /// The message that opens a reload: `RELOADING=1`, the CLOCK_MONOTONIC time in microseconds that systemd 253's
    /// `Type=notify-reload` requires in the same datagram (older versions ignore it), and a status.
    public static func reloadingMessage(monotonicMicroseconds: Int64, status: String) -> String {
        "RELOADING=1\nMONOTONIC_USEC=\(monotonicMicroseconds)\nSTATUS=\(status)"
    }

    /// The message that closes a reload, applied or refused: `READY=1` (systemd waits for it after `RELOADING=1`
    /// either way; a refused file leaves the node running on the old configuration) and a status.
    public static func reloadedMessage(status: String) -> String { "READY=1\nSTATUS=\(status)" }

    /// The message sent when shutdown begins.
    public static func stoppingMessage(status: String = "stopping: masters release their addresses") -> String {
        "STOPPING=1\nSTATUS=\(status)"
    }

    /// CLOCK_MONOTONIC now in microseconds, for `MONOTONIC_USEC=`.
    public static var monotonicMicroseconds: Int64 { MonotonicClock.nanoseconds() / 1000 }
}
