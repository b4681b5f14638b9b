import VRRPWire

extension SegmentWatcher {
    /// The table `vrrpctl watch` prints: one block per virtual router with its speakers, then the problems.
    ///
    /// - Parameters:
    ///   - now: the time "last heard" is measured from (the latest frame when nil).
    ///   - problemLimit: how many of the latest problems to list.
    public func renderTable(now: CaptureTimestamp? = nil, problemLimit: Int = 20) -> String {
        let reference = now ?? self.now
        var text = ""
        if routers.isEmpty { text += "No VRRP advertisements seen yet (\(frames) frames).\n" }
        for router in routers {
            let family = router.family == .ipv4 ? "IPv4" : "IPv6"
            var heading = "VRID \(router.virtualRouterID) \(family): "
            if router.splitBrain {
                heading += "SPLIT BRAIN (\(router.advertising.map(\.description).joined(separator: ", ")))"
            } else if let master = router.master {
                heading += "master \(master)"
            } else if router.masterSilent, let last = router.lastMaster {
                heading += "NO MASTER (last: \(last), silent)"
            } else {
                heading += "no master"
            }
            text += heading + "\n"
            let header = [
                "speaker", "prio", "ver", "interval", "adverts", "period", "jitter", "ttl", "auth", "last",
                "addresses",
            ]
            var rows: [[String]] = [header]
            for speaker in router.speakers {
                let role =
                    router.advertising.contains(speaker.address)
                    ? (speaker.address == router.master ? "*" : "!") : (speaker.released ? "-" : " ")
                let last = reference.map { Self.describe($0.duration(since: speaker.lastSeen)) + " ago" } ?? "–"
                rows.append([
                    role + speaker.address.description, String(speaker.priority), "v\(speaker.version.rawValue)",
                    speaker.interval.description, String(speaker.advertisements),
                    speaker.meanPeriod.map(Self.describePrecise) ?? "–",
                    speaker.jitter.map(Self.describePrecise) ?? "–",
                    String(speaker.hopLimit), speaker.authentication, last, Self.list(speaker.addresses),
                ])
            }
            text += Self.columns(rows, indent: "  ")
        }
        let recent = problems.suffix(problemLimit)
        if !recent.isEmpty {
            text += "Problems (\(problems.count)):\n"
            for problem in recent { text += "  \(problem.at) \(problem)\n" }
        } else {
            text += "No problems.\n"
        }
        text += "Legend: * master, ! also advertising, - released (priority 0).\n"
        return text
    }

    /// `1.000 s`, `312 µs`.
    static func describePrecise(_ duration: Duration) -> String {
        let nanoseconds = duration.nanosecondsValue
        if nanoseconds < 1_000_000 { return "\(nanoseconds / 1_000) µs" }
        if nanoseconds < 1_000_000_000 {
            return "\(nanoseconds / 1_000_000).\(pad(nanoseconds / 10_000 % 100, 2)) ms"
        }
        return "\(nanoseconds / 1_000_000_000).\(pad(nanoseconds / 1_000_000 % 1000, 3)) s"
    }

    static func columns(_ rows: [[String]], indent: String) -> String {
        guard let first = rows.first else { return "" }
        var widths = [Int](repeating: 0, count: first.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        return rows.map { row in
            var line = indent
            for (index, cell) in row.enumerated() {
                line += cell
                if index < row.count - 1 { line += String(repeating: " ", count: widths[index] - cell.count + 2) }
            }
            return line + "\n"
        }.joined()
    }
}
