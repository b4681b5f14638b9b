import VRRPStateMachine

extension StatusDocument {
    /// The document as `vrrpctl status` prints it: one block per instance, the weight arithmetic spelled out.
    public func renderText() -> String {
        guard !instances.isEmpty else { return "No instances.\n" }
        return instances.map(Self.render).joined(separator: "\n")
    }

    static func render(_ instance: Instance) -> String {
        let family = instance.family == "ipv4" ? "IPv4" : "IPv6"
        var text = "\(instance.name): \(instance.state)"
        if instance.released { text += " (released by operator)" }
        if let since = instance.since {
            text += " since \(since)"
            if let ago = instance.lastTransition?.agoMs { text += " (\(Self.human(ago)) ago)" }
        }
        text += "\n"
        text += line("router", "\(instance.interface) VRID \(instance.vrid) \(family) VRRPv\(instance.version)")
        if let vmac = instance.vmacInterface { text += line("vmac", vmac) }
        if !instance.faultCauses.isEmpty { text += line("fault", instance.faultCauses.joined(separator: "; ")) }

        // The priority arithmetic: base, each item's contribution, the effective result.
        let priority = instance.priority
        text += line("priority", pad(String(priority.base), 5) + "  base")
        for item in priority.trackedItems {
            let signed = item.contribution >= 0 ? "+\(item.contribution)" : "\(item.contribution)"
            var note = "weight \(item.weight)\(item.reverse ? " reverse" : ""), \(item.up ? "up" : "down")"
            if item.weight == 0 { note += item.up == item.reverse ? " → FAULT" : ", FAULT while down" }
            if let value = item.value {
                note = "value \(value) × weight \(item.weight)\(item.reverse ? " reverse" : "")"
                if !item.up { note += " → FAULT" }
            }
            text += line("", pad(signed, 5) + "  \(item.name) (\(note))")
        }
        let sum = priority.base + priority.trackedItems.reduce(0) { $0 + $1.contribution }
        var result = "= " + pad(String(priority.effective), 3) + "  effective"
        if sum != priority.effective { result += " (\(sum) clamped)" }
        text += line("", pad(result, 0))

        if let master = instance.master {
            var value = master.address + (master.isSelf ? " (this node)" : "")
            if let ago = master.lastAdvertisementAgoMs { value += ", last advert \(Self.human(ago)) ago" }
            text += line("master", value)
        } else {
            text += line("master", "none known")
        }
        let timers = instance.timers
        text += line(
            "timers",
            "Master_Adver_Interval \(Self.human(timers.masterAdverIntervalMs)), "
                + "Skew_Time \(Self.human(timers.skewTimeMs)), "
                + "Master_Down_Interval \(Self.human(timers.masterDownIntervalMs))"
                + (timers.masterDownInMs.map { ", master down in \(Self.human(max($0, 0)))" } ?? ""))
        for (index, address) in instance.virtualAddresses.enumerated() {
            let presence =
                switch address.present {
                case true?: "present"
                case false?: "absent"
                case nil: "unknown"
                }
            text += line(index == 0 ? "addresses" : "", "\(address.address) \(presence)")
        }
        if let transition = instance.lastTransition {
            text += line(
                "last",
                "\(transition.from) → \(transition.to) (\(transition.reason)) at \(transition.at), "
                    + "\(Self.human(transition.agoMs)) ago")
        }
        if let takeover = instance.lastTakeover {
            let addresses = takeover.addressesInstalledMs.map { "addresses +\(Self.human($0))" } ?? "addresses –"
            let first = takeover.firstAnnouncementMs.map { "first GARP/NA +\(Self.human($0))" } ?? "first GARP/NA –"
            text += line("takeover", "at \(takeover.at): \(addresses), \(first)")
        }
        let counters = Self.counterOrder.compactMap { key in instance.counters[key].map { "\(key) \($0)" } }
        for (index, chunk) in stride(from: 0, to: counters.count, by: 4).enumerated() {
            let slice = counters[chunk..<min(chunk + 4, counters.count)]
            text += line(index == 0 ? "counters" : "", slice.joined(separator: ", "))
        }
        return text
    }

    static let counterOrder = counters(.init()).map(\.0)

    static func line(_ label: String, _ value: String) -> String {
        "  " + label + String(repeating: " ", count: max(1, 11 - label.count)) + value + "\n"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// `850 ms`, `3.61 s`, `2 min 5 s`, `3 h 2 min`.
    static func human(_ milliseconds: Double) -> String {
        if milliseconds < 10 { return String(format2(milliseconds)) + " ms" }
        if milliseconds < 1_000 { return String(Int(milliseconds.rounded())) + " ms" }
        let seconds = milliseconds / 1_000
        if seconds < 60 { return format2(seconds) + " s" }
        let whole = Int(seconds)
        if whole < 3_600 { return "\(whole / 60) min \(whole % 60) s" }
        if whole < 86_400 { return "\(whole / 3_600) h \(whole % 3_600 / 60) min" }
        return "\(whole / 86_400) d \(whole % 86_400 / 3_600) h"
    }

    /// Two decimals without Foundation formatting: `3.61`.
    static func format2(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + String(fraction)
    }
}
