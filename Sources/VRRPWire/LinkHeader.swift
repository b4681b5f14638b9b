/// The link-layer header a frame was captured with.
public enum LinkHeader: Hashable, Sendable {
    /// Ethernet II, optionally 802.1Q-tagged.
    case ethernet(EthernetFrame)
    /// A Linux cooked capture header (SLL or SLL2).
    case linuxCooked(LinuxCookedHeader)
    /// No link-layer header: the frame starts with the IP header.
    case raw
}
