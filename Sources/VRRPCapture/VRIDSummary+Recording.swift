import VRRPWire

extension VRIDSummary {
    /// Counts one decoded advertisement; `period` is the time since the same speaker's previous one.
    mutating func record(_ received: ReceivedAdvertisement, period: Duration?) {
        let advertisement = received.advertisement
        advertisements += 1
        versions.insert(advertisement.version)
        checksumVariants[received.checksumVariant, default: 0] += 1
        if received.ip.viaAuthenticationHeader { viaAuthenticationHeader += 1 }
        let source = received.ip.endpoints.source
        if let index = speakers.firstIndex(where: { $0.address == source }) {
            speakers[index].advertisements += 1
            if speakers[index].priorities.last != advertisement.priority {
                speakers[index].priorities.append(advertisement.priority)
            }
        } else {
            speakers.append(Speaker(address: source, priorities: [advertisement.priority], advertisements: 1))
        }
        if let period { periods.append(period) }
    }
}
