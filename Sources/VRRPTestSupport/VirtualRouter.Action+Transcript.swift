public import VRRPStateMachine
import VRRPWire

extension VirtualRouter.Action {
    /// The action in the timing DSL's words: `advert p=100`, `add 192.0.2.100`, `garp 192.0.2.100`,
    /// `na 2001:db8::100`, `Backup->Master (master down)`, `discard (ttl 64)`, `rejected (priority)`.
    public var transcriptText: String {
        switch self {
        case .sendAdvertisement(let advert): "advert p=\(advert.priority)"
        case .addAddresses(let addresses): "add " + addresses.map(\.description).joined(separator: ",")
        case .removeAddresses(let addresses): "remove " + addresses.map(\.description).joined(separator: ",")
        case .sendGratuitousARP(let address): "garp \(address)"
        case .sendNeighborAdvertisement(let address): "na \(address)"
        case .stateChanged(let from, let to, let reason): "\(from)->\(to) (\(reason))"
        case .discarded(let reason): "discard (\(reason))"
        case .configurationRejected(let error): "rejected (\(error.field))"
        }
    }

    /// Renders actions as bracketed items, runs of identical items folded as `[garp 192.0.2.100 x5]`.
    public static func transcript(_ actions: [VirtualRouter.Action]) -> String {
        var items: [(text: String, count: Int)] = []
        for action in actions {
            let text = action.transcriptText
            if let last = items.last, last.text == text {
                items[items.count - 1].count += 1
            } else {
                items.append((text, 1))
            }
        }
        return items.map { $0.count == 1 ? "[\($0.text)]" : "[\($0.text) x\($0.count)]" }.joined(separator: " ")
    }
}
