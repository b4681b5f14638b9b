/// Why a ``VirtualRouter/Configuration`` was refused: which setting, and what was wrong with it.
///
/// Equality compares the ``field`` only; ``reason`` names the value found and what was expected.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The setting at fault.
    public var field: Field
    /// A sentence naming the value found and what was expected.
    public var reason: String

    /// An error for a setting with a reason.
    public init(_ field: Field, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    public static func == (lhs: ConfigurationError, rhs: ConfigurationError) -> Bool { lhs.field == rhs.field }
    public func hash(into hasher: inout Hasher) { hasher.combine(field) }

    /// `field: reason`.
    public var description: String { "\(field): \(reason)" }

    /// The settings a configuration error can name.
    public enum Field: String, Hashable, Sendable, CustomStringConvertible {
        /// `virtual_router_id`.
        case virtualRouterID
        /// `priority`.
        case priority
        /// `version` (or a family the version cannot carry).
        case version
        /// `advert_int`.
        case advertisementInterval
        /// `virtual_ipaddress` / `virtual_ipaddress_excluded`.
        case virtualAddresses
        /// The source address.
        case primaryAddress
        /// `unicast_peer`.
        case unicastPeers
        /// `authentication`.
        case authentication
        /// `preempt_delay`.
        case preemptDelay
        /// `down_timer_adverts`.
        case downTimerAdverts
        /// `track_*` items.
        case trackedItems
        /// `garp_*` tunables.
        case announcements
        /// A reload that changes the VRID or the family: that is another router.
        case identity

        /// The field's name.
        public var description: String { rawValue }
    }
}
