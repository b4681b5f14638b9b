import VRRPStateMachine

extension TrackedItemStatus {
    /// An item's status from its router reading (1 / 0 for a condition's up / down, the number for a value).
    init(_ item: TrackedItem, reading: Int) {
        let isUp: Bool
        let value: Int?
        switch item.kind {
        case .condition:
            isUp = reading != 0
            value = nil
        case .value:
            isUp = !TrackedPriority.causesFault(item, reading: reading)
            value = reading
        }
        self.init(
            name: item.name, weight: item.weight, reverse: item.reverse, isUp: isUp,
            contribution: TrackedPriority.contribution(of: item, reading: reading), value: value)
    }
}
